package nl.clientapp.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

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

    /**
     * Inserts one entry in the current transaction, or in a new one when none is active. Every
     * audited request calls this. It uses plain JDBC because a Hibernate native query also parses
     * the SQL, may flush the session and schedules a cache cleanup on each call.
     */
    @Transactional
    public void record(AuditEntry entry) {
        OffsetDateTime occurredAt = now();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_JDBC)) {
                bind(insert, entry, occurredAt);
                insert.executeUpdate();
            }
        });
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
        OffsetDateTime occurredAt = now();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_JDBC)) {
                for (AuditEntry entry : entries) {
                    bind(insert, entry, occurredAt);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Returns the clock's time in UTC at the microsecond precision of a PostgreSQL timestamptz. */
    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static void bind(PreparedStatement insert, AuditEntry entry, OffsetDateTime occurredAt) throws SQLException {
        // Typed nulls for the uuid columns, because PostgreSQL rejects a null bound without a type there.
        insert.setObject(1, UUID.randomUUID());
        insert.setObject(2, occurredAt);
        insert.setString(3, entry.event());
        insert.setString(4, entry.action().name());
        insert.setString(5, entry.outcome().name());
        insert.setString(6, entry.actorType().name());
        insert.setString(7, entry.actorId());
        insert.setString(8, entry.actorRole());
        insert.setObject(9, entry.clientId(), Types.OTHER);
        insert.setObject(10, entry.onBehalfOf(), Types.OTHER);
        insert.setString(11, entry.objectType());
        insert.setString(12, truncate(entry.objectId()));
        insert.setObject(13, entry.sessionId(), Types.OTHER);
        insert.setString(14, entry.clientIp());
    }

    private static String truncate(String objectId) {
        if (objectId == null || objectId.length() <= MAX_OBJECT_ID_LENGTH) {
            return objectId;
        }
        return objectId.substring(0, MAX_OBJECT_ID_LENGTH);
    }
}
