package nl.clientapp.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * CarePlan → {@code care_plan_item}: the plan as PLAN and each activity as ACTIVITY. A Nictiz
 * NursingIntervention is a CarePlan of one intervention, so it gives only ACTIVITY rows.
 */
@ApplicationScoped
class CarePlanProjection implements Projection {

    private static final String NURSING_INTERVENTION_PROFILE = "http://nictiz.nl/fhir/StructureDefinition/nl-core-NursingIntervention";

    @Inject
    CarePlanItems items;

    @Inject
    ReadModels readModels;

    @Override
    public String resourceType() {
        return "CarePlan";
    }

    @Override
    public String documentation() {
        return "Care plan: the CarePlan is an item of kind PLAN (title from title, description or category; domain "
                + "from category; status; period) and each activity an item of kind ACTIVITY (title from the activity's "
                + "code, description, status, scheduled period). A Nictiz NursingIntervention (nl-core-NursingIntervention, "
                + "a CarePlan) gives only its activities.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        CarePlan plan = (CarePlan) resource;
        String sourceRef = "CarePlan/" + plan.getIdElement().getIdPart();
        String domain = FhirValues.display(List.copyOf(plan.getCategory()));
        LocalDate start = FhirValues.localDate(plan.getPeriod().getStartElement());
        LocalDate end = FhirValues.localDate(plan.getPeriod().getEndElement());
        String status = plan.hasStatus() ? plan.getStatus().toCode() : null;
        boolean intervention = plan.getMeta().getProfile().stream().anyMatch(profile -> NURSING_INTERVENTION_PROFILE.equals(profile.getValue()));

        if (!intervention) {
            String title = plan.hasTitle() ? plan.getTitle() : plan.hasDescription() ? plan.getDescription() : domain;
            String description = plan.hasTitle() ? plan.getDescription() : null;
            items.upsert(clientId, new CarePlanItems.Item(sourceRef, "PLAN", domain, title == null ? "" : title, description, status, start,
                    end));
        }
        List<String> activityRefs = new ArrayList<>();
        List<CarePlanActivityComponent> activities = plan.getActivity();
        for (int index = 0; index < activities.size(); index++) {
            CarePlanItems.Item activity = activity(sourceRef + "#activity-" + index, activities.get(index), domain, status, start, end);
            if (activity != null) {
                items.upsert(clientId, activity);
                activityRefs.add(activity.sourceRef());
            }
        }
        readModels.retractPartsExcept("care_plan_item", clientId, sourceRef, activityRefs);
        return intervention && activityRefs.isEmpty() ? ProjectionOutcome.skipped("no-activities") : ProjectionOutcome.PROJECTED;
    }

    private static CarePlanItems.Item activity(String sourceRef, CarePlanActivityComponent activity, String domain, String planStatus,
            LocalDate planStart, LocalDate planEnd) {
        CarePlanActivityDetailComponent detail = activity.getDetail();
        String code = FhirValues.display(detail.getCode());
        String title = code != null ? code : detail.getDescription();
        if (title == null) {
            title = activity.getReference().getDisplay();
        }
        if (title == null) {
            return null;
        }
        String description = code != null ? detail.getDescription() : null;
        LocalDate start = planStart;
        LocalDate end = planEnd;
        if (detail.hasScheduledPeriod()) {
            start = FhirValues.localDate(detail.getScheduledPeriod().getStartElement());
            end = FhirValues.localDate(detail.getScheduledPeriod().getEndElement());
        } else if (detail.hasScheduledTiming() && detail.getScheduledTiming().getRepeat().hasBoundsPeriod()) {
            start = FhirValues.localDate(detail.getScheduledTiming().getRepeat().getBoundsPeriod().getStartElement());
            end = FhirValues.localDate(detail.getScheduledTiming().getRepeat().getBoundsPeriod().getEndElement());
        }
        String status = detail.hasStatus() ? detail.getStatus().toCode() : planStatus;
        return new CarePlanItems.Item(sourceRef, "ACTIVITY", domain, title, description, status, start, end);
    }
}
