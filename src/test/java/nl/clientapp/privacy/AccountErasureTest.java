package nl.clientapp.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestDossier;

@QuarkusTest
class AccountErasureTest {

    @Inject
    LoginFlow login;

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    PrivacyRecords records;

    @Inject
    MockMailbox mailbox;

    @Inject
    TestErasureFault fault;

    @Inject
    PrivacyFootprint footprints;

    @AfterEach
    void noFault() {
        fault.failFor(null);
    }

    @Test
    void erasure_ends_everything_at_once() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        UUID secondClient = users.createClient(me.integrator().organisationId(), "Meneer Smit").id;
        users.addMembership(me.userId(), secondClient, Role.FULL_ACCESS);
        UUID invitedClient = users.createClient(me.integrator().organisationId(), "Mevrouw de Boer").id;
        login.register(me.integratorToken(), invitedClient, me.email(), LoginFlow.randomDutchMobile(), "nl").then().statusCode(201);
        UUID reportId = dossier.report(me.clientId(), "CARE", "Ochtendzorg", "Goed geslapen.", Instant.now());
        UUID ownPost = dossier.newsPost(me.clientId(), me.userId(), "Mijn bericht", Instant.now());
        TestAppUsers.SignedInUser other = users.memberOf(me.clientId(), Role.FULL_ACCESS_ADMIN);
        UUID otherPost = dossier.newsPost(me.clientId(), other.userId(), "Bericht van een ander", Instant.now());
        given().auth().oauth2(device.accessToken()).get("/app/v1/clients/{id}/reports", me.clientId()).then().statusCode(200);
        long auditEntriesBefore = records.count("select count(*) from audit_entry where actor_id = ?1", me.userId().toString());

        erase(device, device.pin()).then().statusCode(204).header("Cache-Control", "no-store");

        given().auth().oauth2(device.accessToken()).get("/app/v1/me").then().statusCode(401);
        given().auth().oauth2(device.accessToken()).get("/app/v1/clients/{id}/reports", me.clientId()).then().statusCode(401);
        login.refresh(me, device.refreshToken()).then().statusCode(401);
        login.challenge(device).then().statusCode(200);
        login.pinLogin(device, device.pin()).then().statusCode(401);

