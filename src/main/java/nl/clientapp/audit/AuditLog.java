package nl.clientapp.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

/**
 * Writes NEN 7513 audit entries to {@code audit_entry}, which triggers keep append-only. An
 * entry is written in the caller's transaction when one is active, so it commits or rolls back
 * with the change it records.
 */
@ApplicationScoped
public class AuditLog {

    /** Maximum stored length of an object id taken from a request path. */
    static final int MAX_OBJECT_ID_LENGTH = 100;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** Inserts one entry in the current transaction, or in a new one when none is active. */
    @Transactional
    public void record(AuditEntry entry) {
        // Typed binding, because PostgreSQL rejects a null bound without a type for a uuid column.
        entityManager.createNativeQuery("""
                insert into audit_entry (id, occurred_at, event, action, outcome, actor_type, actor_id, actor_role,
                                         client_id, on_behalf_of, object_type, object_id, session_id, client_ip)
                values (:id, :occurredAt, :event, :action, :outcome, :actorType, :actorId, :actorRole,
                        :clientId, :onBehalfOf, :objectType, :objectId, :sessionId, :clientIp)""")
                .unwrap(NativeQuery.class)
                .setParameter("id", UUID.randomUUID())
                .setParameter("occurredAt", clock.instant().truncatedTo(ChronoUnit.MICROS))
                .setParameter("event", entry.event())
                .setParameter("action", entry.action().name())
                .setParameter("outcome", entry.outcome().name())
                .setParameter("actorType", entry.actorType().name())
                .setParameter("actorId", entry.actorId())
                .setParameter("actorRole", entry.actorRole(), String.class)
                .setParameter("clientId", entry.clientId())
                .setParameter("onBehalfOf", entry.onBehalfOf(), UUID.class)
                .setParameter("objectType", entry.objectType())
                .setParameter("objectId", truncate(entry.objectId()), String.class)
                .setParameter("sessionId", entry.sessionId(), UUID.class)
                .setParameter("clientIp", entry.clientIp(), String.class)
                .executeUpdate();
    }

    private static String truncate(String objectId) {
        if (objectId == null || objectId.length() <= MAX_OBJECT_ID_LENGTH) {
            return objectId;
        }
        return objectId.substring(0, MAX_OBJECT_ID_LENGTH);
    }
}
