package nl.clientapp.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.support.LogCapture;
import nl.clientapp.support.TestClock;
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

    @Inject
    TestClock clock;

    @BeforeEach
    void captureLog() {
        clock.reset();
        capture = LogCapture.start();
    }

    @AfterEach
    void releaseLog() {
        capture.close();
        clock.reset();
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
    void contact_changes_log_no_codes_or_contacts() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        LoginFlow.Invitee invitee = device.invitee();
        clock.advance(Duration.ofSeconds(61));
        String newMobile = LoginFlow.randomDutchMobile();
        String newMobileE164 = "+31" + newMobile.substring(1).replace("-", "");
        String newEmail = "nieuw-" + UUID.randomUUID() + "@example.test";
        String correctedEmail = "gecorrigeerd-" + UUID.randomUUID() + "@example.test";

        Response mobileChange = invitee.app().auth().oauth2(device.accessToken()).body(Map.of("mobile", newMobile))
                .post("/app/v1/me/mobile-changes");
        String mobileCode = flow.smsCode(newMobileE164);
        invitee.app().auth().oauth2(device.accessToken()).body(Map.of("smsCode", mobileCode, "pin", device.pin()))
                .post("/app/v1/me/mobile-changes/{changeId}/confirmation", mobileChange.path("changeId").toString())
                .then().statusCode(204);
        clock.advance(Duration.ofSeconds(61));
        Response emailChange = invitee.app().auth().oauth2(device.accessToken()).body(Map.of("email", newEmail))
                .post("/app/v1/me/email-changes");
        String emailSmsCode = flow.smsCode(newMobileE164);
        Matcher emailCodeMatch = Pattern.compile("\\b(\\d{6})\\b").matcher(flow.mails(newEmail).get(0).getText());
        assertTrue(emailCodeMatch.find(), "the e-mail has a code");
        String emailCode = emailCodeMatch.group(1);
        invitee.app().auth().oauth2(device.accessToken())
                .body(Map.of("smsCode", emailSmsCode, "emailCode", emailCode, "pin", device.pin()))
                .post("/app/v1/me/email-changes/{changeId}/confirmation", emailChange.path("changeId").toString())
                .then().statusCode(204);
        given().auth().oauth2(invitee.integratorToken()).contentType("application/json").body(Map.of("email", correctedEmail))
                .put("/integration/v1/clients/{clientId}/members/{membershipId}/contact", invitee.clientId(), invitee.membershipId())
                .then().statusCode(204);
        outbox.deliver();

        String log = capture.text();

        assertTrue(log.contains(mobileChange.path("changeId").toString()), "the capture must see the flow's own log lines");
        for (String code : List.of(mobileCode, emailSmsCode, emailCode)) {
            assertFalse(Pattern.compile("(?<![0-9a-f])" + code + "(?![0-9a-f])").matcher(log).find(), "code " + code);
        }
        assertFalse(Pattern.compile("(?<![0-9a-f])" + device.pin() + "(?![0-9a-f])").matcher(log).find(), "PIN");
        assertFalse(log.contains(invitee.mobile().substring(3)), "old mobile number");
        assertFalse(log.contains(newMobileE164.substring(3)), "new mobile number");
        assertFalse(log.contains(invitee.email()), "old e-mail address");
        assertFalse(log.contains(newEmail), "new e-mail address");
        assertFalse(log.contains(correctedEmail), "corrected e-mail address");
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
