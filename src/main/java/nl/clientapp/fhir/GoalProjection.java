package nl.clientapp.fhir;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Goal.GoalTargetComponent;
import org.hl7.fhir.r4.model.Resource;

/** Goal (such as the Nictiz TreatmentObjective) → {@code care_plan_item} of kind GOAL. */
@ApplicationScoped
class GoalProjection implements Projection {

    @Inject
    CarePlanItems items;

    @Override
    public String resourceType() {
        return "Goal";
    }

    @Override
    public String documentation() {
        return "Care plan item of kind GOAL: title from description, domain from category, lifecycle status, period "
                + "from start date to the first target due date.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        Goal goal = (Goal) resource;
        String title = FhirValues.display(goal.getDescription());
        if (title == null) {
            return ProjectionOutcome.skipped("no-title");
        }
        LocalDate start = goal.hasStartDateType() ? FhirValues.localDate(goal.getStartDateType()) : null;
        LocalDate due = goal.getTarget().stream()
                .filter(GoalTargetComponent::hasDueDateType)
                .map(target -> FhirValues.localDate(target.getDueDateType()))
                .findFirst().orElse(null);
        String description = goal.getNote().isEmpty() ? null : goal.getNoteFirstRep().getText();

        items.upsert(clientId, new CarePlanItems.Item("Goal/" + goal.getIdElement().getIdPart(), "GOAL",
                FhirValues.display(goal.getCategory()), title, description,
                goal.hasLifecycleStatus() ? goal.getLifecycleStatus().toCode() : null, start, due));
        return ProjectionOutcome.PROJECTED;
    }
}
