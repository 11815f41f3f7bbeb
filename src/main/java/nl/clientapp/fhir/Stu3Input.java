package nl.clientapp.fhir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.hl7.fhir.convertors.factory.VersionConvertorFactory_30_40;
import org.hl7.fhir.dstu3.formats.JsonParser;
import org.hl7.fhir.dstu3.formats.ParserBase;
import org.hl7.fhir.dstu3.formats.XmlParser;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * STU3 (3.0) bodies, as many Dutch ECDs send them in MedMij long-term-care (BgLZ) exchanges: parsed
 * with the HL7 STU3 model and converted to R4 with the HL7 version converter, after which they are
 * imported like R4 resources. The client marks such a body with the media type parameter
 * {@code fhirVersion=3.0}, as FHIR specifies (http.html#version-parameter).
 */
final class Stu3Input {

    /** The FHIR versions a request body may name in its Content-Type. */
    enum Version {
        R4, STU3;

        /** Returns the version of a {@code fhirVersion} media type parameter; absent means R4. */
        static Version of(String parameter) {
            if (parameter == null || parameter.isBlank()) {
                return R4;
            }
            String value = parameter.trim().toLowerCase(Locale.ROOT);
            if (value.equals("3.0") || value.matches("3\\.0\\.[0-9]+")) {
                return STU3;
            }
            if (value.equals("4.0") || value.matches("4\\.0\\.[0-9]+")) {
                return R4;
            }
            throw new FhirException(415, FhirIssue.error(IssueType.NOTSUPPORTED, null, "fhir.error.fhir-version", parameter));
        }
    }

    private Stu3Input() {
    }

    /**
     * Parses an STU3 body and converts it to R4. Unknown elements are accepted, as for R4 bodies. A body
     * that does not parse is a 400 of code structure, and one that the converter cannot map a 400 of code processing.
     */
    static Resource parse(String text, FhirFormat format) {
        ParserBase parser = format == FhirFormat.XML ? new XmlParser() : new JsonParser();
        parser.setAllowUnknownContent(true);
        org.hl7.fhir.dstu3.model.Resource stu3;
        try {
            stu3 = parser.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new FhirException(400, FhirIssue.error(IssueType.STRUCTURE, null, "fhir.error.unparseable-stu3", format.name(),
                    ResourceReader.parserMessage(e)));
        }
        try {
            return VersionConvertorFactory_30_40.convertResource(stu3);
        } catch (RuntimeException e) {
            // FHIRException, the converter's own, is a RuntimeException.
            throw new FhirException(400, FhirIssue.error(IssueType.PROCESSING, stu3.fhirType(), "fhir.error.stu3-conversion",
                    stu3.fhirType(), ResourceReader.parserMessage(e)));
        }
    }
}
