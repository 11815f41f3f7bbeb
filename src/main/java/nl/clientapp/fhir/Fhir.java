package nl.clientapp.fhir;

import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;

/**
 * The shared FHIR R4 context and fresh parsers. The context is thread safe and expensive to build;
 * HAPI parsers are not thread safe, so every use gets a new one.
 */
final class Fhir {

    static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private Fhir() {
    }

    /**
     * Returns a new parser for the format. Unknown elements are accepted silently, so a profile's
     * extra elements do not fail an import; values that are invalid for their type still fail parsing.
     * The handler does not log, because its messages may quote dossier values.
     */
    static IParser parser(FhirFormat format) {
        IParser parser = format == FhirFormat.XML ? CONTEXT.newXmlParser() : CONTEXT.newJsonParser();
        LenientErrorHandler errors = new LenientErrorHandler(false);
        errors.setErrorOnInvalidValue(true);
        return parser.setParserErrorHandler(errors);
    }

    /** Returns the compact JSON encoding used for storage and the content hash. */
    static String canonicalJson(Resource resource) {
        return CONTEXT.newJsonParser().setPrettyPrint(false).encodeResourceToString(resource);
    }

    /** Parses JSON that this service stored earlier. */
    static Resource parseStored(String json) {
        return (Resource) parser(FhirFormat.JSON).parseResource(json);
    }
}
