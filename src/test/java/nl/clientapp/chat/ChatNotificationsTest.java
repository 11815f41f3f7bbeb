package nl.clientapp.chat;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nl.clientapp.access.Role;
import nl.clientapp.notification.InMemoryPushSender;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.TestOutbox;
import nl.clientapp.support.TestOutbox.Queued;
import nl.clientapp.support.TestWebhookReceiver;

/**
 * The messages the chat causes, all through the outbox in the transaction of the change (SECURITY
 * R3): the team's e-mail and webhook for a question, CHAT_ANSWERS push and e-mail to full-access
 * members for an answer, and escalations.
 */
@QuarkusTest
class ChatNotificationsTest {

    private static final String THREADS = "/app/v1/clients/{client}/chat/threads";
    private static final String SECRET_ANSWER = "Uw vader krijgt vanaf morgen andere medicatie.";

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestOutbox outbox;

    @Inject
    InMemoryPushSender pushes;

    @Inject
    CareTeamChatService careTeam;

    @Inject
    ChatRows rows;

    @Inject
    TestDossier dossier;

    @Inject
    ChatEscalationJob escalationJob;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A member with a push token registered on their login session. */
    private record Member(SignedInUser user, String pushToken) {
        String email() {
            return "user-" + user.userId() + "@example.test";
        }
    }

    @Test
    void answer_reaches_full_access_members_by_their_preferences_without_text() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Geheimnaam").id;
        Member asker = member(clientId, Role.FULL_ACCESS);
        Member administrator = member(clientId, Role.FULL_ACCESS_ADMIN);
        Member timelineOnly = member(clientId, Role.TIMELINE_ONLY);
        Member noEmail = member(clientId, Role.FULL_ACCESS);
        given().auth().oauth2(noEmail.user().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("preferences", List.of(Map.of("kind", "CHAT_ANSWERS", "email", false, "push", true))))
                .put("/app/v1/me/notification-preferences").then().statusCode(200);
        Member otherClient = member(users.createClient(integrator.organisationId(), "Meneer Smit").id, Role.FULL_ACCESS);
        String threadId = ask(asker.user(), clientId, "Krijgt mijn vader andere medicatie?");

        String messageId = given().auth().oauth2(integrator.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("text", SECRET_ANSWER, "authorName", "Jan de Vries"))
                .post("/integration/v1/clients/{client}/chat/threads/{thread}/answers", clientId, threadId)
                .then().statusCode(201).extract().path("id");

        for (Member member : List.of(asker, administrator, noEmail)) {
            List<Queued> queued = outbox.queuedTo(member.pushToken());
            assertEquals(1, queued.size());
            assertEquals("PUSH", queued.get(0).channel());
            assertEquals("Nieuw antwoord van het zorgteam", queued.get(0).subject());
        }
        for (Member member : List.of(asker, administrator)) {
            List<Queued> mails = outbox.queuedTo(member.email());
            assertEquals(1, mails.size());
            assertEquals("Nieuw antwoord in de CliëntApp", mails.get(0).subject());
            assertNoSecrets(mails.get(0).body());
        }
        assertEquals(0, outbox.queuedTo(noEmail.email()).size());
        for (Member member : List.of(timelineOnly, otherClient)) {
            assertEquals(0, outbox.queuedTo(member.pushToken()).size());
            assertEquals(0, outbox.queuedTo(member.email()).size());
        }

