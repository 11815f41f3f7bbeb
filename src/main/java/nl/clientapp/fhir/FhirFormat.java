package nl.clientapp.fhir;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.MediaType;

/** The two FHIR formats this endpoint reads and writes, chosen from Content-Type, Accept or _format. */
enum FhirFormat {
    JSON("application/fhir+json"),
    XML("application/fhir+xml");

    static final String FHIR_JSON = "application/fhir+json";
    static final String FHIR_XML = "application/fhir+xml";

    final String mediaType;

    FhirFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** Returns the format of a request body; JSON unless the content type names XML. */
    static FhirFormat ofContentType(MediaType contentType) {
        return contentType != null && contentType.getSubtype().toLowerCase(Locale.ROOT).contains("xml") ? XML : JSON;
    }

    /**
     * Returns the response format: the {@code _format} parameter when given (as FHIR defines it),
     * else the first acceptable media type that names XML or JSON, else JSON.
     */
    static FhirFormat forResponse(String formatParameter, List<MediaType> acceptable) {
        if (formatParameter != null && !formatParameter.isBlank()) {
            return formatParameter.toLowerCase(Locale.ROOT).contains("xml") ? XML : JSON;
        }
        for (MediaType type : acceptable) {
            String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
            if (subtype.contains("xml")) {
                return XML;
            }
            if (subtype.contains("json")) {
                return JSON;
            }
        }
        return JSON;
    }
}
