package nl.clientapp.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.audit.AuditRecords;
import nl.clientapp.auth.ContactRecords;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.client.Client;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestOutbox;

/**
 * The organisation corrects a member's mobile number or e-mail address. The old number and address
 * are notified and the change is audited. An address of another account gets the same 409 whoever
 * has it, and only members of the organisation's own clients can be corrected.
 */
@QuarkusTest
class MemberContactCorrectionTest {

    @Inject
    LoginFlow flow;

    @Inject
    ContactRecords contacts;

    @Inject
    TestOutbox outbox;

    @Inject
    AuditRecords audit;

    @Inject
    TestAppUsers users;

    @Inject
    TestClock clock;

    /** Tokens are signed at this clock's time and verified at the real time, so it starts each test at the real time. */
    @BeforeEach
    void startClockNow() {
        clock.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void corrected_mobile_gets_next_sms_code() {
        LoginFlow.Invitee invitee = flow.invite();
        String activationCode = flow.activationCode(invitee.email());
        String wrongMobile = invitee.mobile();
        String national = LoginFlow.randomDutchMobile();
        String corrected = "+31" + national.substring(1).replace("-", "");

        correct(invitee, Map.of("mobile", national)).then().statusCode(204);

        assertEquals(corrected, contacts.of(invitee.userId()).mobile());
        outbox.deliver();
        assertEquals(1, flow.smsTo(wrongMobile).size(), "notice SMS to the old number");
        assertTrue(flow.smsTo(wrongMobile).get(0).text().startsWith("Het mobiele nummer van uw CliëntApp-account is gewijzigd."));
        assertEquals(1, mailsWithSubject(invitee.email(), "Uw mobiele nummer voor de CliëntApp is gewijzigd"));
        flow.startActivation(invitee, activationCode).then().statusCode(202);
        assertEquals(1, flow.smsTo(corrected).size(), "the activation code went to the corrected number");
        assertEquals(1, flow.smsTo(wrongMobile).size(), "no code went to the old number");
    }

    @Test
    void correction_voids_open_activation() {
        LoginFlow.Invitee invitee = flow.invite();
        UUID activationId = flow.startActivation(invitee);
        String codeToOldNumber = flow.smsCode(invitee.mobile());

        correct(invitee, Map.of("mobile", LoginFlow.randomDutchMobile())).then().statusCode(204);

        flow.complete(invitee, activationId, codeToOldNumber, LoginFlow.PIN, LoginFlow.newDeviceKey()).then().statusCode(400);
    }

    @Test
    void corrected_email_tells_old_address() {
        LoginFlow.Invitee invitee = flow.invite();
        String corrected = "juist-" + UUID.randomUUID() + "@Example.test";

        correct(invitee, Map.of("email", corrected)).then().statusCode(204);

        assertEquals(corrected.toLowerCase(), contacts.of(invitee.userId()).email());
        assertEquals(invitee.mobile(), contacts.of(invitee.userId()).mobile());
        assertEquals(1, mailsWithSubject(invitee.email(), "Uw e-mailadres voor de CliëntApp is gewijzigd"));
        List<Object[]> entries = audit.entries("member.contact-change", invitee.membershipId().toString());
        assertEquals(1, entries.size());
        assertEquals("SUCCESS", entries.get(0)[2]);
        assertEquals("INTEGRATOR", entries.get(0)[3]);
        assertEquals(invitee.clientId(), entries.get(0)[6]);
    }

    @Test
    void same_values_change_and_send_nothing() {
        LoginFlow.Invitee invitee = flow.invite();
        int mailsBefore = outbox.sentCount(invitee.email());

        correct(invitee, Map.of("email", invitee.email().toUpperCase(), "mobile", invitee.mobile())).then().statusCode(204);

        assertEquals(mailsBefore, outbox.sentCount(invitee.email()));
        assertEquals(0, flow.smsTo(invitee.mobile()).size());
    }

    @Test
    void address_of_other_account_gets_same_409() {
        LoginFlow.Invitee invitee = flow.invite();
        LoginFlow.Invitee ofOtherOrganisation = flow.invite();
        LoginFlow.Invitee activated = flow.activatedDevice().invitee();
        int mailsToOther = outbox.sentCount(ofOtherOrganisation.email());
        int mailsToActivated = outbox.sentCount(activated.email());

        Response first = correct(invitee, Map.of("email", ofOtherOrganisation.email()));
        Response second = correct(invitee, Map.of("email", activated.email().toUpperCase()));

        first.then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:contact-in-use"))
                .body("title", equalTo("Al in gebruik"));
        assertEquals(first.asString(), second.asString());
        assertEquals(invitee.email(), contacts.of(invitee.userId()).email());
        assertEquals(mailsToOther, outbox.sentCount(ofOtherOrganisation.email()));
        assertEquals(mailsToActivated, outbox.sentCount(activated.email()));
    }

    @Test
    void other_organisation_gets_404_and_changes_nothing() {
        LoginFlow.Invitee invitee = flow.invite();
        LoginFlow.Invitee otherOrganisation = flow.invite();

        given().auth().oauth2(otherOrganisation.integratorToken()).contentType(ContentType.JSON)
                .body(Map.of("mobile", LoginFlow.randomDutchMobile()))
                .put("/integration/v1/clients/{clientId}/members/{membershipId}/contact", invitee.clientId(), invitee.membershipId())
                .then().statusCode(404);
        given().auth().oauth2(otherOrganisation.integratorToken()).contentType(ContentType.JSON)
                .body(Map.of("mobile", LoginFlow.randomDutchMobile()))
                .put("/integration/v1/clients/{clientId}/members/{membershipId}/contact", otherOrganisation.clientId(),
                        invitee.membershipId())
                .then().statusCode(404);

        assertEquals(invitee.mobile(), contacts.of(invitee.userId()).mobile());
        outbox.deliver();
        assertEquals(0, flow.smsTo(invitee.mobile()).size());
    }

    @Test
    void membership_of_other_client_gets_404() {
        LoginFlow.Invitee invitee = flow.invite();
        Client sameOrganisationClient = users.createClient(invitee.integrator().organisationId(), "Meneer Visser");

        given().auth().oauth2(invitee.integratorToken()).contentType(ContentType.JSON)
                .body(Map.of("mobile", LoginFlow.randomDutchMobile()))
                .put("/integration/v1/clients/{clientId}/members/{membershipId}/contact", sameOrganisationClient.id,
                        invitee.membershipId())
                .then().statusCode(404);

        assertEquals(invitee.mobile(), contacts.of(invitee.userId()).mobile());
    }

    @Test
    void bad_input_gets_400_in_request_language() {
        LoginFlow.Invitee invitee = flow.invite();

        correct(invitee, Map.of()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("mobile", "email")))
                .body("errors[0].message", equalTo("Geef een nieuw mobiel nummer, een nieuw e-mailadres of allebei."));
        given().auth().oauth2(invitee.integratorToken()).contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(Map.of("mobile", "020-1234567"))
                .put("/integration/v1/clients/{clientId}/members/{membershipId}/contact", invitee.clientId(), invitee.membershipId())
                .then().statusCode(400)
                .body("errors[0].field", equalTo("mobile"))
                .body("errors[0].message", equalTo("This is not a valid mobile number."));
        correct(invitee, Map.of("email", "geen-adres")).then().statusCode(400)
                .body("errors[0].field", equalTo("email"));

        assertEquals(invitee.mobile(), contacts.of(invitee.userId()).mobile());
        assertEquals(invitee.email(), contacts.of(invitee.userId()).email());
    }

