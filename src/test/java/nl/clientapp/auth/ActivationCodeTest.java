package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.support.TestClock;

/** The activation code in the invitation e-mail: random, hashed, 72 hours, single use, never enough alone. */
@QuarkusTest
class ActivationCodeTest {

    @Inject
    LoginFlow flow;

    @Inject
    LoginRecords records;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void activation_code_works_until_just_before_72_hours() {
        LoginFlow.Invitee invitee = flow.invite();

        clock.advance(Duration.ofHours(72).minusSeconds(1));
        flow.startActivation(invitee);

        assertEquals(1, flow.smsTo(invitee.mobile()).size());
    }

    @Test
    void activation_code_expires_after_72_hours() {
        LoginFlow.Invitee invitee = flow.invite();

        clock.advance(Duration.ofHours(72));
        flow.startActivation(invitee);

        assertTrue(flow.smsTo(invitee.mobile()).isEmpty(), "an expired activation code must not send an SMS");
    }

    @Test
    void activation_code_is_single_use() {
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());
        flow.activate(invitee);

        clock.advance(Duration.ofMinutes(2));
        flow.startActivation(invitee, activationCode).then().statusCode(202);

        assertEquals(1, flow.smsTo(invitee.mobile()).size(), "a used activation code must not send another SMS");
    }

    @Test
    void activation_code_alone_never_yields_tokens() {
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());
        UUID activationId = flow.startActivation(invitee);

        flow.complete(invitee, activationId, activationCode.substring(0, 12), LoginFlow.PIN, LoginFlow.newDeviceKey())
                .then().statusCode(400);
        flow.complete(invitee, activationId, "000000", LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);
        invitee.app().body(Map.of("pin", LoginFlow.PIN, "devicePublicKey", LoginFlow.publicKeyBase64(LoginFlow.newDeviceKey()),
                "deviceName", "Pixel 8")).post("/app/v1/auth/activations/{id}/complete", activationId).then().statusCode(400);
        flow.refresh(invitee, activationCode).then().statusCode(401);

        assertEquals(0, records.sessionCount(invitee.userId()));
    }

    @Test
    void activation_code_stored_as_sha256() {
        LoginFlow.Invitee first = flow.invite();
        LoginFlow.Invitee second = flow.invite();

        String code = flow.activationCode(first.email());
        String storedHash = records.invitationCodeHashes(first.userId()).get(0);

        assertTrue(code.length() >= 43, "256 bits as base64url are 43 characters");
        assertFalse(code.equals(flow.activationCode(second.email())));
        assertEquals(SecureTokens.sha256Hex(code), storedHash);
        assertFalse(storedHash.contains(code));
    }

    @Test
    void new_invitation_voids_the_old_activation_code() {
        LoginFlow.Invitee invitee = flow.invite();
        String oldCode = flow.activationCode(invitee.email());

        io.restassured.RestAssured.given().auth().oauth2(invitee.integratorToken())
                .post("/integration/v1/clients/{clientId}/members/{membershipId}/invitation", invitee.clientId(),
                        invitee.membershipId())
                .then().statusCode(201);
        String newCode = flow.activationCode(invitee.email());
        flow.startActivation(invitee, oldCode).then().statusCode(202);

        assertTrue(flow.smsTo(invitee.mobile()).isEmpty(), "the voided code must not send an SMS");
        flow.startActivation(invitee, newCode).then().statusCode(202);
        assertEquals(1, flow.smsTo(invitee.mobile()).size());
    }
}
