package nl.clientapp.fhir;

import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The OperationOutcome for a /fhir request that the server could not process now but may later (503). */
public final class UnavailableOutcome {

    private UnavailableOutcome() {
    }

    /** Returns the outcome for a request that found no free database connection, as FHIR JSON in the caller's language. */
    public static String databaseBusyJson(Locale locale, long retryAfterSeconds) {
        return Fhir.CONTEXT.newJsonParser().encodeResourceToString(OperationOutcomes.of(locale,
                List.of(FhirIssue.error(IssueType.TRANSIENT, null, "fhir.error.database-busy", retryAfterSeconds))));
    }
}
