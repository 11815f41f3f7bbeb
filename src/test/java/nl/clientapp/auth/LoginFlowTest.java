package nl.clientapp.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The whole login flow, from the integrator's registration to logout, over HTTP. */
@QuarkusTest
class LoginFlowTest {

    @Inject
    LoginFlow flow;

    @Test
    void invitee_completes_whole_login_flow() {
        LoginFlow.Invitee invitee = flow.invite();

        Mail invitation = flow.mails(invitee.email()).get(0);
        String activationCode = flow.activationCode(invitee.email());
        assertEquals("Uw inloggegevens voor de CliëntApp", invitation.getSubject());
        assertTrue(invitation.getText().contains("clientapp://activate?code=" + activationCode));
        assertTrue(activationCode.length() >= 22, "an activation code carries at least 128 bits");

        Response started = flow.startActivation(invitee, activationCode);
        started.then().statusCode(202)
                .header("Cache-Control", "no-store")
                .body("smsSentTo", equalTo("•••• •• " + invitee.mobile().substring(invitee.mobile().length() - 2)));
        String sms = flow.smsTo(invitee.mobile()).get(0).text();
        String smsCode = flow.smsCode(invitee.mobile());
        assertEquals("Uw CliëntApp-verificatiecode is " + smsCode + ". De code is 5 minuten geldig.", sms);

        KeyPair key = LoginFlow.newDeviceKey();
        Response activated = flow.complete(invitee, UUID.fromString(started.path("activationId")), smsCode, "52817", key);
        activated.then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(300));
        String accessToken = activated.path("accessToken");
        UUID deviceId = UUID.fromString(activated.path("deviceId"));

        LoginFlow.me(accessToken).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("userId", equalTo(invitee.userId().toString()))
                .body("name", equalTo("Anna de Vries"))
                .body("clients", hasSize(1))
                .body("clients[0].clientId", equalTo(invitee.clientId().toString()))
                .body("clients[0].displayName", equalTo("Mevrouw Jansen"))
                .body("clients[0].role", equalTo("FULL_ACCESS_ADMIN"));

        LoginFlow.ActivatedDevice device = new LoginFlow.ActivatedDevice(invitee, deviceId, key, "52817", accessToken,
                activated.path("refreshToken"));
        Response loggedIn = flow.pinLogin(device, "52817");
        loggedIn.then().statusCode(200).header("Cache-Control", "no-store");
        LoginFlow.me(loggedIn.path("accessToken")).then().statusCode(200);

        String firstRefresh = loggedIn.path("refreshToken");
        Response refreshed = flow.refresh(invitee, firstRefresh);
        refreshed.then().statusCode(200).header("Cache-Control", "no-store");
        String secondRefresh = refreshed.path("refreshToken");
        assertNotEquals(firstRefresh, secondRefresh);
        LoginFlow.me(refreshed.path("accessToken")).then().statusCode(200);

        flow.refresh(invitee, firstRefresh).then().statusCode(401);
        flow.refresh(invitee, secondRefresh).then().statusCode(401);
        LoginFlow.me(refreshed.path("accessToken")).then().statusCode(401);

        Response again = flow.pinLogin(device, "52817");
        again.then().statusCode(200);
        String lastAccessToken = again.path("accessToken");
        given().auth().oauth2(lastAccessToken).post("/app/v1/auth/logout").then().statusCode(204);
        LoginFlow.me(lastAccessToken).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", matchesPattern("urn:clientapp:problem:unauthorized"));
    }

    @Test
    void invitation_for_english_speaker_is_in_english() {
        LoginFlow.Invitee invitee = flow.invite("en");

        Mail invitation = flow.mails(invitee.email()).get(0);
        flow.startActivation(invitee);

        assertEquals("Your login details for the CliëntApp", invitation.getSubject());
        assertTrue(flow.smsTo(invitee.mobile()).get(0).text().startsWith("Your CliëntApp verification code is "));
    }
}
