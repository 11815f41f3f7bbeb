package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.support.LogCapture;

/** The login flow logs ids only: no codes, PINs, tokens, phone numbers or e-mail addresses. */
@QuarkusTest
class LogSecretsTest {

    private LogCapture capture;

    @Inject
    LoginFlow flow;

    @BeforeEach
    void captureLog() {
        capture = LogCapture.start();
    }

    @AfterEach
    void releaseLog() {
        capture.close();
    }

    @Test
    void login_flow_logs_no_secrets_or_contacts() {
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());
        UUID activationId = flow.startActivation(invitee);
        String smsCode = flow.smsCode(invitee.mobile());
        Response activated = flow.complete(invitee, activationId, smsCode, LoginFlow.PIN, LoginFlow.newDeviceKey());
        String accessToken = activated.path("accessToken");
        String refreshToken = activated.path("refreshToken");
        flow.refresh(invitee, refreshToken).then().statusCode(200);
        flow.refresh(invitee, refreshToken).then().statusCode(401);
        LoginFlow.me(accessToken).then().statusCode(401);

        String log = capture.text();

        assertTrue(log.contains(activationId.toString()), "the capture must see the flow's own log lines");
        assertFalse(log.contains(activationCode), "activation code");
        assertFalse(Pattern.compile("(?<![0-9a-f])" + smsCode + "(?![0-9a-f])").matcher(log).find(), "SMS code");
        assertFalse(Pattern.compile("(?<![0-9a-f])" + LoginFlow.PIN + "(?![0-9a-f])").matcher(log).find(), "PIN");
        assertFalse(log.contains(accessToken.split("\\.")[2]), "access token");
        assertFalse(log.contains(refreshToken), "refresh token");
        assertFalse(log.contains(invitee.mobile().substring(3)), "mobile number");
        assertFalse(log.contains(invitee.email()), "e-mail address");
    }
}
