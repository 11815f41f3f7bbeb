package nl.clientapp.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** Builds OperationOutcomes with diagnostics in the request's language, and the issues an import result reports. */
final class OperationOutcomes {

    private OperationOutcomes() {
    }

    static OperationOutcome of(Locale locale, List<FhirIssue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (FhirIssue issue : issues) {
            OperationOutcomeIssueComponent component = outcome.addIssue()
                    .setSeverity(issue.severity())
                    .setCode(issue.code())
                    .setDiagnostics(FhirTexts.get(locale, issue.messageKey(), issue.arguments()));
            if (issue.expression() != null) {
                component.addExpression(issue.expression());
            }
        }
        return outcome;
    }

    /** Returns the issues of an import result: what happened, then its warnings. */
    static List<FhirIssue> issues(ImportResult result) {
        List<FhirIssue> issues = new ArrayList<>();
        issues.add(describe(result));
        issues.addAll(result.warnings());
        return issues;
    }

    /** Returns the information issue that describes what happened to an imported resource. */
    static FhirIssue describe(ImportResult result) {
        String reference = result.reference();
        if (result.change() == StoredResources.Change.UNCHANGED) {
            return FhirIssue.information("fhir.info.unchanged", reference, result.version());
        }
        ProjectionOutcome outcome = result.outcome();
        return switch (outcome.kind()) {
            case PROJECTED -> FhirIssue.information("fhir.info.projected", reference, result.version());
            case TYPE_NOT_PROJECTED -> Projector.REFERENCED_TYPES.contains(result.resourceType())
                    ? FhirIssue.information("fhir.info.type-referenced", reference, result.version())
                    : FhirIssue.information("fhir.info.type-not-projected", reference, result.version(), result.resourceType());
            case WAITING_FOR_PATIENT -> FhirIssue.information("fhir.info.waiting-for-patient", reference, result.version(), outcome.detail());
            case NO_PATIENT -> FhirIssue.information("fhir.info.no-patient", reference, result.version());
            case SKIPPED -> FhirIssue.information("fhir.info.skipped." + outcome.detail(), reference, result.version());
        };
    }
}
