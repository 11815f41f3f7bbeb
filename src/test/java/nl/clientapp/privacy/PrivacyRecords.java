package nl.clientapp.privacy;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/** Reads and writes rows for the privacy tests, each call in its own transaction. */
@ApplicationScoped
public class PrivacyRecords {

    @Inject
    EntityManager entityManager;

    @Transactional
    public long count(String sql, Object... parameters) {
        return ((Number) query(sql, parameters).getSingleResult()).longValue();
    }

    @Transactional
    public Object value(String sql, Object... parameters) {
        List<?> rows = query(sql, parameters).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> rows(String sql, Object... parameters) {
        return query(sql, parameters).getResultList();
    }

    @Transactional
    public int update(String sql, Object... parameters) {
        return query(sql, parameters).executeUpdate();
    }

    /** Returns the audit entries with an event about a client, as (action, actor_type, actor_id, object_type). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> auditEntries(String event, UUID clientId) {
        return query("select action, actor_type, actor_id, object_type from audit_entry where event = ?1 and client_id = ?2",
                event, clientId).getResultList();
    }

    private Query query(String sql, Object... parameters) {
        Query query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }
}
