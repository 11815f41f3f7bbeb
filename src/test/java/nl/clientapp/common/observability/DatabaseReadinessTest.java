package nl.clientapp.common.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * Readiness is DOWN, with the cause in its data, when no connection to PostgreSQL can be opened.
 * The UP case, and UP while the pool is exhausted, run against the real database in
 * MonitoringTest and PoolExhaustedTest.
 */
class DatabaseReadinessTest {

    @Test
    void closed_port_is_down() {
        // Nothing normally listens on port 1 of loopback, so the connection is refused at once.
        HealthCheckResponse response = check("jdbc:postgresql://127.0.0.1:1/clientapp").call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(DatabaseReadiness.NAME, response.getName());
        String error = (String) response.getData().orElseThrow().get("error");
        assertTrue(error.contains("127.0.0.1:1"), error);
        assertTrue(error.contains("SQL state 08001"), error);
    }

    @Test
    void other_driver_url_is_down() {
        HealthCheckResponse response = check("jdbc:h2:mem:clientapp;PASSWORD=secret").call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        String error = (String) response.getData().orElseThrow().get("error");
        assertEquals("the datasource URL does not start with jdbc:postgresql:", error);
    }

    private static DatabaseReadiness check(String url) {
        DatabaseReadiness readiness = new DatabaseReadiness();
        readiness.url = url;
        readiness.username = Optional.of("clientapp");
        readiness.password = Optional.empty();
        return readiness;
    }
}
