package nl.clientapp.fhir;

import java.util.Locale;
import java.util.Map;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * The four parts of a SOEP nursing report (Subjectief, Objectief, Evaluatie, Plan, called SOAP in English).
 * A part is recognised by the SNOMED CT codes of the Nictiz nl-core-SOAPReport profile, by LOINC note
 * codes, or else by the start of its display text.
 */
final class SoepSections {

    private static final String SNOMED = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";
    private static final String SOAP_LINE_PROFILE = "http://nictiz.nl/fhir/StructureDefinition/nl-core-SOAPReport.SOAPLine";

    private static final Map<String, String> CODES = Map.of(
            SNOMED + "|255362007", "S",
            SNOMED + "|260224007", "O",
            SNOMED + "|129265001", "E",
            SNOMED + "|129271007", "P",
            LOINC + "|61150-9", "S",
            LOINC + "|61149-1", "O",
            LOINC + "|51848-0", "E",
            LOINC + "|18776-5", "P");

    private SoepSections() {
    }

    /** Returns S, O, E or P for a section or line code, or null for any other code. */
    static String letter(CodeableConcept code) {
        if (code == null) {
            return null;
        }
        for (Coding coding : code.getCoding()) {
            String letter = CODES.get(coding.getSystem() + "|" + coding.getCode());
            if (letter != null) {
                return letter;
            }
        }
        return letterFromText(FhirValues.display(code));
    }

    /** Returns the letter for a title such as "Subjective", "Evaluatie", "Assessment" or "Beleid", or null. */
    static String letterFromText(String text) {
        if (text == null) {
            return null;
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("subj")) {
            return "S";
        }
        if (lower.startsWith("obj")) {
            return "O";
        }
        if (lower.startsWith("eval") || lower.startsWith("assess") || lower.startsWith("beoordel") || lower.startsWith("analy")) {
            return "E";
        }
        if (lower.startsWith("plan") || lower.startsWith("beleid")) {
            return "P";
        }
        return null;
    }

    /** Tells whether an Observation is one line of a SOEP report rather than a measurement. */
    static boolean isSoepLine(Observation observation) {
        boolean profiled = observation.getMeta().getProfile().stream().anyMatch(profile -> SOAP_LINE_PROFILE.equals(profile.getValue()));
        boolean coded = observation.getCode().getCoding().stream().anyMatch(coding -> CODES.containsKey(coding.getSystem() + "|" + coding.getCode()));
        return profiled || coded;
    }
}
