package nl.clientapp.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.access.Role;
import nl.clientapp.client.Client;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestIntegrators;

/**
 * Security headers on every served operation, generated from the served OpenAPI document, and
 * {@code Cache-Control: no-store} on every app and token response. CORS is off in the test
 * profile as in production, so no origin gets an {@code Access-Control-Allow-Origin} header.
 */
@QuarkusTest
class SecurityHeadersTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Test
    void every_operation_sends_security_headers() {
        Client client = users.createClient("Mevrouw Visser");
        String reader = users.memberOf(client.id, Role.FULL_ACCESS_ADMIN).accessToken();
        String writer = users.memberOf(client.id, Role.FULL_ACCESS_ADMIN).accessToken();
        String integratorToken = integrators.create().accessToken();
        List<String> failures = new ArrayList<>();
        int successfulAppReads = 0;

        for (Map.Entry<String, String> operation : servedOperations().entrySet()) {
            String method = operation.getValue();
            String path = operation.getKey().substring(operation.getKey().indexOf(' ') + 1);
            String token = path.startsWith("/app/") ? ("get".equals(method) ? reader : writer) : integratorToken;
            Response response = call(method, concrete(path, client.id), token);
            String where = operation.getKey() + " -> " + response.statusCode();

            check(failures, where, "X-Content-Type-Options", "nosniff", response);
            check(failures, where, "Referrer-Policy", "no-referrer", response);
            check(failures, where, "X-Frame-Options", "DENY", response);
            check(failures, where, "Content-Security-Policy", SecurityHeaders.API_CSP, response);
            check(failures, where, "Server", null, response);
            // Plain HTTP in the test profile, so no HSTS; HttpsProfileTest covers HTTPS.
            check(failures, where, "Strict-Transport-Security", null, response);
            if (path.startsWith("/app/") || path.equals("/oauth/token")) {
                check(failures, where, "Cache-Control", "no-store", response);
            }
            if (path.startsWith("/app/") && "get".equals(method) && response.statusCode() == 200) {
                successfulAppReads++;
            }
        }

        assertEquals(List.of(), failures);
        assertTrue(successfulAppReads >= 10, "only " + successfulAppReads + " app reads succeeded, so no-store was barely checked");
    }

    @Test
    void token_response_is_not_stored() {
        TestIntegrators.Credentials integrator = integrators.create();

        Response response = given().auth().preemptive().basic(integrator.clientId(), integrator.clientSecret())
                .formParam("grant_type", "client_credentials").post("/oauth/token");

        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
    }

    @Test
    void unknown_path_sends_security_headers() {
        Response response = given().get("/no-such-path");

        assertEquals(404, response.statusCode());
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("DENY", response.header("X-Frame-Options"));
    }

    @Test
    void cors_gives_no_origin_access() {
        String token = users.signedInUser().accessToken();

        Response simple = given().header("Origin", "https://evil.example").auth().oauth2(token).get("/app/v1/me");
        Response preflight = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/app/v1/me");

        assertEquals(200, simple.statusCode());
        assertNull(simple.header("Access-Control-Allow-Origin"));
        assertNull(preflight.header("Access-Control-Allow-Origin"));
        assertNull(preflight.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void cors_wildcard_origin_stops_the_start() {
        assertThrows(IllegalStateException.class, () -> TransportConfigCheck.requireExplicitOrigins(List.of("*")));
        assertThrows(IllegalStateException.class, () -> TransportConfigCheck.requireExplicitOrigins(List.of("https://*.example.nl")));
        assertThrows(IllegalStateException.class, () -> TransportConfigCheck.requireExplicitOrigins(List.of("/https://.*/")));
        TransportConfigCheck.requireExplicitOrigins(List.of("https://app.example.nl"));
    }

    @Test
    void forwarding_without_trusted_proxies_stops_the_start() {
        assertThrows(IllegalStateException.class, () -> TransportConfigCheck.requireTrustedProxies(true, List.of()));
        TransportConfigCheck.requireTrustedProxies(true, List.of("10.0.0.5"));
        TransportConfigCheck.requireTrustedProxies(false, List.of());
    }

    private static Response call(String method, String path, String token) {
        RequestSpecification request = given().header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 250)));
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (!"get".equals(method) && !"delete".equals(method)) {
            request.contentType(ContentType.JSON).body("{}");
        }
        return request.request(method.toUpperCase(), path);
    }

    /** Fills the path's parameters: the test client's id, a FHIR type, and random ids for the rest. */
    private static String concrete(String path, UUID clientId) {
        return path.replace("{clientId}", clientId.toString())
                .replace("{type}", "Patient")
                .replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
    }

    private static void check(List<String> failures, String where, String header, String expected, Response response) {
        String actual = response.header(header);
        if (expected == null ? actual != null : !expected.equals(actual)) {
            failures.add(where + ": " + header + " was " + actual + ", expected " + expected);
        }
    }

    /** Returns "METHOD path" of every served operation, mapped to its lower-case method. */
    private static Map<String, String> servedOperations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Map<String, String> operations = new TreeMap<>();
        for (var path : paths.entrySet()) {
            for (String method : path.getValue().keySet()) {
                if (METHODS.contains(method)) {
                    operations.put(method.toUpperCase() + " " + path.getKey(), method);
                }
            }
        }
        return operations;
    }
}
