package nl.clientapp.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.WithDefault;

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

    @Test
    void production_serves_openapi_on_the_api_port() throws IOException {
        Properties properties = applicationProperties();

        assertEquals("false", properties.getProperty("%prod.quarkus.smallrye-openapi.management.enabled"),
                "the contract is served to integrators on the API port, not on the internal management port");
        assertNull(properties.getProperty("quarkus.smallrye-openapi.enable"));
        assertNull(properties.getProperty("%prod.quarkus.smallrye-openapi.enable"));
    }

    @Test
    void served_contract_names_no_internal_paths_or_hosts() throws IOException {
        // The committed document equals the served one (OpenApiContractTest), so it is what production publishes.
        List<String> lines = Files.readAllLines(Path.of("openapi.yaml"));

        for (String line : lines) {
            String trimmed = line.trim();
            assertFalse(trimmed.startsWith("/dev/") || trimmed.startsWith("/q/"), "internal path in openapi.yaml: " + trimmed);
            assertFalse(trimmed.contains("localhost") || trimmed.contains("127.0.0.1"), "local address in openapi.yaml: " + trimmed);
        }
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("paths:")), "openapi.yaml has no paths section");
        assertTrue(lines.contains("- url: /"), "openapi.yaml names a server other than the one that serves it");
    }

    @Test
    void webhooks_to_loopback_only_outside_production() throws IOException {
        Properties properties = applicationProperties();

        assertNull(properties.getProperty("clientapp.webhooks.allow-loopback"), "the default must stay strict");
        assertNull(properties.getProperty("%prod.clientapp.webhooks.allow-loopback"));
        assertEquals("true", properties.getProperty("%test.clientapp.webhooks.allow-loopback"));
    }

    @Test
    void problem_limits_stay_below_parser_limits() throws Exception {
        Properties properties = applicationProperties();
        long maxInitialLine = Long.parseLong(properties.getProperty("quarkus.http.limits.max-initial-line-length"));
        long maxHeaderSize = new MemorySizeConverter().convert(properties.getProperty("quarkus.http.limits.max-header-size")).asLongValue();

        // "DELETE " + target + " HTTP/1.1" is the longest request line of this API.
        assertTrue(defaultOf("maxRequestTargetLength") + 16 < maxInitialLine, "URLs between the two limits would get an empty 414");
        assertTrue(defaultOf("maxHeaderBytes") < maxHeaderSize, "headers between the two limits would get an empty 431");
    }

    private static long defaultOf(String setting) throws NoSuchMethodException {
        return Long.parseLong(HttpSecurityConfig.class.getMethod(setting).getAnnotation(WithDefault.class).value());
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProductionConfigTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
