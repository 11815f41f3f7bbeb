package nl.clientapp.auth;

import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.support.TestClock;

/** Limits on SMS codes: 60 seconds apart, 5 per user per hour, 30 activation requests per IP address per hour. */
@QuarkusTest
class SmsThrottleTest {

    @Inject
    LoginFlow flow;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void second_code_within_60_seconds_gets_429() {
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());
        flow.startActivation(invitee, activationCode).then().statusCode(202);

        flow.startActivation(invitee, activationCode).then().statusCode(429)
                .header("Retry-After", "60")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:too-many-requests"));
        clock.advance(Duration.ofSeconds(59));
        flow.startActivation(invitee, activationCode).then().statusCode(429).header("Retry-After", "1");
        clock.advance(Duration.ofSeconds(1));
        flow.startActivation(invitee, activationCode).then().statusCode(202);

        org.junit.jupiter.api.Assertions.assertEquals(2, flow.smsTo(invitee.mobile()).size());
    }

    @Test
    void sixth_code_within_an_hour_gets_429() {
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());
        for (int i = 0; i < 5; i++) {
            flow.startActivation(invitee, activationCode).then().statusCode(202);
            clock.advance(Duration.ofSeconds(61));
        }

        flow.startActivation(invitee, activationCode).then().statusCode(429)
                .header("Retry-After", String.valueOf(3600 - 5 * 61));
        clock.advance(Duration.ofSeconds(3600 - 5 * 61));
        flow.startActivation(invitee, activationCode).then().statusCode(202);

        org.junit.jupiter.api.Assertions.assertEquals(6, flow.smsTo(invitee.mobile()).size());
    }

    @Test
    void thirty_first_request_per_ip_gets_429() {
        LoginFlow.Invitee invitee = flow.invite();
        for (int i = 0; i < 30; i++) {
            invitee.app().body(Map.of("activationCode", SecureTokens.randomToken(32))).post("/app/v1/auth/activations")
                    .then().statusCode(202);
        }

        invitee.app().body(Map.of("activationCode", flow.activationCode(invitee.email()))).post("/app/v1/auth/activations")
                .then().statusCode(429)
                .header("Retry-After", "3600");

        org.junit.jupiter.api.Assertions.assertEquals(0, flow.smsTo(invitee.mobile()).size());
        LoginFlow.Invitee elsewhere = new LoginFlow.Invitee(invitee.integrator(), invitee.integratorToken(), invitee.clientId(),
                invitee.membershipId(), invitee.userId(), invitee.email(), invitee.mobile(), LoginFlow.randomIpAddress());
        flow.startActivation(elsewhere, flow.activationCode(invitee.email())).then().statusCode(202);
    }
}
