package nl.clientapp.common.observability;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.postgresql.PGProperty;

/**
 * Reports the instance ready while PostgreSQL accepts a new connection and responds on it. The
 * check opens its own connection, outside the pool, and closes it again. Quarkus's own check
 * (switched off with {@code quarkus.datasource.health.enabled=false}) borrows a pooled connection,
 * so under load it waited for the acquisition timeout and reported DOWN: every busy instance then
 * left the load balancer together, although each still served requests, with 503
 * {@code database-busy} where it had to. A busy pool is overload, which {@code clientapp_database_pool_exhausted_total}
 * counts, not a reason to stop sending traffic.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "database";

    /** Seconds for the connection, the login and the validation, below the readiness probe's 3 s timeout. */
    static final int TIMEOUT_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final org.postgresql.Driver driver = new org.postgresql.Driver();

    /** The last result, so the log gets a line when readiness changes, not one per probe. */
    private final AtomicBoolean lastUp = new AtomicBoolean(true);

    @Override
    public HealthCheckResponse call() {
        Properties properties = new Properties();
        username.ifPresent(user -> PGProperty.USER.set(properties, user));
        password.ifPresent(secret -> PGProperty.PASSWORD.set(properties, secret));
        PGProperty.CONNECT_TIMEOUT.set(properties, TIMEOUT_SECONDS);
        PGProperty.LOGIN_TIMEOUT.set(properties, TIMEOUT_SECONDS);
        PGProperty.SOCKET_TIMEOUT.set(properties, TIMEOUT_SECONDS);
        PGProperty.APPLICATION_NAME.set(properties, "clientapp-readiness");

        try (Connection connection = driver.connect(url, properties)) {
            if (connection == null) {
                return down("the datasource URL does not start with jdbc:postgresql:");
            }
            if (!connection.isValid(TIMEOUT_SECONDS)) {
                return down("the database did not respond within " + TIMEOUT_SECONDS + " s");
            }
            if (lastUp.compareAndSet(false, true)) {
                LOG.info("Readiness UP again: the database accepts connections");
            }
            return HealthCheckResponse.named(NAME).up().build();
        } catch (SQLException e) {
            // In production the health data is served on the management port only.
            // pgjdbc's connection errors name the host, port or user.
            return down(e.getMessage() + " (SQL state " + e.getSQLState() + ")");
        }
    }

    private HealthCheckResponse down(String error) {
        if (lastUp.compareAndSet(true, false)) {
            LOG.warnf("Readiness DOWN, no connection to the database: %s", error);
        }
        return HealthCheckResponse.named(NAME).down().withData("error", error).build();
    }
}
