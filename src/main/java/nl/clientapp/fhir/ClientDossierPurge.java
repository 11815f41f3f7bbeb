package nl.clientapp.fhir;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Removes the dossier data of one client that was mirrored from the ECD. That is the stored FHIR
 * resources about the client's Patient and the Binaries of its documents, every read model and
 * timeline item, the care relationships, and the personal details on the client row. The row
 * stays with its FHIR Patient id, so memberships and audit entries still resolve and a later
 * import of the same Patient fills it again.
 */
@ApplicationScoped
public class ClientDossierPurge {

    /** Read-model tables with a {@code client_id}, children before parents. */
    private static final List<String> CLIENT_TABLES = List.of("timeline_item", "report", "measurement", "care_plan_item",
            "appointment", "network_member", "document", "profile_section", "care_relationship");

    @Inject
    EntityManager entityManager;

    /** Deletes the client's mirrored dossier data; the caller holds the client's row lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purge(UUID clientId, Instant now) {
        // A Binary names no patient, so it goes when a DocumentReference of this client points to
        // it and none of another patient does.
        entityManager.createNativeQuery("""
                delete from fhir_resource b
                 using client c
                 where c.id = :client and b.organisation_id = c.organisation_id and b.resource_type = 'Binary'
                   and exists (select 1 from fhir_resource d
                                where d.organisation_id = c.organisation_id and d.resource_type = 'DocumentReference'
                                  and d.patient_ref = 'Patient/' || c.fhir_patient_id
                                  and jsonb_path_exists(d.content, 'strict $.**.url ? (@ == $ref)',
                                                        jsonb_build_object('ref', 'Binary/' || b.resource_id)))
                   and not exists (select 1 from fhir_resource d
                                    where d.organisation_id = c.organisation_id and d.resource_type = 'DocumentReference'
                                      and d.patient_ref is distinct from 'Patient/' || c.fhir_patient_id
                                      and jsonb_path_exists(d.content, 'strict $.**.url ? (@ == $ref)',
                                                            jsonb_build_object('ref', 'Binary/' || b.resource_id)))""")
                .setParameter("client", clientId)
                .executeUpdate();
        // Other resources are stored per organisation and name the Patient in patient_ref; the
        // Patient resource itself is matched by its id.
        entityManager.createNativeQuery("""
                delete from fhir_resource r
                 using client c
                 where c.id = :client and r.organisation_id = c.organisation_id
                   and (r.patient_ref = 'Patient/' || c.fhir_patient_id
                        or (r.resource_type = 'Patient' and r.resource_id = c.fhir_patient_id))""")
                .setParameter("client", clientId)
                .executeUpdate();
        for (String table : CLIENT_TABLES) {
            // document_content goes with document (on delete cascade).
            entityManager.createNativeQuery("delete from " + table + " where client_id = :client")
                    .setParameter("client", clientId)
                    .executeUpdate();
        }
        entityManager.createNativeQuery("""
                update client set display_name = '', birth_date = null, personal_details = '{}'::jsonb,
                                  updated_at = :now, dossier_purged_at = :now
                 where id = :client""")
                .setParameter("now", now)
                .setParameter("client", clientId)
                .executeUpdate();
    }
}
