package nl.clientapp.fhir;

import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The OperationOutcome for a /fhir request whose body exceeds the server's body limit (I1). */
public final class TooLargeOutcome {

    private TooLargeOutcome() {
    }

    /** Returns the outcome as FHIR JSON, its diagnostics in the caller's language. */
    public static String json(Locale locale, long limitMegabytes) {
        return Fhir.CONTEXT.newJsonParser().encodeResourceToString(OperationOutcomes.of(locale,
                List.of(FhirIssue.error(IssueType.TOOCOSTLY, null, "fhir.error.too-large", limitMegabytes))));
    }
}
