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
}
