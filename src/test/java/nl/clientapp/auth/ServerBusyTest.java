package nl.clientapp.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.common.overload.OverloadProfile;

/**
 * Overload limits: while two PIN logins wait for the one Argon2 run (held by the test), the server
 * serves its limit of two requests, so every further request gets 503 server-busy at once. Logins
 * that waited longer than pin-check-wait get 503 as well, without a failure counted against them.
 */
@QuarkusTest
@TestProfile(OverloadProfile.class)
class ServerBusyTest {

    private static final String RETRY_AFTER = String.valueOf(OverloadProfile.BUSY_RETRY_AFTER_SECONDS);
    private static final String SERVER_BUSY = "urn:clientapp:problem:server-busy";

    @Inject
    LoginFlow flow;

    @Inject
    LoginRecords records;

    @Inject
    PinHasher pinHasher;

    @Test
    void overload_limits_return_503() throws Exception {
        LoginFlow.ActivatedDevice first = flow.activatedDevice();
        LoginFlow.ActivatedDevice second = flow.activatedDevice();
        double requestsBefore = busyCount("requests");
        double pinChecksBefore = busyCount("pin-checks");
        ExecutorService executor = Executors.newFixedThreadPool(OverloadProfile.MAX_CONCURRENT_REQUESTS);
        Response dutchRead;
        Response englishWrite;
        Response fhir;
        Future<Response> firstLogin;
        Future<Response> secondLogin;
        try (HeldPinChecks held = new HeldPinChecks(pinHasher)) {
            firstLogin = executor.submit(() -> flow.pinLogin(first, LoginFlow.PIN));
            secondLogin = executor.submit(() -> flow.pinLogin(second, LoginFlow.PIN));
            held.awaitWaiting(OverloadProfile.MAX_CONCURRENT_REQUESTS);

            dutchRead = LoginFlow.me(first.accessToken());
            englishWrite = given().contentType(ContentType.JSON).header("Accept-Language", "en")
                    .body(Map.of("deviceId", first.deviceId().toString())).post("/app/v1/auth/challenges");
            fhir = given().get("/fhir/metadata");

            // Both logins give up after pin-check-wait, while their Argon2 run is still held.
            assertBusy(firstLogin.get(60, TimeUnit.SECONDS), "nl");
            assertBusy(secondLogin.get(60, TimeUnit.SECONDS), "nl");
        } finally {
            executor.shutdownNow();
        }

        assertBusy(dutchRead, "nl");
        assertEquals("Tijdelijk te druk", dutchRead.path("title"));
        assertBusy(englishWrite, "en");
        assertEquals("The server is receiving more requests than it can process right now. Try again in a few seconds.",
                englishWrite.path("detail"));
        assertEquals(503, fhir.statusCode(), fhir::asString);
        assertEquals("application/fhir+json", fhir.contentType().split(";")[0]);
        assertEquals(RETRY_AFTER, fhir.header("Retry-After"));
        OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, fhir.asString());
        assertEquals(OperationOutcome.IssueType.TRANSIENT, outcome.getIssueFirstRep().getCode());
        assertEquals("De server krijgt nu meer verzoeken dan hij kan verwerken. Probeer het over " + RETRY_AFTER
                + " seconden opnieuw.", outcome.getIssueFirstRep().getDiagnostics());

        assertEquals(0, records.pinLoginFailures(first.deviceId()), "a PIN that was not checked must not count as a failure");
        assertEquals(0, records.pinLoginFailures(second.deviceId()));
        assertEquals(0, records.failedPins(first.deviceId()));
        assertEquals(requestsBefore + 3, busyCount("requests"));
        assertEquals(pinChecksBefore + 2, busyCount("pin-checks"));

        // With the run free and no request in flight, the same requests succeed again.
        flow.pinLogin(first, LoginFlow.PIN).then().statusCode(200);
        flow.pinLogin(second, LoginFlow.PIN).then().statusCode(200);
        LoginFlow.me(first.accessToken()).then().statusCode(200);
        given().get("/fhir/metadata").then().statusCode(200);
    }

    private static void assertBusy(Response response, String language) {
        assertEquals(503, response.statusCode(), response::asString);
        assertEquals("application/problem+json", response.contentType().split(";")[0]);
        assertEquals(RETRY_AFTER, response.header("Retry-After"));
        assertEquals(SERVER_BUSY, response.path("type"));
        assertEquals(language, response.header("Content-Language"));
    }

    private static double busyCount(String cause) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher count = Pattern.compile("(?m)^clientapp_server_busy_total\\{cause=\"" + cause + "\"[^}]*\\} (\\S+)$").matcher(metrics);
        assertTrue(count.find(), "clientapp_server_busy_total for " + cause + " missing from the metrics");
        return Double.parseDouble(count.group(1));
    }
}
