package nl.clientapp.common.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.support.TestOutbox;

/**
 * Request ids, Prometheus metrics after a real login and delivery flow, and the health groups.
 * The metrics must name route templates and outcomes only: no ids, e-mail addresses or phone
 * numbers of the flow.
 */
@QuarkusTest
class MonitoringTest {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern GENERATED_ID = Pattern.compile("^" + UUID_TEXT.pattern() + "$");

    @Inject
    LoginFlow flow;

    @Inject
    TestOutbox outbox;

    @Test
    void valid_request_id_is_returned_and_logged() {
        String requestId = "proxy-" + UUID.randomUUID();
        try (MdcCapture capture = MdcCapture.start()) {
            given().header("X-Request-Id", requestId).header("X-Forwarded-For", LoginFlow.randomIpAddress())
                    .formParam("grant_type", "client_credentials").auth().preemptive().basic("unknown-" + requestId, "wrong")
                    .post("/oauth/token")
                    .then().statusCode(401).header("X-Request-Id", requestId);

            assertTrue(capture.requestIds().contains(requestId), "log lines of the request carry its id: " + capture.requestIds());
        }
    }

    @Test
    void invalid_request_id_is_replaced() {
        for (String invalid : List.of("a b", "anna@example.test", "x".repeat(101), "line\\nbreak")) {
            String returned = given().header("X-Request-Id", invalid).get("/q/health/live")
                    .then().statusCode(200).extract().header("X-Request-Id");

            assertNotEquals(invalid, returned);
            assertTrue(GENERATED_ID.matcher(returned).matches(), returned);
        }
    }

    @Test
    void missing_request_id_is_generated_and_logged() {
        try (MdcCapture capture = MdcCapture.start()) {
            String returned = given().header("X-Forwarded-For", LoginFlow.randomIpAddress())
                    .formParam("grant_type", "client_credentials").auth().preemptive().basic("unknown-client", "wrong")
                    .post("/oauth/token")
                    .then().statusCode(401).extract().header("X-Request-Id");

            assertTrue(GENERATED_ID.matcher(returned).matches(), returned);
            assertTrue(capture.requestIds().contains(returned), "log lines of the request carry its id: " + capture.requestIds());
        }
    }

    @Test
    void two_requests_get_different_ids() {
        String first = given().get("/q/health/live").then().extract().header("X-Request-Id");
        String second = given().get("/q/health/live").then().extract().header("X-Request-Id");

        assertNotEquals(first, second);
    }

    @Test
    void metrics_after_flow_hold_no_personal_data() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        flow.pinLogin(device, "99999").then().statusCode(401);
        String accessToken = flow.pinLogin(device, device.pin()).then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(accessToken).get("/app/v1/clients/{clientId}/timeline", device.invitee().clientId())
                .then().statusCode(200);
        outbox.deliver();

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertTrue(value(metrics, "clientapp_logins_total", "outcome=\"success\"") >= 1, "successful login counted");
        assertTrue(value(metrics, "clientapp_logins_total", "outcome=\"wrong_pin\"") >= 1, "wrong PIN counted");
        assertTrue(value(metrics, "clientapp_message_sends_total", "channel=\"sms\",outcome=\"success\"") >= 1, "SMS code counted");
        assertTrue(value(metrics, "clientapp_message_sends_total", "channel=\"email\",outcome=\"success\"") >= 1, "e-mail counted");
        assertTrue(metrics.contains("clientapp_outbox_pending_messages "), "outbox backlog gauge");
        assertTrue(metrics.contains("clientapp_outbox_oldest_pending_age_seconds "), "outbox age gauge");
        assertTrue(metrics.contains("uri=\"/app/v1/clients/{clientId}/timeline\""), "latency by route template");
        assertTrue(metrics.contains("http_server_requests_seconds_bucket") || metrics.contains("http_server_requests_seconds_count"),
                "request latency");

        Matcher uuid = UUID_TEXT.matcher(metrics);
        assertFalse(uuid.find(), () -> "an id in the metrics: " + uuid.group());
        assertFalse(metrics.contains("@"), "an e-mail address in the metrics");
        assertFalse(metrics.contains(device.invitee().mobile()), "the mobile number in the metrics");
        assertFalse(metrics.contains(device.invitee().mobile().substring(3)), "the national mobile number in the metrics");
        assertFalse(metrics.contains(device.invitee().ipAddress()), "the client IP address in the metrics");
    }

    @Test
    void unmatched_path_ids_stay_out_of_labels() {
        UUID id = UUID.randomUUID();
        given().get("/app/v1/no-such-route/{id}/x/12345", id).then().statusCode(404);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertFalse(metrics.contains(id.toString()), "an id in the metrics");
        assertFalse(metrics.contains("12345"), "a number from a path in the metrics");
    }

    @Test
    void uri_filter_replaces_ids() {
        assertEquals("/app/v1/clients/{id}/posts/{n}/{value}",
                UriTagFilter.withoutIds("/app/v1/clients/" + UUID.randomUUID() + "/posts/42/anna@example.test"));
        assertEquals("/app/v1/clients/{clientId}/timeline", UriTagFilter.withoutIds("/app/v1/clients/{clientId}/timeline"));
    }

    @Test
    void readiness_includes_database() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", hasItem(DatabaseReadiness.NAME));
    }

    @Test
    void liveness_has_no_dependency_checks() {
        Response live = given().get("/q/health/live");

        live.then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
        List<String> names = live.path("checks.name");
        assertFalse(names.contains(DatabaseReadiness.NAME), "liveness must not depend on the database");
        assertFalse(names.contains("outbox"), "liveness must not depend on the outbox");
    }

    @Test
    void dependency_group_reports_outbox_and_providers() {
        // The shared test database may hold old pending messages, so the group's status is not checked here.
        Response dependencies = given().get("/q/health/group/dependencies");

        List<String> names = dependencies.path("checks.name");
        assertTrue(names.containsAll(List.of("outbox", "sms", "smtp")), names.toString());
        assertEquals("memory", dependencies.path("checks.find { it.name == 'sms' }.data.provider"));
        assertEquals("mock", dependencies.path("checks.find { it.name == 'smtp' }.data.mode"));
        Integer pending = dependencies.path("checks.find { it.name == 'outbox' }.data.pending");
        assertTrue(pending >= 0);
    }

    private static double value(String metrics, String name, String labels) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labels)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("No series " + name + " with " + labels);
    }

    /** Collects the {@code requestId} MDC value of every log record while open. */
    static final class MdcCapture extends Handler implements AutoCloseable {

        private final List<String> requestIds = new ArrayList<>();

        static MdcCapture start() {
            MdcCapture capture = new MdcCapture();
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        synchronized List<String> requestIds() {
            return new ArrayList<>(requestIds);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record instanceof ExtLogRecord extended && extended.getMdc(RequestIds.MDC_KEY) != null) {
                requestIds.add(extended.getMdc(RequestIds.MDC_KEY));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }
}
