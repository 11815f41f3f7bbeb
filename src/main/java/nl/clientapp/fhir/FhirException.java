package nl.clientapp.fhir;

import java.util.List;

/** A rejected FHIR request, returned as an OperationOutcome with the given HTTP status. */
class FhirException extends RuntimeException {

    private final int status;
    private final List<FhirIssue> issues;

    FhirException(int status, FhirIssue issue) {
        this(status, List.of(issue));
    }

    FhirException(int status, List<FhirIssue> issues) {
        // No stack trace: this is an expected outcome for a bad request, never logged as a fault.
        super(issues.get(0).messageKey(), null, false, false);
        this.status = status;
        this.issues = issues;
    }

    int status() {
        return status;
    }

    List<FhirIssue> issues() {
        return issues;
    }
}
