package nl.clientapp.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /**
     * Builds the same outcome as {@link #databaseBusyJson} as plain JSON values, without HAPI.
     * The OpenAPI document is built while the application starts, and encoding with HAPI there
     * would build the FHIR context on the startup path.
     */
    public static Map<String, Object> databaseBusyExample(Locale locale, long retryAfterSeconds) {
        return transientIssue(locale, "fhir.error.database-busy", retryAfterSeconds);
    }

    /**
     * Returns the outcome for a request turned away because the server has as many requests as it
     * can serve, as plain JSON values: the filter that sends it runs on the event loop, where
     * building the FHIR context would block.
     */
    public static Map<String, Object> serverBusy(Locale locale, long retryAfterSeconds) {
        return transientIssue(locale, "fhir.error.server-busy", retryAfterSeconds);
    }

    private static Map<String, Object> transientIssue(Locale locale, String key, long retryAfterSeconds) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("severity", "error");
        issue.put("code", IssueType.TRANSIENT.toCode());
        issue.put("diagnostics", FhirTexts.get(locale, key, retryAfterSeconds));
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("resourceType", "OperationOutcome");
        outcome.put("issue", List.of(issue));
        return outcome;
    }
}
