package nl.clientapp.fhir;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

import io.quarkus.arc.All;

/**
 * Runs the projection of a changed resource and of the stored resources that depend on it. Those are
 * the resources about a Patient that arrives later, and resources whose names or texts come from a
 * referenced resource (a CareTeam naming a PractitionerRole, a report reading its Observations).
 */
@ApplicationScoped
class Projector {

    /** Types whose projection reads other stored resources, so they are projected again when those change. */
    static final Set<String> REFERRING_TYPES = Set.of("CareTeam", "Composition", "Appointment", "DocumentReference", "PractitionerRole",
            "Media");

    /**
     * Types other projections read through references: names, report lines, document content. Patient is
     * not among them, because the resources about a Patient are found by their patient_ref instead.
     */
    static final Set<String> REFERENCED_TYPES = Set.of("Practitioner", "PractitionerRole", "RelatedPerson", "Organization", "Location",
            "Observation", "Binary");

    private final Map<String, Projection> projections;

    @Inject
    ReadModels readModels;

    @Inject
    StoredResources storedResources;

    @Inject
    Projector(@All List<Projection> projections) {
        this.projections = projections.stream().collect(Collectors.toMap(Projection::resourceType, Function.identity()));
    }

    Map<String, Projection> projections() {
        return projections;
    }

    /**
     * Projects a resource whose stored content just changed. Rows from an earlier version are removed
     * when the resource moved to another patient or no longer projects.
     */
    ProjectionOutcome onChange(UUID organisationId, Resource resource, String patientRef, boolean created, String previousPatientRef) {
        String sourceRef = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        boolean projectedType = projections.containsKey(resource.fhirType()) && !"Patient".equals(resource.fhirType());
        if (projectedType && !created && !Objects.equals(previousPatientRef, patientRef)) {
            readModels.retract(organisationId, sourceRef);
        }

        ProjectionOutcome outcome = project(organisationId, resource, patientRef);
        if (projectedType && !created && outcome.kind() != ProjectionOutcome.Kind.PROJECTED) {
            readModels.retract(organisationId, sourceRef);
        }

        if ("Patient".equals(resource.fhirType())) {
            for (StoredResources.Stored stored : storedResources.aboutPatient(organisationId, patientRef)) {
                project(organisationId, Fhir.parseStored(stored.content()), patientRef);
            }
        }
        if (REFERENCED_TYPES.contains(resource.fhirType())) {
            projectReferrers(organisationId, sourceRef, new HashSet<>(Set.of(sourceRef)));
        }
        return outcome;
    }

    /** Projects the resource for its patient's client, without touching rows of earlier versions. */
    ProjectionOutcome project(UUID organisationId, Resource resource, String patientRef) {
        Projection projection = projections.get(resource.fhirType());
        if (projection == null) {
            return new ProjectionOutcome(ProjectionOutcome.Kind.TYPE_NOT_PROJECTED, null);
        }
        if ("entered-in-error".equals(status(resource))) {
            return ProjectionOutcome.skipped("entered-in-error");
        }
        if ("Patient".equals(resource.fhirType())) {
            return projection.project(organisationId, null, resource);
        }
        if (patientRef == null) {
            return new ProjectionOutcome(ProjectionOutcome.Kind.NO_PATIENT, null);
        }
        UUID clientId = readModels.clientId(organisationId, patientRef);
        if (clientId == null) {
            return new ProjectionOutcome(ProjectionOutcome.Kind.WAITING_FOR_PATIENT, patientRef);
        }
        return projection.project(organisationId, clientId, resource);
    }

    /**
     * Projects again the stored resources that refer to {@code reference}; a PractitionerRole among them
     * passes the change on to what refers to it. {@code visited} stops reference cycles.
     */
    private void projectReferrers(UUID organisationId, String reference, Set<String> visited) {
        for (StoredResources.Stored referrer : storedResources.referringTo(organisationId, reference, REFERRING_TYPES)) {
            if (!visited.add(referrer.reference())) {
                continue;
            }
            // The stored patient_ref, because it includes a patient named by the import's patient parameter.
            project(organisationId, Fhir.parseStored(referrer.content()), referrer.patientRef());
            if (REFERENCED_TYPES.contains(referrer.resourceType())) {
                projectReferrers(organisationId, referrer.reference(), visited);
            }
        }
    }

    private static String status(Resource resource) {
        Property status = resource.getNamedProperty("status");
        if (status == null || !status.hasValues()) {
            return null;
        }
        Base value = status.getValues().get(0);
        return value.isPrimitive() ? value.primitiveValue() : null;
    }
}
