package nl.clientapp.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Observation with a value → {@code measurement} plus a MEASUREMENT timeline item. SOEP report lines
 * are shown inside their report instead.
 */
@ApplicationScoped
class ObservationProjection implements Projection {

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    @Override
    public String resourceType() {
        return "Observation";
    }

    @Override
    public String documentation() {
        return "Measurement (vital signs, scores such as Barthel, SNAQ65+, DOS, pain) when the Observation has a value "
                + "or component values: name from code text or display, numeric value and unit, or the value as text, "
                + "components (blood pressure), time from effective[x] or issued. Each measurement is also a timeline "
                + "item. SOEP lines (code Subjective, Objective, Evaluation/Assessment or Plan, or the "
                + "nl-core-SOAPReport.SOAPLine profile) are not measurements: their text appears in the report.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        Observation observation = (Observation) resource;
        if (SoepSections.isSoepLine(observation)) {
            return ProjectionOutcome.skipped("soep-line");
        }
        if (!observation.hasValue() && observation.getComponent().stream().noneMatch(component -> component.hasValue())) {
            return ProjectionOutcome.skipped("no-value");
        }
        Instant measuredAt = measuredAt(observation);
        if (measuredAt == null) {
            return ProjectionOutcome.skipped("no-time");
        }

        Coding coding = observation.getCode().getCodingFirstRep();
        String name = FhirValues.display(observation.getCode());
        Value value = value(observation.getValue());
        List<Map<String, Object>> components = new ArrayList<>();
        observation.getComponent().forEach(component -> components.add(component(component.getCode(), component.getValue())));

        UUID measurementId = (UUID) entityManager.createNativeQuery("""
                insert into measurement (id, client_id, source_ref, code_system, code, name, value, unit, value_text,
                    components, measured_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as jsonb), ?11, ?12)
                on conflict (client_id, source_ref) do update
                set code_system = excluded.code_system, code = excluded.code, name = excluded.name, value = excluded.value,
                    unit = excluded.unit, value_text = excluded.value_text, components = excluded.components,
                    measured_at = excluded.measured_at, updated_at = excluded.updated_at
                returning id""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, "Observation/" + observation.getIdElement().getIdPart())
                .setParameter(4, coding.getSystem())
                .setParameter(5, coding.getCode())
                .setParameter(6, name == null ? "" : name)
                .setParameter(7, value.number())
                .setParameter(8, value.unit())
                .setParameter(9, value.text())
                .setParameter(10, components.isEmpty() ? null : readModels.json(components))
                .setParameter(11, java.sql.Timestamp.from(measuredAt))
                .setParameter(12, readModels.now())
                .getSingleResult();
        readModels.upsertTimelineItem(clientId, "MEASUREMENT", measuredAt, measurementId, null, name);
        return ProjectionOutcome.PROJECTED;
    }

    private record Value(BigDecimal number, String unit, String text) {
    }

    private static Value value(Type value) {
        if (value instanceof Quantity quantity) {
            String unit = quantity.hasUnit() ? quantity.getUnit() : quantity.getCode();
            return new Value(quantity.getValue(), unit, null);
        }
        if (value instanceof IntegerType integer) {
            return new Value(BigDecimal.valueOf(integer.getValue()), null, null);
        }
        if (value instanceof StringType string) {
            return new Value(null, null, string.getValue());
        }
        if (value instanceof CodeableConcept concept) {
            return new Value(null, null, FhirValues.display(concept));
        }
        if (value instanceof BooleanType bool) {
            return new Value(null, null, String.valueOf(bool.getValue()));
        }
        return new Value(null, null, value == null || value.isEmpty() ? null : value.primitiveValue());
    }

    private static Map<String, Object> component(CodeableConcept code, Type rawValue) {
        Value value = value(rawValue);
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("name", FhirValues.display(code));
        component.put("value", value.number());
        component.put("unit", value.unit());
        component.put("valueText", value.text());
        component.values().removeIf(entry -> entry == null);
        return component;
    }

    private static Instant measuredAt(Observation observation) {
        if (observation.hasEffectiveDateTimeType()) {
            return FhirValues.instant(observation.getEffectiveDateTimeType());
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return FhirValues.instant(observation.getEffectivePeriod().getStartElement());
        }
        if (observation.hasEffectiveInstantType()) {
            return observation.getEffectiveInstantType().getValue().toInstant();
        }
        return observation.hasIssued() ? observation.getIssued().toInstant() : null;
    }
}
