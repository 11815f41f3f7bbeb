package nl.clientapp.common.overload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.access.Role;
import nl.clientapp.client.Client;
import nl.clientapp.support.LogCapture;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestIntegrators;

/**
 * While the test holds every connection of a two-connection pool, requests get 503 with
 * Retry-After instead of 500, in their API's own format (problem+json, or an OperationOutcome on
 * /fhir). Once the connections are free again, the same requests succeed.
 */
@QuarkusTest
@TestProfile(OverloadProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolExhaustedTest {

    private static final String RETRY_AFTER = String.valueOf(OverloadProfile.RETRY_AFTER_SECONDS);
    private static final Pattern EXHAUSTED_COUNT = Pattern.compile("(?m)^clientapp_database_pool_exhausted_total(?:\\{[^}]*\\})? (\\S+)$");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    private final List<Connection> heldConnections = new ArrayList<>();

    @AfterEach
    void releasePool() throws SQLException {
        release();
    }

    /** Runs first, because after the first failure DatabaseBusy logs at most one WARN line in 10 seconds. */
    @Test
    @Order(1)
    void app_read_gets_503_then_200() throws SQLException {
        Client client = users.createClient("Mevrouw Jansen");
        TestAppUsers.SignedInUser user = users.memberOf(client.id, Role.FULL_ACCESS);
        double countBefore = exhaustedCount();
        LogCapture log = LogCapture.start();

        Response dutch;
        Response english;
        try {
            holdEveryConnection();
            dutch = app(user).get("/app/v1/clients/{clientId}/reports", client.id);
            english = app(user).header("Accept-Language", "en").get("/app/v1/clients/{clientId}/reports", client.id);
        } finally {
            release();
            log.close();
        }

        assertEquals(503, dutch.statusCode(), dutch::asString);
        assertEquals("application/problem+json", dutch.contentType().split(";")[0]);
        assertEquals(RETRY_AFTER, dutch.header("Retry-After"));
        assertEquals("urn:clientapp:problem:database-busy", dutch.path("type"));
        assertEquals("Tijdelijk te druk", dutch.path("title"));
        assertEquals(503, (int) dutch.path("status"));
        assertEquals("nl", dutch.header("Content-Language"));

        assertEquals(503, english.statusCode(), english::asString);
        assertEquals(RETRY_AFTER, english.header("Retry-After"));
        assertEquals("Temporarily too busy", english.path("title"));
        assertEquals("en", english.header("Content-Language"));

        app(user).get("/app/v1/clients/{clientId}/reports", client.id).then().statusCode(200);

        String logText = log.text();
        assertTrue(logText.contains("1 request(s) found no free database connection"), logText);
        assertFalse(logText.contains("HHH000247"), "Hibernate logged the SQL error too: " + logText);
        assertFalse(logText.contains("unexpected error"), "logged as a server fault: " + logText);
        assertFalse(logText.contains(client.id.toString()), "client id in the log");
        assertFalse(logText.contains(user.userId().toString()), "user id in the log");
        assertEquals(countBefore + 2, exhaustedCount());
    }

    @Test
    void failed_write_changes_nothing() throws SQLException {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);
        Map<String, Object> newsOff = Map.of("preferences", List.of(Map.of("kind", "NEWS", "email", false, "push", false)));

        Response failed;
        try {
            holdEveryConnection();
            failed = app(user).body(newsOff).put("/app/v1/me/notification-preferences");
        } finally {
            release();
        }

        assertEquals(503, failed.statusCode(), failed::asString);
        assertEquals(RETRY_AFTER, failed.header("Retry-After"));
        assertEquals("urn:clientapp:problem:database-busy", failed.path("type"));
        app(user).get("/app/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.email", equalTo(List.of(true, true, true)))
                .body("preferences.push", equalTo(List.of(true, true, true)));

        app(user).body(newsOff).put("/app/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.email", equalTo(List.of(true, false, true)));
    }

    @Test
    void integration_api_gets_problem_503() throws SQLException {
        String token = integrators.create().accessToken();

        Response busy;
        try {
            holdEveryConnection();
            busy = given().auth().oauth2(token).header("Accept-Language", "en").get("/integration/v1/webhook-endpoints");
        } finally {
            release();
        }

        assertEquals(503, busy.statusCode(), busy::asString);
        assertEquals("application/problem+json", busy.contentType().split(";")[0]);
        assertEquals(RETRY_AFTER, busy.header("Retry-After"));
        assertEquals("urn:clientapp:problem:database-busy", busy.path("type"));
        assertEquals("Temporarily too busy", busy.path("title"));
        given().auth().oauth2(token).get("/integration/v1/webhook-endpoints").then().statusCode(200);
    }

    @Test
    void fhir_write_gets_outcome_503() throws SQLException {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        String patientId = "busy-" + UUID.randomUUID();

        Response dutch;
        Response english;
        try {
            holdEveryConnection();
            dutch = putPatient(token, patientId).put("/fhir/Patient/{id}", patientId);
            english = putPatient(token, patientId).header("Accept-Language", "en").put("/fhir/Patient/{id}", patientId);
        } finally {
            release();
        }

        assertEquals(503, dutch.statusCode(), dutch::asString);
        assertEquals("application/fhir+json", dutch.contentType().split(";")[0]);
        assertEquals(RETRY_AFTER, dutch.header("Retry-After"));
        assertEquals("OperationOutcome", dutch.path("resourceType"));
        assertEquals("transient", dutch.path("issue[0].code"));
        assertEquals("De server is nu te druk om dit verzoek te verwerken. Probeer het over " + RETRY_AFTER
                + " seconden opnieuw.", dutch.path("issue[0].diagnostics"));
        assertEquals(503, english.statusCode(), english::asString);
        assertEquals("The server is too busy to process this request right now. Try again in " + RETRY_AFTER
                + " seconds.", english.path("issue[0].diagnostics"));
        assertEquals(0, storedVersions(integrator.organisationId(), patientId));

        putPatient(token, patientId).put("/fhir/Patient/{id}", patientId).then().statusCode(201);
        assertEquals(1, storedVersions(integrator.organisationId(), patientId));
    }

    @Test
    void readiness_stays_up_while_pool_is_busy() throws SQLException {
        Response ready;
        try {
            holdEveryConnection();
            ready = given().get("/q/health/ready");
        } finally {
            release();
        }

        assertEquals(200, ready.statusCode(), ready::asString);
        assertEquals("UP", ready.path("status"));
        assertEquals(List.of("UP"), ready.path("checks.findAll { it.name == 'database' }.status"));
    }

    /** Takes every connection of the pool, so the next request of the application finds none free. */
    private void holdEveryConnection() throws SQLException {
        for (int i = 0; i < OverloadProfile.POOL_SIZE; i++) {
            heldConnections.add(dataSource.getConnection());
        }
    }

    private void release() throws SQLException {
        for (Connection connection : heldConnections) {
            connection.close();
        }
        heldConnections.clear();
    }

    private int storedVersions(UUID organisationId, String patientId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from fhir_resource where organisation_id = ? and resource_type = 'Patient' and resource_id = ?")) {
            query.setObject(1, organisationId);
            query.setString(2, patientId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static double exhaustedCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher count = EXHAUSTED_COUNT.matcher(metrics);
        assertTrue(count.find(), "clientapp_database_pool_exhausted_total missing from the metrics");
        return Double.parseDouble(count.group(1));
    }

    private static RequestSpecification putPatient(String token, String patientId) {
        String patient = """
                {
                  "resourceType": "Patient",
                  "id": "%s",
                  "name": [ { "use": "official", "given": [ "Anna" ], "family": "Jansen" } ],
                  "birthDate": "1938-05-04"
                }
                """.formatted(patientId);
        return given().auth().oauth2(token).contentType("application/fhir+json; charset=UTF-8")
                .body(patient.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestSpecification app(TestAppUsers.SignedInUser user) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON);
    }
}
