package nl.clientapp.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One OperationOutcome issue before translation: {@code messageKey} names a text in the
 * {@code messages/fhir} bundle, and {@code expression} is the FHIRPath of the element concerned, when known.
 */
record FhirIssue(IssueSeverity severity, IssueType code, String expression, String messageKey, Object... arguments) {

    static FhirIssue error(IssueType code, String expression, String messageKey, Object... arguments) {
        return new FhirIssue(IssueSeverity.ERROR, code, expression, messageKey, arguments);
    }

    static FhirIssue information(String messageKey, Object... arguments) {
        return new FhirIssue(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null, messageKey, arguments);
    }
}