        outbox.deliver();
        InMemoryPushSender.StoredPush push = pushes.sentTo(asker.pushToken()).get(0);
        assertEquals(Map.of("kind", "CHAT_ANSWERS", "clientId", clientId.toString(), "threadId", threadId, "messageId", messageId),
                push.data());
        assertNoSecrets(push.title() + push.body());
    }

    @Test
    void fhir_answer_notifies_once_and_a_resent_communication_not_again() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        Member asker = member(clientId, Role.FULL_ACCESS);
        String token = integrator.accessToken();
        // Asked before the answer's sent time, so the answer is the newest message.
        clock.set(Instant.parse("2026-03-10T08:00:00Z"));
        String threadId = ask(asker.user(), clientId, "Slaapt hij goed?");
        String answerId = "antwoord-" + UUID.randomUUID();

        putCommunication(token, answerId, clientId, threadId, "Ja, hij slaapt goed.");
        putCommunication(token, answerId, clientId, threadId, "Ja, hij slaapt de laatste week goed.");
        assertEquals(1, outbox.queuedTo(asker.pushToken()).size());
        assertEquals(1, outbox.queuedTo(asker.email()).size());

        putCommunication(token, "tweede-" + UUID.randomUUID(), clientId, threadId, "Nog een aanvulling.");
        assertEquals(2, outbox.queuedTo(asker.pushToken()).size());
    }

    @Test
    void question_queues_team_mail_and_signed_webhook_and_a_refused_question_nothing() throws Exception {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        UUID otherClientId = users.createClient("Meneer Smit").id;
        Member asker = member(clientId, Role.FULL_ACCESS);
        String team = "team-" + UUID.randomUUID() + "@zorg.example.test";
        rows.settings(integrator.organisationId(), team, null);
        try (TestWebhookReceiver receiver = TestWebhookReceiver.register(integrator.accessToken())) {
            String threadId = ask(asker.user(), clientId, "Heeft mijn moeder pijn gehad?");
            // A question about another client's report is refused with 404 and queues nothing.
            UUID otherReport = dossier.report(otherClientId, "CARE", "Ochtendzorg", "Goed geslapen.", Instant.now().minusSeconds(600));
            given().auth().oauth2(asker.user().accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("text", "En dit rapport?", "reportId", otherReport.toString()))
                    .post(THREADS, clientId).then().statusCode(404);

            assertEquals(1, outbox.queuedTo(team).size());
            assertEquals("chat.new-question", outbox.queuedTo(team).get(0).topic());
            outbox.deliver();
            assertEquals(List.of(new TestWebhookReceiver.Event("chat.question.created",
                    Map.of("clientId", clientId.toString(), "threadId", threadId))), receiver.events());
        }
    }

    @Test
    void rolled_back_answer_queues_nothing() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        Member asker = member(clientId, Role.FULL_ACCESS);
        UUID threadId = UUID.fromString(ask(asker.user(), clientId, "Slaapt hij goed?"));

        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            careTeam.answer(integrator.organisationId(), clientId, threadId, SECRET_ANSWER, "Jan de Vries");
            throw new IllegalStateException("a later step of the same change fails");
        }));

        assertEquals(0, outbox.queuedTo(asker.pushToken()).size());
        assertEquals(0, outbox.queuedTo(asker.email()).size());
    }

    @Test
    void escalation_mails_are_queued_in_the_claiming_transaction_once() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        String team = "team-" + UUID.randomUUID() + "@zorg.example.test";
        String manager = "manager-" + UUID.randomUUID() + "@zorg.example.test";
        rows.settings(integrator.organisationId(), team, manager);
        UUID threadId = rows.question(clientId, member(clientId, Role.FULL_ACCESS).user().userId(), "Vraag",
                Instant.parse("2026-03-02T10:00:00Z"));
        clock.set(Instant.parse("2026-03-09T00:00:00Z"));

        escalationJob.escalateOverdueQuestions();
        escalationJob.escalateOverdueQuestions();

        for (String address : List.of(team, manager)) {
            List<Queued> queued = outbox.queuedTo(address);
            assertEquals(1, queued.size());
            assertEquals("chat.escalation", queued.get(0).topic());
            assertTrue(queued.get(0).body().contains(threadId.toString()));
        }
    }

    private Member member(UUID clientId, Role role) {
        SignedInUser user = users.memberOf(clientId, role);
        String token = "push-" + UUID.randomUUID();
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("platform", "ANDROID", "token", token))
                .put("/app/v1/me/devices/current/push-token").then().statusCode(204);
        return new Member(user, token);
    }

    private static String ask(SignedInUser user, UUID clientId, String text) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(Map.of("text", text))
                .post(THREADS, clientId).then().statusCode(201).extract().path("id");
    }

    private static void assertNoSecrets(String text) {
        assertFalse(text.contains("medicatie"), text);
        assertFalse(text.contains("Geheimnaam"), text);
    }

    private static void putCommunication(String token, String id, UUID clientId, String threadId, String text) {
        Map<String, Object> communication = Map.of(
                "resourceType", "Communication",
                "id", id,
                "status", "completed",
                "subject", Map.of("reference", "Patient/test-" + clientId),
                "inResponseTo", List.of(Map.of("reference", "Communication/" + threadId)),
                "sender", Map.of("reference", "Practitioner/onbekend", "display", "Jan de Vries"),
                "sent", "2026-03-10T10:15:00+01:00",
                "payload", List.of(Map.of("contentString", text)));
        given().auth().oauth2(token).contentType("application/fhir+json").body(communication)
                .put("/fhir/Communication/{id}", id)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.equalTo(200), org.hamcrest.Matchers.equalTo(201)));
    }
}
