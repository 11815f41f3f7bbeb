package nl.clientapp.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.support.LogCapture;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestOutbox;

/**
 * The app's flows log ids only: no codes, PINs, tokens, phone numbers, e-mail addresses or dossier,
 * post or terms text. ChatLogTest covers chat questions and answers.
 */
@QuarkusTest
class LogSecretsTest {

    private LogCapture capture;

    @Inject
    LoginFlow flow;

    @Inject
    TestDossier dossier;

    @Inject
    TestOutbox outbox;

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

    @Test
    void app_flows_log_no_secrets_or_texts() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        LoginFlow.Invitee invitee = device.invitee();
        String integratorToken = invitee.integratorToken();
        String reportText = "Rapportage " + UUID.randomUUID();
        String postText = "Bericht " + UUID.randomUUID();
        String termsText = "Voorwaarden " + UUID.randomUUID();
        dossier.report(invitee.clientId(), "CARE", "Ochtendzorg", reportText, Instant.now().minusSeconds(600));

        Response signedIn = flow.pinLogin(device, device.pin());
        signedIn.then().statusCode(200);
        String accessToken = signedIn.path("accessToken");
        String refreshToken = signedIn.path("refreshToken");
        invitee.app().auth().oauth2(accessToken).get("/app/v1/clients/{clientId}/reports", invitee.clientId())
                .then().statusCode(200);
        invitee.app().auth().oauth2(accessToken).body(Map.of("text", postText))
                .post("/app/v1/clients/{clientId}/posts", invitee.clientId())
                .then().statusCode(201);
        String versionId = given().auth().oauth2(integratorToken).contentType("application/json")
                .body(Map.of("versionLabel", "log " + UUID.randomUUID(), "text", termsText,
                        "effectiveDate", LocalDate.now().plusYears(30).toString()))
                .post("/integration/v1/terms-versions")
                .then().statusCode(201)
                .extract().path("id");
        invitee.app().auth().oauth2(accessToken).post("/app/v1/terms/{versionId}/acceptance", versionId)
                .then().statusCode(201);
        given().auth().oauth2(integratorToken).contentType("application/json")
                .body(Map.of("membershipId", invitee.membershipId(), "receivedDate", LocalDate.now().toString()))
                .post("/integration/v1/clients/{clientId}/termination-requests", invitee.clientId())
                .then().statusCode(201);
        outbox.deliver();

        String log = capture.text();

        assertTrue(log.contains(device.deviceId().toString()) || log.contains(invitee.userId().toString()),
                "the capture must see the flows' own log lines");
        assertFalse(Pattern.compile("(?<![0-9a-f])" + device.pin() + "(?![0-9a-f])").matcher(log).find(), "PIN");
        assertFalse(log.contains(accessToken.split("\\.")[2]), "access token");
        assertFalse(log.contains(refreshToken), "refresh token");
        assertFalse(log.contains(invitee.mobile().substring(3)), "mobile number");
        assertFalse(log.contains(invitee.email()), "e-mail address");
        assertFalse(log.contains(reportText), "dossier text");
        assertFalse(log.contains(postText), "news post text");
        assertFalse(log.contains(termsText), "terms text");
    }
}
