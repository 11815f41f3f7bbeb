package nl.clientapp.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The API serving TLS itself, as in a production set-up without a TLS-terminating proxy. */
@QuarkusTest
@TestProfile(HttpsProfile.class)
class HttpsProfileTest {

    @Test
    void https_response_sends_hsts() {
        Response response = https().get("/app/v1/me");

        assertEquals(401, response.statusCode());
        assertEquals(SecurityHeaders.HSTS, response.header("Strict-Transport-Security"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertNull(response.header("Server"));
    }

    @Test
    void plain_http_port_is_closed() {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), HttpsProfile.HTTP_PORT), 2_000);
            }
        });
    }

    @Test
    void health_is_served_on_management_port_only() throws IOException {
        Response publicHealth = https().get("/q/health");
        Response managementHealth = given().baseUri("http://localhost").port(HttpsProfile.MANAGEMENT_PORT).get("/q/health");

        assertEquals(404, publicHealth.statusCode());
        assertEquals(200, managementHealth.statusCode());
    }

    @Test
    void metrics_are_served_on_management_port_only() {
        Response publicMetrics = https().get("/q/metrics");
        Response managementMetrics = given().baseUri("http://localhost").port(HttpsProfile.MANAGEMENT_PORT).get("/q/metrics");

        assertEquals(404, publicMetrics.statusCode());
        assertEquals(200, managementMetrics.statusCode());
        assertTrue(managementMetrics.asString().contains("clientapp_outbox_pending_messages"));
    }

    @Test
    void swagger_ui_and_dev_ui_are_not_served_publicly() {
        assertEquals(404, https().get("/q/swagger-ui").statusCode());
        assertEquals(404, https().get("/q/dev-ui").statusCode());
        assertEquals(404, https().get("/q/dev").statusCode());
    }

    @Test
    void cors_admits_only_the_listed_origin() {
        Response allowed = https().header("Origin", HttpsProfile.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/app/v1/me");
        Response other = https().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/app/v1/me");
        Response otherSimple = https().header("Origin", "https://evil.example").get("/app/v1/me");

        assertEquals(HttpsProfile.ALLOWED_ORIGIN, allowed.header("Access-Control-Allow-Origin"));
        assertNull(other.header("Access-Control-Allow-Origin"));
        assertNull(otherSimple.header("Access-Control-Allow-Origin"));
    }

    private static RequestSpecification https() {
        return given().relaxedHTTPSValidation().baseUri("https://localhost").port(HttpsProfile.HTTPS_PORT);
    }
}
