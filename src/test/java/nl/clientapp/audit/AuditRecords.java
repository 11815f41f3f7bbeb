package nl.clientapp.audit;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads audit entries for tests, each call in its own transaction. */
@ApplicationScoped
public class AuditRecords {

    /** Columns returned per entry, in this order. */
    public static final String COLUMNS = "event, action, outcome, actor_type, actor_id, actor_role, client_id, "
            + "on_behalf_of, object_type, object_id, session_id, client_ip, occurred_at, id";

    @Inject
    EntityManager entityManager;

    /** Returns the entries about a client, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> entries(UUID clientId) {
        return entityManager.createNativeQuery("select " + COLUMNS + " from audit_entry where client_id = :client order by occurred_at, id")
                .setParameter("client", clientId)
                .getResultList();
    }

    /** Returns the entries with an event and object id. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> entries(String event, String objectId) {
        return entityManager.createNativeQuery("select " + COLUMNS + " from audit_entry where event = :event and object_id = :object")
                .setParameter("event", event)
                .setParameter("object", objectId)
                .getResultList();
    }

    /** Returns, per membership of a client, how many entries record that the access-end job ended it. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> accessEndedEntriesPerMembership(UUID clientId) {
        return entityManager.createNativeQuery("""
                select m.id, count(a.id)
                  from membership m
                  left join audit_entry a on a.object_id = m.id::text and a.event = 'membership.access-ended'
                                         and a.client_id = m.client_id and a.actor_type = 'SYSTEM'
                                         and a.action = 'UPDATE' and a.object_type = 'membership'
                 where m.client_id = :client
                 group by m.id""")
                .setParameter("client", clientId)
                .getResultList();
    }

    /** Returns the id of the client created from a Patient of an organisation. */
    @Transactional
    public UUID clientOf(UUID organisationId, String patientId) {
        return (UUID) entityManager.createNativeQuery("select id from client where organisation_id = :organisation and fhir_patient_id = :patient")
                .setParameter("organisation", organisationId)
                .setParameter("patient", patientId)
                .getSingleResult();
    }

    /** Returns the id of an integrator by its OAuth client id. */
    @Transactional
    public UUID integratorId(String oauthClientId) {
        return (UUID) entityManager.createNativeQuery("select id from integrator_client where client_id = :clientId")
                .setParameter("clientId", oauthClientId)
                .getSingleResult();
    }

    /** Returns whether the row of a table and the audit entry were written by the same database transaction. */
    @Transactional
    public boolean sameTransaction(String table, UUID rowId, UUID auditEntryId) {
        Object written = entityManager.createNativeQuery("select (select xmin::text from " + table + " where id = :row) = "
                + "(select xmin::text from audit_entry where id = :entry)")
                .setParameter("row", rowId)
                .setParameter("entry", auditEntryId)
                .getSingleResult();
        return Boolean.TRUE.equals(written);
    }

    /** Returns how many database transactions wrote an organisation's FHIR resources and the audit entries about a client. */
    @Transactional
    public int writingTransactions(UUID organisationId, UUID clientId) {
        return ((Number) entityManager.createNativeQuery("""
                select count(distinct x) from (
                    select xmin::text as x from fhir_resource where organisation_id = :organisation
                    union all
                    select xmin::text from audit_entry where client_id = :client) rows""")
                .setParameter("organisation", organisationId)
                .setParameter("client", clientId)
                .getSingleResult()).intValue();
    }
}
