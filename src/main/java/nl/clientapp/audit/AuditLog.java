package nl.clientapp.audit;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
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

    private static final String INSERT_JDBC = "insert into audit_entry (id, occurred_at, event, action, outcome, actor_type, "
            + "actor_id, actor_role, client_id, on_behalf_of, object_type, object_id, session_id, client_ip) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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

    /**
     * Inserts entries in the current transaction, or in a new one when none is active, as one JDBC
     * batch: a transaction Bundle of many resources costs one round trip, not one per resource.
     */
    @Transactional
    public void recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp occurredAt = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_JDBC)) {
                for (AuditEntry entry : entries) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setTimestamp(2, occurredAt);
                    insert.setString(3, entry.event());
                    insert.setString(4, entry.action().name());
                    insert.setString(5, entry.outcome().name());
                    insert.setString(6, entry.actorType().name());
                    insert.setString(7, entry.actorId());
                    insert.setString(8, entry.actorRole());
                    insert.setObject(9, entry.clientId());
                    insert.setObject(10, entry.onBehalfOf(), Types.OTHER);
                    insert.setString(11, entry.objectType());
                    insert.setString(12, truncate(entry.objectId()));
                    insert.setObject(13, entry.sessionId(), Types.OTHER);
                    insert.setString(14, entry.clientIp());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private static String truncate(String objectId) {
        if (objectId == null || objectId.length() <= MAX_OBJECT_ID_LENGTH) {
            return objectId;
        }
        return objectId.substring(0, MAX_OBJECT_ID_LENGTH);
    }
}