    @Test
    void pending_own_change_is_voided_by_correction() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        clock.advance(Duration.ofSeconds(61));
        String national = LoginFlow.randomDutchMobile();
        String requested = "+31" + national.substring(1).replace("-", "");
        Response started = device.invitee().app().auth().oauth2(device.accessToken()).body(Map.of("mobile", national))
                .post("/app/v1/me/mobile-changes");
        started.then().statusCode(202);

        correct(device.invitee(), Map.of("mobile", LoginFlow.randomDutchMobile())).then().statusCode(204);

        device.invitee().app().auth().oauth2(device.accessToken())
                .body(Map.of("smsCode", flow.smsCode(requested), "pin", device.pin()))
                .post("/app/v1/me/mobile-changes/{changeId}/confirmation", started.path("changeId").toString())
                .then().statusCode(400);
    }

    private static Response correct(LoginFlow.Invitee invitee, Map<String, String> body) {
        return given().auth().oauth2(invitee.integratorToken()).contentType(ContentType.JSON).body(body)
                .put("/integration/v1/clients/{clientId}/members/{membershipId}/contact", invitee.clientId(), invitee.membershipId());
    }

    private long mailsWithSubject(String address, String subject) {
        return outbox.mailsTo(address).stream().filter(mail -> subject.equals(mail.getSubject())).count();
    }
}
