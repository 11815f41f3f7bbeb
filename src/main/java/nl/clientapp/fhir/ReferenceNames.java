package nl.clientapp.fhir;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves references to people, organisations and locations into names, from the stored resource
 * when this organisation sent it, else from the reference's display. An unresolvable reference
 * without a display gives null, so the projection leaves that name out.
 */
@ApplicationScoped
class ReferenceNames {

    @Inject
    StoredResources storedResources;

    /** Returns the stored resource a reference points to, parsed, or empty when it was not imported. */
    Optional<Resource> resolve(UUID organisationId, Reference reference) {
        return storedResources.find(organisationId, FhirValues.relativeReference(reference))
                .map(stored -> Fhir.parseStored(stored.content()));
    }

    /** Returns the name of what a reference points to; a PractitionerRole is named after its Practitioner. */
    String name(UUID organisationId, Reference reference) {
        String resolved = resolve(organisationId, reference).map(resource -> name(organisationId, resource)).orElse(null);
        return resolved != null ? resolved : display(reference);
    }

    /** Returns the name of the organisation a PractitionerRole works for, else null. */
    String organisationName(UUID organisationId, PractitionerRole role) {
        return role.hasOrganization() ? name(organisationId, role.getOrganization()) : null;
    }

    private String name(UUID organisationId, Resource resource) {
        if (resource instanceof Practitioner practitioner) {
            return FhirValues.displayName(practitioner.getName());
        }
        if (resource instanceof PractitionerRole role) {
            return role.hasPractitioner() ? name(organisationId, role.getPractitioner()) : null;
        }
        if (resource instanceof RelatedPerson person) {
            return FhirValues.displayName(person.getName());
        }
        if (resource instanceof Patient patient) {
            return FhirValues.displayName(patient.getName());
        }
        if (resource instanceof Organization organization) {
            return organization.getName();
        }
        if (resource instanceof Location location) {
            return location.getName();
        }
        return null;
    }

    private static String display(Reference reference) {
        return reference != null && reference.hasDisplay() ? reference.getDisplay() : null;
    }
}
