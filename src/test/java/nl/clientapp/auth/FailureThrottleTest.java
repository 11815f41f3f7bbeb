package nl.clientapp.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestIntegrators;

/**
 * Failures on the endpoints without authentication are limited per client IP address and, where
 * there is an account, per account (SECURITY.md L3, L6, T3): failed PIN logins per device, wrong
 * client secrets per integrator client id, failed refreshes and wrong SMS codes per address.
 * Once a limit is reached even right credentials get 429 until the window has passed.
 */
@QuarkusTest
class FailureThrottleTest {

    /** {@code clientapp.throttle.failures-per-ip-per-hour}. */
    private static final int PER_IP = 30;
    /** {@code clientapp.throttle.failures-per-account-per-hour}. */
    private static final int PER_ACCOUNT = 10;

    @Inject
    LoginFlow flow;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void failed_pin_logins_are_limited_per_device_from_any_address() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        // Bad signatures: they do not count as PIN attempts (L6), so only the throttle stops them.
        for (int i = 0; i < PER_ACCOUNT; i++) {
            Response challenge = flow.challenge(device);
            LoginFlow.Invitee elsewhere = fromNewAddress(device.invitee());
            flow.pinLogin(elsewhere, device.deviceId(), challenge.path("challengeId"),
                    LoginFlow.sign(LoginFlow.newDeviceKey(), challenge.path("challenge")), LoginFlow.PIN)
                    .then().statusCode(401);
        }

        assertTooMany(flow.pinLogin(device, LoginFlow.PIN));

        clock.advance(Duration.ofMinutes(61));
        flow.pinLogin(device, LoginFlow.PIN).then().statusCode(200);
    }

    @Test
    void failed_pin_logins_are_limited_per_address() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        for (int i = 0; i < PER_IP; i++) {
            flow.pinLogin(device.invitee(), UUID.randomUUID(), UUID.randomUUID().toString(), "c2lnbmF0dXJl", LoginFlow.PIN)
                    .then().statusCode(401);
        }

        assertTooMany(flow.pinLogin(device, LoginFlow.PIN));
        flow.pinLogin(new LoginFlow.ActivatedDevice(fromNewAddress(device.invitee()), device.deviceId(), device.key(),
                device.pin(), device.accessToken(), device.refreshToken()), LoginFlow.PIN).then().statusCode(200);
    }

    @Test
    void failed_refreshes_are_limited_per_address() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        for (int i = 0; i < PER_IP; i++) {
            flow.refresh(device.invitee(), "not-a-token-" + i).then().statusCode(401);
        }

        assertTooMany(flow.refresh(device.invitee(), device.refreshToken()));
        flow.refresh(fromNewAddress(device.invitee()), device.refreshToken()).then().statusCode(200);
    }

    @Test
    void wrong_sms_codes_are_limited_per_address() {
        LoginFlow.Invitee invitee = flow.invite();
        for (int i = 0; i < PER_IP; i++) {
            flow.complete(invitee, UUID.randomUUID(), "000000", "52817", LoginFlow.newDeviceKey()).then().statusCode(400);
        }
        UUID activationId = flow.startActivation(invitee);

        assertTooMany(flow.complete(invitee, activationId, flow.smsCode(invitee.mobile()), "52817", LoginFlow.newDeviceKey()));
        flow.complete(fromNewAddress(invitee), activationId, flow.smsCode(invitee.mobile()), "52817", LoginFlow.newDeviceKey())
                .then().statusCode(201);
    }

    @Test
    void wrong_client_secrets_are_limited_per_client_id_from_any_address() {
        TestIntegrators.Credentials integrator = integrators.create();
        for (int i = 0; i < PER_ACCOUNT; i++) {
            token(LoginFlow.randomIpAddress(), integrator.clientId(), "wrong-" + i).then().statusCode(401);
        }

        assertTooMany(token(LoginFlow.randomIpAddress(), integrator.clientId(), integrator.clientSecret()));

        clock.advance(Duration.ofMinutes(61));
        token(LoginFlow.randomIpAddress(), integrator.clientId(), integrator.clientSecret()).then().statusCode(200);
    }

    @Test
    void wrong_client_secrets_are_limited_per_address() {
        String address = LoginFlow.randomIpAddress();
        for (int i = 0; i < PER_IP; i++) {
            token(address, "no-such-client-" + UUID.randomUUID(), "wrong").then().statusCode(401);
        }
        TestIntegrators.Credentials integrator = integrators.create();

        assertTooMany(token(address, integrator.clientId(), integrator.clientSecret()));
        given().header("X-Forwarded-For", address).header("Accept-Language", "en")
                .auth().preemptive().basic(integrator.clientId(), integrator.clientSecret())
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(429).body("title", equalTo("Too many requests"));
        token(LoginFlow.randomIpAddress(), integrator.clientId(), integrator.clientSecret()).then().statusCode(200);
    }

    private static Response token(String address, String clientId, String secret) {
        return given().header("X-Forwarded-For", address).auth().preemptive().basic(clientId, secret)
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post("/oauth/token");
    }

    private static LoginFlow.Invitee fromNewAddress(LoginFlow.Invitee invitee) {
        return new LoginFlow.Invitee(invitee.integrator(), invitee.integratorToken(), invitee.clientId(),
                invitee.membershipId(), invitee.userId(), invitee.email(), invitee.mobile(), LoginFlow.randomIpAddress());
    }

    private static void assertTooMany(Response response) {
        assertEquals(429, response.statusCode(), response.asString());
        response.then().contentType(startsWith("application/problem+json"))
                .header("Retry-After", Integer::parseInt, greaterThan(0))
                .header("Retry-After", Integer::parseInt, lessThanOrEqualTo(3600))
                .body("title", equalTo("Te veel verzoeken"));
    }
}