        Object[] user = records.rows("select name, email, mobile, erased_at from app_user where id = ?1", me.userId()).get(0);
        assertNull(user[0], "name");
        assertNull(user[1], "e-mail address");
        assertNull(user[2], "mobile number");
        assertNotNull(user[3], "erased_at");
        Object[] deviceRow = records.rows("select name, public_key, pin_hash, destroyed_at from device where id = ?1",
                device.deviceId()).get(0);
        assertNull(deviceRow[0], "device name");
        assertNull(deviceRow[1], "public key");
        assertNull(deviceRow[2], "PIN hash");
        assertNotNull(deviceRow[3], "destroyed_at");
        assertEquals(0, records.count("select count(*) from login_session where user_id = ?1 and revoked_at is null", me.userId()));
        assertEquals(0, records.count("select count(*) from refresh_token r join login_session s on s.id = r.session_id "
                + "where s.user_id = ?1", me.userId()));
        assertEquals(3, records.count("select count(*) from membership where user_id = ?1 and status = 'ENDED' "
                + "and end_reason = 'ACCOUNT_ERASED' and ended_by = 'account-erasure'", me.userId()));
        assertEquals(0, records.count("select count(*) from invitation where user_id = ?1 and used_at is null "
                + "and voided_at is null", me.userId()));
        for (UUID clientId : List.of(me.clientId(), secondClient, invitedClient)) {
            assertEquals(1, records.auditEntries("membership.account-erased", clientId).size(), "erasure entry of " + clientId);
        }
        assertEquals(auditEntriesBefore + 3, records.count("select count(*) from audit_entry where actor_id = ?1",
                me.userId().toString()), "audit entries stay");
        assertEquals(0, records.count("select count(*) from timeline_item where id = ?1", ownPost));
        assertEquals(1, records.count("select count(*) from timeline_item where id = ?1", otherPost));
        assertEquals(1, records.count("select count(*) from report where id = ?1", reportId));
        assertEquals(1, records.count("select count(*) from membership where user_id = ?1 and status = 'ACTIVE'", other.userId()));
        List<Mail> mails = mailbox.getMailsSentTo(me.email());
        assertEquals("Uw account voor de CliëntApp is verwijderd", mails.get(mails.size() - 1).getSubject());
    }

    @Test
    void erasure_deletes_posts_photos_read_marks_and_notification_data() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        PrivacyFootprint.Footprint mine = footprints.create(me.clientId(), me.userId(), me.email(), device.accessToken());
        TestAppUsers.SignedInUser other = users.memberOf(me.clientId(), Role.FULL_ACCESS);
        String otherEmail = (String) records.value("select email from app_user where id = ?1", other.userId());
        PrivacyFootprint.Footprint others = footprints.create(me.clientId(), other.userId(), otherEmail, other.accessToken());

        erase(device, device.pin()).then().statusCode(204);

        assertEquals(0, records.count("select count(*) from timeline_item where id = ?1", mine.postId()), "the post");
        for (UUID photo : List.of(mine.postedPhotoId(), mine.unusedUploadId())) {
            assertEquals(0, records.count("select count(*) from photo where id = ?1", photo), "photo row " + photo);
            assertEquals(0, records.count("select count(*) from photo_blob where photo_id = ?1", photo), "photo bytes " + photo);
        }
        assertEquals(0, records.count("select count(*) from chat_message_read where user_id = ?1", me.userId()), "chat read marks");
        assertEquals(0, records.count("select count(*) from timeline_read_marker where membership_id = ?1", me.membershipId()),
                "timeline read marker");
        assertEquals(0, records.count("select count(*) from push_token where user_id = ?1", me.userId()), "push tokens");
        assertEquals(0, records.count("select count(*) from notification_preference where user_id = ?1", me.userId()),
                "notification preferences");
        for (UUID message : List.of(mine.pendingEmailId(), mine.pendingPushId())) {
            Object[] row = records.rows("select status, last_error, recipient, subject, body from outbox_message where id = ?1",
                    message).get(0);
            assertEquals(List.of("FAILED", "AccountErased", "", "", ""),
                    List.of(row[0], row[1], row[2], String.valueOf(row[3] == null ? "" : row[3]), row[4]), "cancelled " + message);
        }
        assertEquals(0, records.count("select count(*) from idempotency_record where scope = ?1", "app-user:" + me.userId()),
                "idempotency records repeat the post");
        assertEquals(List.of("SENT", ""), List.of(records.rows("select status, recipient from outbox_message where id = ?1",
                mine.sentEmailId()).get(0)), "a sent message keeps no address");

        // What belongs to the other member stays.
        assertEquals(1, records.count("select count(*) from timeline_item where id = ?1", others.postId()));
        assertEquals(2, records.count("select count(*) from photo_blob where photo_id = ?1", others.postedPhotoId()));
        assertEquals(1, records.count("select count(*) from photo where id = ?1", others.unusedUploadId()));
        assertEquals(1, records.count("select count(*) from chat_message_read where user_id = ?1", other.userId()));
        assertEquals(1, records.count("select count(*) from push_token where user_id = ?1", other.userId()));
        assertEquals(1, records.count("select count(*) from idempotency_record where scope = ?1", "app-user:" + other.userId()));
        assertEquals(1, records.count("select count(*) from notification_preference where user_id = ?1", other.userId()));
        assertEquals(1, records.count("select count(*) from outbox_message where id = ?1 and status = 'PENDING' and recipient = ?2",
                others.pendingEmailId(), otherEmail));
        List<Mail> mails = mailbox.getMailsSentTo(me.email());
        assertEquals("Uw account voor de CliëntApp is verwijderd", mails.get(mails.size() - 1).getSubject());
    }

    @Test
    void erased_author_s_chat_messages_stay_as_a_deleted_user() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        PrivacyFootprint.Footprint mine = footprints.create(me.clientId(), me.userId(), me.email(), device.accessToken());
        TestAppUsers.SignedInUser other = users.memberOf(me.clientId(), Role.FULL_ACCESS);

        erase(device, device.pin()).then().statusCode(204);

        assertEquals(1, records.count("select count(*) from chat_message where author_user_id = ?1", me.userId()),
                "the question stays in the conversation");
        String messages = "/app/v1/clients/{client}/chat/threads/{thread}/messages";
        given().auth().oauth2(other.accessToken()).get(messages, me.clientId(), mine.threadId())
                .then().statusCode(200)
                .body("items.find { it.authorType == 'MEMBER' }.authorName", equalTo("Verwijderde gebruiker"))
                .body("items.find { it.authorType == 'MEMBER' }.text", equalTo("Hoe gaat het met eten?"))
                .body("items.find { it.authorType == 'CARE_TEAM' }.authorName", equalTo("Jan (EVV)"));
        given().auth().oauth2(other.accessToken()).header("Accept-Language", "en")
                .get("/app/v1/clients/{client}/chat/threads/{thread}", me.clientId(), mine.threadId())
                .then().statusCode(200).body("askedByName", equalTo("Deleted user"));
        given().auth().oauth2(me.integrator().accessToken()).header("Accept-Language", "en")
                .get("/integration/v1/clients/{client}/chat/threads/{thread}/messages", me.clientId(), mine.threadId())
                .then().statusCode(200)
                .body("items.find { it.authorType == 'MEMBER' }.authorName", equalTo("Deleted user"));
    }

    @Test
    void erased_user_can_be_invited_again() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        erase(device, device.pin()).then().statusCode(204);
        UUID newClient = users.createClient(me.integrator().organisationId(), "Meneer Smit").id;

        Response registration = login.register(me.integratorToken(), newClient, me.email(), LoginFlow.randomDutchMobile(), "nl");

        registration.then().statusCode(201);
        UUID newUserId = UUID.fromString(registration.path("userId"));
        assertTrue(!newUserId.equals(me.userId()), "a new user, not the tombstone");
    }

    @Test
    void wrong_pin_erases_nothing() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();

        erase(device, "97531").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:pin-confirmation-failed"))
                .body("title", equalTo("Bevestiging mislukt"));
        device.invitee().app().auth().oauth2(device.accessToken()).header("Accept-Language", "en")
                .body(Map.of("pin", "97531")).post("/app/v1/me/erasure")
                .then().statusCode(403).body("title", equalTo("Confirmation failed"));

        given().auth().oauth2(device.accessToken()).get("/app/v1/me").then().statusCode(200).body("name", equalTo("Anna de Vries"));
        assertEquals(2, records.count("select failed_pin_attempts from device where id = ?1", device.deviceId()));
        assertEquals(1, records.count("select count(*) from membership where user_id = ?1 and status = 'ACTIVE'", me.userId()));
        assertEquals(1, records.count("select count(*) from app_user where id = ?1 and erased_at is null and email = ?2",
                me.userId(), me.email()));
    }

    @Test
    void fifth_wrong_pin_destroys_the_device() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();

        for (int attempt = 1; attempt < 5; attempt++) {
            erase(device, "97531").then().statusCode(403);
        }
        erase(device, "97531").then().statusCode(403);

        given().auth().oauth2(device.accessToken()).get("/app/v1/me").then().statusCode(401);
        assertEquals(1, records.count("select count(*) from app_user where id = ?1 and erased_at is null",
                device.invitee().userId()));
    }

    @Test
    void erasure_needs_a_pin() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();

        device.invitee().app().auth().oauth2(device.accessToken()).body(Map.of()).post("/app/v1/me/erasure")
                .then().statusCode(400).contentType("application/problem+json");
        device.invitee().app().auth().oauth2(device.accessToken()).post("/app/v1/me/erasure")
                .then().statusCode(400);
        device.invitee().app().auth().oauth2(device.accessToken()).body(Map.of("pin", "52817", "confirm", true))
                .post("/app/v1/me/erasure").then().statusCode(400);

        given().auth().oauth2(device.accessToken()).get("/app/v1/me").then().statusCode(200);
    }

    @Test
    void session_without_device_cannot_erase() {
        TestAppUsers.SignedInUser user = users.signedInUser();

        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(Map.of("pin", "52817"))
                .post("/app/v1/me/erasure").then().statusCode(403);

        assertEquals(1, records.count("select count(*) from app_user where id = ?1 and erased_at is null", user.userId()));
    }

    @Test
    void failing_step_rolls_back_the_whole_erasure() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        UUID ownPost = dossier.newsPost(me.clientId(), me.userId(), "Mijn bericht", Instant.now());
        fault.failFor(me.userId());

        erase(device, device.pin()).then().statusCode(500);

        given().auth().oauth2(device.accessToken()).get("/app/v1/me").then().statusCode(200);
        assertEquals(1, records.count("select count(*) from membership where user_id = ?1 and status = 'ACTIVE'", me.userId()));
        assertEquals(1, records.count("select count(*) from device where id = ?1 and destroyed_at is null "
                + "and pin_hash is not null", device.deviceId()));
        assertEquals(1, records.count("select count(*) from timeline_item where id = ?1", ownPost));
        assertEquals(0, records.auditEntries("membership.account-erased", me.clientId()).size());
        assertEquals(1, records.count("select count(*) from app_user where id = ?1 and email = ?2", me.userId(), me.email()));
    }

    @Test
    void last_administrator_erasure_notifies_organisation() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        TestAppUsers.SignedInUser remaining = users.memberOf(me.clientId(), Role.FULL_ACCESS);
        String privacyOfficer = "privacy-" + UUID.randomUUID() + "@example.test";
        records.update("update organisation set privacy_contact_email = ?1 where id = ?2", privacyOfficer,
                me.integrator().organisationId());

        erase(device, device.pin()).then().statusCode(204);

        assertEquals(1, records.count("select count(*) from membership where user_id = ?1 and status = 'ACTIVE'",
                remaining.userId()));
        assertEquals(0, records.count("select count(*) from membership where client_id = ?1 and status = 'ACTIVE' "
                + "and role = 'FULL_ACCESS_ADMIN'", me.clientId()));
        List<Mail> notices = mailbox.getMailsSentTo(privacyOfficer);
        assertEquals(1, notices.size());
        assertEquals("Cliënt zonder beheerder in de CliëntApp", notices.get(0).getSubject());
        assertTrue(notices.get(0).getText().contains(me.clientId().toString()), "the notice names the client");
        assertTrue(notices.get(0).getText().contains("/integration/v1/clients/{clientId}/members"), notices.get(0).getText());
    }

    @Test
    void only_administrator_without_other_members_sends_no_notice() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        String privacyOfficer = "privacy-" + UUID.randomUUID() + "@example.test";
        records.update("update organisation set privacy_contact_email = ?1 where id = ?2", privacyOfficer,
                me.integrator().organisationId());

        erase(device, device.pin()).then().statusCode(204);

        assertEquals(0, mailbox.getMailsSentTo(privacyOfficer).size());
    }

    private static Response erase(LoginFlow.ActivatedDevice device, String pin) {
        return device.invitee().app().auth().oauth2(device.accessToken()).body(Map.of("pin", pin)).post("/app/v1/me/erasure");
    }
}
