package nl.clientapp.fhir;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/** RelatedPerson → {@code network_member} of kind RELATIVE (contact persons, informal carers, relatives). */
@ApplicationScoped
class RelatedPersonProjection implements Projection {

    @Inject
    NetworkMembers networkMembers;

    @Override
    public String resourceType() {
        return "RelatedPerson";
    }

    @Override
    public String documentation() {
        return "Network member of kind RELATIVE: name, relation (the relationship codings' displays, the Dutch "
                + "display where the coding has one), phone number (mobile first). Inactive persons are not shown.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        RelatedPerson person = (RelatedPerson) resource;
        if (person.hasActive() && !person.getActive()) {
            return ProjectionOutcome.skipped("inactive");
        }
        String name = FhirValues.displayName(person.getName());
        if (name == null) {
            return ProjectionOutcome.skipped("no-name");
        }

        networkMembers.upsert(clientId, new NetworkMembers.Member(
                "RelatedPerson/" + person.getIdElement().getIdPart(),
                NetworkMembers.RELATIVE,
                name,
                FhirValues.display(person.getRelationship()),
                null,
                null,
                FhirValues.phone(person.getTelecom())));
        return ProjectionOutcome.PROJECTED;
    }
}
