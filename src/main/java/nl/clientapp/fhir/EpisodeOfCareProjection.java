package nl.clientapp.fhir;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus;
import org.hl7.fhir.r4.model.Resource;

/** EpisodeOfCare → {@code care_relationship}; its end date starts the 6 weeks after which app access ends. */
@ApplicationScoped
class EpisodeOfCareProjection implements Projection {

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    @Override
    public String resourceType() {
        return "EpisodeOfCare";
    }

    @Override
    public String documentation() {
        return "Care relationship (zorgrelatie) of the patient: period start and end, status. Episodes with status "
                + "entered-in-error or cancelled are not shown, and an earlier projection of them is removed.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        EpisodeOfCare episode = (EpisodeOfCare) resource;
        if (episode.getStatus() == EpisodeOfCareStatus.CANCELLED) {
            return ProjectionOutcome.skipped("cancelled");
        }

        entityManager.createNativeQuery("""
                insert into care_relationship (id, client_id, source_ref, status, start_date, end_date, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (client_id, source_ref) do update
                set status = excluded.status, start_date = excluded.start_date, end_date = excluded.end_date,
                    updated_at = excluded.updated_at""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, "EpisodeOfCare/" + episode.getIdElement().getIdPart())
                .setParameter(4, episode.hasStatus() ? episode.getStatus().toCode() : null)
                .setParameter(5, FhirValues.localDate(episode.getPeriod().getStartElement()))
                .setParameter(6, FhirValues.localDate(episode.getPeriod().getEndElement()))
                .setParameter(7, readModels.now())
                .executeUpdate();
        return ProjectionOutcome.PROJECTED;
    }
}
