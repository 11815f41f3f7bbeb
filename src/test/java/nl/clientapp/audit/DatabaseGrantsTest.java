package nl.clientapp.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestAppUsers;

/**
 * N2 on the real PostgreSQL: the application role {@code clientapp_app} reads and appends audit
 * entries but cannot change or remove them, and only audit_entry_purge removes entries older than
 * 5 years. Each check runs in a connection that does {@code SET ROLE clientapp_app}.
 */
@QuarkusTest
class DatabaseGrantsTest {

    static final String APP_ROLE = "clientapp_app";

    @Inject
    DataSource dataSource;

    @Inject
    TestAppUsers users;

    @Inject
    AuditRecords records;

    @Test
    void app_role_appends_but_cannot_update_delete_or_truncate() throws SQLException {
        UUID clientId = UUID.randomUUID();
        try (AppRole app = appRole()) {
            Connection connection = app.connection();
            insert(connection, clientId, Instant.now());
            assertEquals(1, count(connection, clientId));

            assertPermissionDenied(connection, "update audit_entry set outcome = 'DENIED' where client_id = '" + clientId + "'");
            assertPermissionDenied(connection, "delete from audit_entry where client_id = '" + clientId + "'");
            assertPermissionDenied(connection, "truncate audit_entry");
            assertEquals(1, count(connection, clientId));
        }
    }

    @Test
    void app_role_reads_and_writes_the_tables_it_needs() throws SQLException {
        try (AppRole app = appRole(); Statement statement = app.connection().createStatement()) {
            Connection connection = app.connection();
            statement.executeQuery("select count(*) from membership").close();
            statement.executeUpdate("update app_user set language = language where false");
            SQLException history = assertThrows(SQLException.class,
                    () -> statement.executeQuery("select count(*) from flyway_schema_history").close());
            assertEquals("42501", history.getSQLState());
        }
    }

    @Test
    void purge_function_never_removes_entries_younger_than_five_years() throws SQLException {
        UUID clientId = users.createClient("Mevrouw Purge").id;
        UUID organisationId = organisationOf(clientId);
        try (AppRole app = appRole()) {
            Connection connection = app.connection();
            Instant databaseNow = databaseNow(connection);
            insert(connection, clientId, databaseNow.minus(6 * 366, ChronoUnit.DAYS));
            insert(connection, clientId, databaseNow.minus(4 * 365, ChronoUnit.DAYS));

            // A cutoff in the future still spares everything younger than 5 years.
            assertEquals(1, purge(connection, organisationId, databaseNow.plus(365, ChronoUnit.DAYS)));
            assertEquals(1, count(connection, clientId));
            // Another organisation's purge leaves these entries alone.
            insert(connection, clientId, databaseNow.minus(7 * 366, ChronoUnit.DAYS));
            assertEquals(0, purge(connection, UUID.randomUUID(), databaseNow));
            assertEquals(2, count(connection, clientId));
        }
    }

    @Test
    void setting_the_purge_flag_does_not_let_the_app_role_delete() throws SQLException {
        UUID clientId = UUID.randomUUID();
        try (AppRole app = appRole(); Statement statement = app.connection().createStatement()) {
            Connection connection = app.connection();
            insert(connection, clientId, Instant.now().minus(10 * 366, ChronoUnit.DAYS));
            statement.execute("set clientapp.audit_purge = 'on'");
            assertPermissionDenied(connection, "delete from audit_entry where client_id = '" + clientId + "'");
            assertEquals(1, count(connection, clientId));
        }
    }

    /** A pooled connection switched to the application role, switched back before it returns to the pool. */
    private record AppRole(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("reset role");
                statement.execute("reset clientapp.audit_purge");
            } finally {
                connection.close();
            }
        }
    }

    private AppRole appRole() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set role " + APP_ROLE);
        }
        return new AppRole(connection);
    }

    private static void assertPermissionDenied(Connection connection, String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
        // The privilege check refuses, before the append-only trigger would run.
        assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
    }

    private static void insert(Connection connection, UUID clientId, Instant occurredAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into audit_entry (id, occurred_at, event, action, outcome, actor_type, actor_id, client_id, object_type)
                values (?, ?, 'dossier.reports.read', 'READ', 'SUCCESS', 'SYSTEM', 'grants-test', ?, 'reports')""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setTimestamp(2, Timestamp.from(occurredAt));
            insert.setObject(3, clientId);
            insert.executeUpdate();
        }
    }

    private static int count(Connection connection, UUID clientId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select count(*) from audit_entry where client_id = ?")) {
            select.setObject(1, clientId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int purge(Connection connection, UUID organisationId, Instant before) throws SQLException {
        try (PreparedStatement purge = connection.prepareStatement("select audit_entry_purge(?, ?, 1000)")) {
            purge.setObject(1, organisationId);
            purge.setTimestamp(2, Timestamp.from(before));
            try (ResultSet rows = purge.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Instant databaseNow(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select now()")) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private UUID organisationOf(UUID clientId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select organisation_id from client where id = ?")) {
            select.setObject(1, clientId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return (UUID) rows.getObject(1);
            }
        }
    }
}
