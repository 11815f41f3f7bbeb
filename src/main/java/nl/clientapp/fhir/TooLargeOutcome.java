package nl.clientapp.fhir;

import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The OperationOutcomes for a /fhir request whose body, URL or headers exceed the server's limits (I1). */
public final class TooLargeOutcome {

    private TooLargeOutcome() {
    }

    /** Returns the outcome as FHIR JSON, its diagnostics in the caller's language. */
    public static String json(Locale locale, long limitMegabytes) {
        return Fhir.CONTEXT.newJsonParser().encodeResourceToString(OperationOutcomes.of(locale,
                List.of(FhirIssue.error(IssueType.TOOCOSTLY, null, "fhir.error.too-large", limitMegabytes))));
    }

    /** Returns the outcome for a path and query longer than {@code maxLength} characters. */
    public static String uriTooLong(Locale locale, int maxLength) {
        return Fhir.CONTEXT.newJsonParser().encodeResourceToString(OperationOutcomes.of(locale,
                List.of(FhirIssue.error(IssueType.TOOLONG, null, "fhir.error.uri-too-long", maxLength))));
    }

    /** Returns the outcome for more than {@code maxCount} headers or more than {@code maxKilobytes} KB of them. */
    public static String headersTooLarge(Locale locale, int maxCount, int maxKilobytes) {
        return Fhir.CONTEXT.newJsonParser().encodeResourceToString(OperationOutcomes.of(locale,
                List.of(FhirIssue.error(IssueType.TOOLONG, null, "fhir.error.headers-too-large", maxCount, maxKilobytes))));
    }
}
