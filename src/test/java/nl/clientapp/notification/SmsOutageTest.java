package nl.clientapp.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import nl.clientapp.auth.ContactRecords;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.support.TestClock;

/**
 * While the SMS provider is down, an SMS code request (activation or contact change) gets 503
 * with Retry-After and no code is promised, and PIN login and dossier reads, which need no SMS,
 * keep working.
 */
@QuarkusTest
@TestProfile(CmSmsProfile.class)
class SmsOutageTest {

    private static final String PIN = "40861";
    private static final Pattern SMS_CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Inject
    LoginFlow flow;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    SmsSender sender;

    @Inject
    TestClock clock;

    @Inject
    ContactRecords contacts;

    private final WireMock gateway = CmGatewayStub.client();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void reset() {
        clock.reset();
        gateway.resetMappings();
        gateway.resetRequests();
        circuitBreakers.resetAll();
    }

    @Test
    void sms_outage_gives_503_and_login_keeps_working() {
        gateway.register(post(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)).willReturn(CmSmsSenderTest.accepted()));
        LoginFlow.ActivatedDevice device = activateThroughGateway(flow.invite());
        gateway.register(post(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)).willReturn(aResponse().withStatus(500)));

        Response first = startActivation(flow.invite(), "nl");
        Response second = startActivation(flow.invite(), "en");
        int gatewayCallsWhenOpen = gateway.find(postRequestedFor(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH))).size();
        Response whileOpen = startActivation(flow.invite(), "nl");

        assertUnavailable(first, "Sms tijdelijk niet beschikbaar");
        assertUnavailable(second, "SMS temporarily unavailable");
        assertUnavailable(whileOpen, "Sms tijdelijk niet beschikbaar");
        assertEquals(gatewayCallsWhenOpen, gateway.find(postRequestedFor(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH))).size());

        Response challenge = flow.challenge(device);
        flow.pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"),
                LoginFlow.sign(device.key(), challenge.path("challenge")), PIN).then().statusCode(200);
        given().auth().oauth2(device.accessToken())
                .get("/app/v1/clients/{clientId}/reports", device.invitee().clientId())
                .then().statusCode(200);
    }

    @Test
    void sms_health_is_down_while_breaker_open() {
        Response closed = given().get("/q/health/group/dependencies");
        assertEquals("UP", closed.path("checks.find { it.name == 'sms' }.status"));
        assertEquals("CLOSED", closed.path("checks.find { it.name == 'sms' }.data.circuitBreaker"));

        gateway.register(post(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)).willReturn(aResponse().withStatus(500)));
        startActivation(flow.invite(), "nl").then().statusCode(503);
        startActivation(flow.invite(), "nl").then().statusCode(503);
        Response open = given().get("/q/health/group/dependencies");

        open.then().statusCode(503);
        assertEquals("DOWN", open.path("checks.find { it.name == 'sms' }.status"));
        assertEquals("OPEN", open.path("checks.find { it.name == 'sms' }.data.circuitBreaker"));
        assertEquals("cm", open.path("checks.find { it.name == 'sms' }.data.provider"));
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("clientapp_message_sends_total{channel=\"sms\",outcome=\"failure\"}"), "SMS failures counted");
    }

    @Test
    void failed_sms_stores_no_activation() {
        gateway.register(post(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)).willReturn(aResponse().withStatus(500)));
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());

        Response failed = flow.startActivation(invitee, activationCode);
        circuitBreakers.resetAll();
        gateway.register(post(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)).willReturn(CmSmsSenderTest.accepted()));
        Response retried = flow.startActivation(invitee, activationCode);

        assertUnavailable(failed, "Sms tijdelijk niet beschikbaar");
        assertEquals(202, retried.statusCode(), "the failed request must not count against the 60 s SMS interval");
        assertTrue(sender.isAvailable());
    }

    @Test
    void contact_change_during_outage_gives_503_and_stores_nothing() {
        gateway.register(post(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)).willReturn(CmSmsSenderTest.accepted()));
        LoginFlow.ActivatedDevice device = activateThroughGateway(flow.invite());
        clock.advance(Duration.ofSeconds(61));
        gateway.register(post(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)).willReturn(aResponse().withStatus(500)));
        String newMobile = LoginFlow.randomDutchMobile();

        Response failed = requestMobileChange(device, newMobile, "en");
        circuitBreakers.resetAll();
        gateway.register(post(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)).willReturn(CmSmsSenderTest.accepted()));
        Response retried = requestMobileChange(device, newMobile, "nl");

        assertUnavailable(failed, "SMS temporarily unavailable");
        assertEquals(202, retried.statusCode(), "the failed request must not count against the 60 s SMS interval");
        assertEquals(device.invitee().mobile(), contacts.of(device.invitee().userId()).mobile());
    }

    private static Response requestMobileChange(LoginFlow.ActivatedDevice device, String mobile, String language) {
        return device.invitee().app().auth().oauth2(device.accessToken()).header("Accept-Language", language)
                .body(Map.of("mobile", mobile))
                .post("/app/v1/me/mobile-changes");
    }

    private Response startActivation(LoginFlow.Invitee invitee, String language) {
        return invitee.app().header("Accept-Language", language)
                .body(Map.of("activationCode", flow.activationCode(invitee.email())))
                .post("/app/v1/auth/activations");
    }

    private LoginFlow.ActivatedDevice activateThroughGateway(LoginFlow.Invitee invitee) {
        UUID activationId = flow.startActivation(invitee);
        KeyPair key = LoginFlow.newDeviceKey();
        Response completed = flow.complete(invitee, activationId, codeSentTo(invitee.mobile()), PIN, key);
        completed.then().statusCode(201);
        return new LoginFlow.ActivatedDevice(invitee, UUID.fromString(completed.path("deviceId")), key, PIN,
                completed.path("accessToken"), completed.path("refreshToken"));
    }

    /** Returns the code from the SMS that the gateway stand-in received for {@code mobile}. */
    private String codeSentTo(String mobile) {
        List<LoggedRequest> requests = gateway.find(postRequestedFor(urlEqualTo(CmSmsSenderTest.MESSAGE_PATH)));
        for (LoggedRequest request : requests) {
            String body = request.getBodyAsString();
            if (body.contains(mobile)) {
                Matcher matcher = SMS_CODE.matcher(body);
                assertTrue(matcher.find(), "the SMS has no 6-digit code");
                return matcher.group(1);
            }
        }
        throw new AssertionError("The gateway received no SMS for the invitee");
    }

    private static void assertUnavailable(Response response, String title) {
        assertEquals(503, response.statusCode());
        assertNotNull(response.header("Retry-After"));
        assertEquals("30", response.header("Retry-After"));
        assertEquals("application/problem+json", response.contentType());
        assertEquals("urn:clientapp:problem:sms-unavailable", response.path("type"));
        assertEquals(title, response.path("title"));
    }
}
