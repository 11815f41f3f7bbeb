package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.support.TestClock;

/** Unknown, wrong and blocked accounts get the same status and body at the activation, SMS and PIN steps. */
@QuarkusTest
class EnumerationTest {

    private static final String MASK = "•••• •• \\d\\d";

    @Inject
    LoginFlow flow;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void invalid_activation_codes_get_the_valid_response_shape() {
        LoginFlow.Invitee valid = flow.invite();
        LoginFlow.Invitee expired = flow.invite();
        LoginFlow.ActivatedDevice used = flow.activatedDevice();
        Map<String, Response> responses = new LinkedHashMap<>();

        responses.put("valid", flow.startActivation(valid, flow.activationCode(valid.email())));
        responses.put("unknown", flow.startActivation(valid, SecureTokens.randomToken(32)));
        responses.put("used", flow.startActivation(used.invitee(), flow.activationCode(used.invitee().email())));
        clock.advance(Duration.ofHours(73));
        responses.put("expired", flow.startActivation(expired, flow.activationCode(expired.email())));

        for (Map.Entry<String, Response> entry : responses.entrySet()) {
            Response response = entry.getValue();
            assertEquals(202, response.statusCode(), entry.getKey());
            assertEquals("no-store", response.header("Cache-Control"), entry.getKey());
            assertEquals(Set.of("activationId", "smsSentTo"), response.jsonPath().getMap("$").keySet(), entry.getKey());
            UUID.fromString(response.path("activationId"));
            assertTrue(((String) response.path("smsSentTo")).matches(MASK), entry.getKey());
        }
        assertEquals(1, flow.smsTo(valid.mobile()).size());
        assertEquals(0, flow.smsTo(expired.mobile()).size());
        assertEquals(1, flow.smsTo(used.invitee().mobile()).size());
    }

    @Test
    void repeated_unknown_code_is_throttled_like_valid() {
        LoginFlow.Invitee invitee = flow.invite();
        String validCode = flow.activationCode(invitee.email());
        String unknownCode = SecureTokens.randomToken(32);

        Response validFirst = flow.startActivation(invitee, validCode);
        Response unknownFirst = flow.startActivation(invitee, unknownCode);
        Response validAgain = flow.startActivation(invitee, validCode);
        Response unknownAgain = flow.startActivation(invitee, unknownCode);

        assertEquals(202, validFirst.statusCode());
        assertEquals(202, unknownFirst.statusCode());
        assertEquals(429, validAgain.statusCode());
        assertEquals(429, unknownAgain.statusCode());
        assertEquals(validAgain.header("Retry-After"), unknownAgain.header("Retry-After"));
        assertEquals(validAgain.asString(), unknownAgain.asString());
    }

    @Test
    void repeated_unknown_code_shows_same_mask() {
        LoginFlow.Invitee invitee = flow.invite();
        String unknownCode = SecureTokens.randomToken(32);

        Response first = flow.startActivation(invitee, unknownCode);
        clock.advance(Duration.ofSeconds(61));
        Response second = flow.startActivation(invitee, unknownCode);

        assertEquals(202, second.statusCode());
        assertEquals((String) first.path("smsSentTo"), second.path("smsSentTo"));
    }

    @Test
    void failed_sms_steps_get_identical_problem() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);
        String code = flow.smsCode(invitee.mobile());
        String wrongCode = code.equals("000000") ? "000001" : "000000";
        LoginFlow.Invitee voided = flow.invite();
        UUID voidedActivation = flow.startActivation(voided);
        for (int i = 0; i < 3; i++) {
            flow.complete(voided, voidedActivation, wrongCode, LoginFlow.PIN, LoginFlow.newDeviceKey());
        }
        LoginFlow.Invitee expired = flow.invite();
        UUID expiredActivation = flow.startActivation(expired);

        Response unknown = flow.complete(invitee, UUID.randomUUID(), code, LoginFlow.PIN, LoginFlow.newDeviceKey());
        Response wrong = flow.complete(invitee, activationId, wrongCode, LoginFlow.PIN, LoginFlow.newDeviceKey());
        Response blocked = flow.complete(voided, voidedActivation, flow.smsCode(voided.mobile()), LoginFlow.PIN,
                LoginFlow.newDeviceKey());
        flow.complete(invitee, activationId, code, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(201);
        Response used = flow.complete(invitee, activationId, code, LoginFlow.PIN, LoginFlow.newDeviceKey());
        clock.advance(Duration.ofMinutes(6));
        Response late = flow.complete(expired, expiredActivation, flow.smsCode(expired.mobile()), LoginFlow.PIN,
                LoginFlow.newDeviceKey());

        assertEquals(400, unknown.statusCode());
        for (Response response : new Response[] { wrong, blocked, used, late }) {
            assertEquals(unknown.statusCode(), response.statusCode());
            assertEquals(unknown.asString(), response.asString());
        }
        assertTrue(unknown.asString().contains("urn:clientapp:problem:activation-failed"));
    }

    @Test
    void failed_pin_logins_get_identical_problem() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        LoginFlow.ActivatedDevice destroyed = flow.activatedDevice();
        for (int i = 0; i < 5; i++) {
            flow.pinLogin(destroyed, "60394").then().statusCode(401);
        }
        KeyPair strangerKey = LoginFlow.newDeviceKey();
        UUID unknownDeviceId = UUID.randomUUID();
        Response strangerChallenge = flow.challenge(device.invitee(), unknownDeviceId);

        Response unknown = flow.pinLogin(device.invitee(), unknownDeviceId, strangerChallenge.path("challengeId"),
                LoginFlow.sign(strangerKey, strangerChallenge.path("challenge")), LoginFlow.PIN);
        Response wrongPin = flow.pinLogin(device, "60394");
        Response blocked = flow.pinLogin(destroyed, LoginFlow.PIN);
        Response challenge = flow.challenge(device);
        Response badSignature = flow.pinLogin(device.invitee(), device.deviceId(), challenge.path("challengeId"),
                LoginFlow.sign(strangerKey, challenge.path("challenge")), LoginFlow.PIN);

        assertEquals(401, unknown.statusCode());
        for (Response response : new Response[] { wrongPin, blocked, badSignature }) {
            assertEquals(unknown.statusCode(), response.statusCode());
            assertEquals(unknown.asString(), response.asString());
        }
        assertTrue(unknown.asString().contains("urn:clientapp:problem:login-failed"));
    }

    @Test
    void unknown_device_gets_real_looking_challenge() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        Response known = flow.challenge(device);
        Response unknown = flow.challenge(device.invitee(), UUID.randomUUID());

        assertEquals(known.statusCode(), unknown.statusCode());
        assertEquals(known.jsonPath().getMap("$").keySet(), unknown.jsonPath().getMap("$").keySet());
        assertEquals(32, java.util.Base64.getDecoder().decode((String) unknown.path("challenge")).length);
    }
}
