package nl.clientapp.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Production settings that no test profile can start with: a change to one of these lines must
 * be deliberate, so it fails here first.
 */
class ProductionConfigTest {

    @Test
    void production_profile_keeps_transport_settings() throws IOException {
        Properties properties = applicationProperties();

        assertEquals("true", properties.getProperty("%prod.clientapp.http.require-https"));
        assertEquals("true", properties.getProperty("%prod.quarkus.management.enabled"));
        assertEquals("false", properties.getProperty("quarkus.http.cors.enabled"));
        assertNull(properties.getProperty("%prod.quarkus.http.cors.enabled"));
        assertNull(properties.getProperty("quarkus.http.cors.origins"));
    }

    @Test
    void production_logs_json_lines() throws IOException {
        Properties properties = applicationProperties();

        assertEquals("true", properties.getProperty("%prod.quarkus.log.console.json.enabled"));
        assertEquals("true", properties.getProperty("quarkus.scheduler.metrics.enabled"));
    }

    @Test
    void developer_pages_stay_out_of_production() throws IOException {
        Properties properties = applicationProperties();

        for (String name : properties.stringPropertyNames()) {
            assertFalse(name.endsWith("swagger-ui.always-include"), name);
            assertFalse(name.endsWith("smallrye-health.ui.always-include"), name);
            assertFalse(name.startsWith("%prod.quarkus.dev-ui"), name);
        }
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProductionConfigTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
