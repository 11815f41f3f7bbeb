package nl.clientapp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import nl.clientapp.support.TestClock;

/** SECURITY.md L8: re-activating on a new device needs the SMS step again and tells the user's e-mail address. */
@QuarkusTest
class ReactivationNoticeTest {

    @Inject
    LoginFlow flow;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void first_activation_sends_no_notice() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        assertEquals(0, notices(device.invitee(), "Uw CliëntApp is op een nieuw apparaat geactiveerd"));
    }

    @Test
    void reactivation_on_new_device_notifies_the_e_mail_address() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();

        reactivate(device.invitee());

        assertEquals(1, notices(device.invitee(), "Uw CliëntApp is op een nieuw apparaat geactiveerd"));
    }

    @Test
    void notice_is_in_the_users_language() {
        LoginFlow.ActivatedDevice device = flow.activate(flow.invite("en"));

        reactivate(device.invitee());

        assertEquals(1, notices(device.invitee(), "Your CliëntApp was activated on a new device"));
    }

    @Test
    void reactivation_needs_the_sms_code() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        newInvitation(device.invitee());
        clock.advance(Duration.ofSeconds(61));
        UUID activationId = flow.startActivation(device.invitee());

        flow.complete(device.invitee(), activationId, "000000", LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);
        assertEquals(0, notices(device.invitee(), "Uw CliëntApp is op een nieuw apparaat geactiveerd"));
    }

    private void reactivate(LoginFlow.Invitee invitee) {
        newInvitation(invitee);
        clock.advance(Duration.ofSeconds(61));
        flow.activate(invitee);
    }

    private static void newInvitation(LoginFlow.Invitee invitee) {
        RestAssured.given().auth().oauth2(invitee.integratorToken())
                .post("/integration/v1/clients/{clientId}/members/{membershipId}/invitation", invitee.clientId(),
                        invitee.membershipId())
                .then().statusCode(201);
    }

    private long notices(LoginFlow.Invitee invitee, String subject) {
        List<Mail> mails = flow.mails(invitee.email());
        assertTrue(!mails.isEmpty(), "the invitation e-mail is there");
        return mails.stream().filter(mail -> subject.equals(mail.getSubject())).count();
    }
}
