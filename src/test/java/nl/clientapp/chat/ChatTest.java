package nl.clientapp.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.TestOutbox;

/** The chat between a client's full-access members and the care team, through the app and the integration API. */
@QuarkusTest
class ChatTest {

    private static final String THREADS = "/app/v1/clients/{client}/chat/threads";

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestIntegrators integrators;

    @Inject
    ChatRows rows;

    @Inject
    TestClock clock;

    @Inject
    TestOutbox outbox;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void full_access_members_share_threads() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser asker = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        // Monday 9 March 2026, 10:00 in Amsterdam: the answer is expected on Monday 16 March.
        clock.set(Instant.parse("2026-03-09T09:00:00Z"));

        String threadId = ask(asker, clientId, Map.of("text", "  Waarom is de medicatie veranderd?  "))
                .body("question", equalTo("Waarom is de medicatie veranderd?"))
                .body("askedByMe", equalTo(true))
                .body("expectedAnswerDate", equalTo("2026-03-16"))
                .body("answeredAt", nullValue())
                .extract().path("id");

        given().auth().oauth2(administrator.accessToken())
                .when().get(THREADS, clientId)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(threadId))
                .body("items[0].askedByMe", equalTo(false))
                .body("items[0].question", equalTo("Waarom is de medicatie veranderd?"));
    }

    @Test
    void timeline_only_member_gets_404() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser timelineOnly = users.memberOf(clientId, Role.TIMELINE_ONLY);

        given().auth().oauth2(timelineOnly.accessToken()).contentType("application/json")
                .body(Map.of("text", "Mag ik iets vragen?"))
                .when().post(THREADS, clientId)
                .then().statusCode(404);

        assertEquals(0, rows.threads(clientId));
    }

    @Test
    void report_of_other_client_gets_404() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        UUID otherClientId = users.createClient("Meneer Smit").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID ownReport = dossier.report(clientId, "CARE", "Ochtendzorg", "Onrustig geslapen.", Instant.now().minusSeconds(600));
        UUID otherReport = dossier.report(otherClientId, "CARE", "Ochtendzorg", "Goed geslapen.", Instant.now().minusSeconds(600));

        ask(member, clientId, Map.of("text", "Wat betekent onrustig?", "reportId", ownReport.toString()))
                .body("reportId", equalTo(ownReport.toString()));
        given().auth().oauth2(member.accessToken()).contentType("application/json")
                .body(Map.of("text", "En dit rapport?", "reportId", otherReport.toString()))
                .when().post(THREADS, clientId)
                .then().statusCode(404)
                .contentType("application/problem+json");

        assertEquals(1, rows.threads(clientId));
    }

    @Test
    void invalid_text_gets_localised_400() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);

        given().auth().oauth2(member.accessToken()).contentType("application/json")
                .body(Map.of("text", "x".repeat(ChatRequests.MAX_TEXT + 1)))
                .when().post(THREADS, clientId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Ongeldig verzoek"))
                .body("errors[0].field", equalTo("text"));
        given().auth().oauth2(member.accessToken()).contentType("application/json").header("Accept-Language", "en")
                .body(Map.of("text", "   "))
                .when().post(THREADS, clientId)
                .then().statusCode(400)
                .body("title", equalTo("Invalid request"));

        assertEquals(0, rows.threads(clientId));
        ask(member, clientId, Map.of("text", "x".repeat(ChatRequests.MAX_TEXT)));
    }

    @Test
    void threads_are_keyset_paged_newest_first() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        Instant asked = Instant.parse("2026-02-02T09:00:00Z");
        List<String[]> questions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Two questions share each time, so the id decides their order.
            Instant at = asked.plusSeconds(60L * (i / 2));
            questions.add(new String[] { at.toString(), rows.question(clientId, member.userId(), "Vraag " + i, at).toString() });
        }
        // PostgreSQL orders uuids by their bytes, as the lower-case hex strings sort.
        List<String> newestFirst = questions.stream()
                .sorted(Comparator.<String[], Instant> comparing(question -> Instant.parse(question[0])).thenComparing(question -> question[1]).reversed())
                .map(question -> question[1])
                .toList();

        List<String> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(member.accessToken()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get(THREADS, clientId).then().statusCode(200).extract().jsonPath();
            read.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(3, pages);
        assertEquals(newestFirst, read);
        given().auth().oauth2(member.accessToken()).queryParam("cursor", "not-a-cursor")
                .when().get(THREADS, clientId)
                .then().statusCode(400).body("type", containsString("invalid-cursor"));
    }

    @Test
    void answers_and_read_marks_per_member() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        SignedInUser asker = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser other = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        String threadId = ask(asker, clientId, Map.of("text", "Hoe gaat het met eten?")).extract().path("id");
        String token = integrator.accessToken();

        given().auth().oauth2(token)
                .when().post("/integration/v1/clients/{client}/chat/threads/{thread}/read", clientId, threadId)
                .then().statusCode(204);
        thread(asker, clientId, threadId).body("readByCareTeamAt", notNullValue()).body("answeredAt", nullValue());
        clock.advance(Duration.ofMinutes(5));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("text", "Ze eet goed, vooral 's middags.", "authorName", "Jan (EVV)"))
                .when().post("/integration/v1/clients/{client}/chat/threads/{thread}/answers", clientId, threadId)
                .then().statusCode(201)
                .body("authorType", equalTo("CARE_TEAM"));

        unread(asker, clientId, 1);
        unread(other, clientId, 1);
        thread(asker, clientId, threadId).body("answeredAt", notNullValue()).body("unreadAnswers", equalTo(1));
        given().auth().oauth2(asker.accessToken())
                .when().post(THREADS + "/{thread}/read", clientId, threadId)
                .then().statusCode(204);
        unread(asker, clientId, 0);
        unread(other, clientId, 1);
        given().auth().oauth2(asker.accessToken())
                .when().get(THREADS + "/{thread}/messages", clientId, threadId)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].authorType", equalTo("CARE_TEAM"))
                .body("items[0].authorName", equalTo("Jan (EVV)"))
                .body("items[0].readAt", notNullValue())
                .body("items[1].mine", equalTo(true))
                .body("items[1].readByCareTeamAt", notNullValue());
    }

    @Test
    void foreign_thread_gets_404() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        UUID otherClientId = users.createClient(integrator.organisationId(), "Meneer Smit").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser otherMember = users.memberOf(otherClientId, Role.FULL_ACCESS);
        String threadId = ask(member, clientId, Map.of("text", "Vraag")).extract().path("id");

        given().auth().oauth2(integrators.create().accessToken()).contentType("application/json")
                .body(Map.of("text", "Antwoord", "authorName", "Jan"))
                .when().post("/integration/v1/clients/{client}/chat/threads/{thread}/answers", clientId, threadId)
                .then().statusCode(404);
        given().auth().oauth2(integrator.accessToken()).contentType("application/json")
                .body(Map.of("text", "Antwoord", "authorName", "Jan"))
                .when().post("/integration/v1/clients/{client}/chat/threads/{thread}/answers", otherClientId, threadId)
                .then().statusCode(404);
        given().auth().oauth2(otherMember.accessToken())
                .when().get(THREADS + "/{thread}/messages", otherClientId, threadId)
                .then().statusCode(404);

        thread(member, clientId, threadId).body("answeredAt", nullValue());
    }

    @Test
    void care_team_lists_open_and_overdue() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID overdue = rows.question(clientId, member.userId(), "Oude vraag", Instant.parse("2026-01-05T09:00:00Z"));
        UUID answered = rows.question(clientId, member.userId(), "Beantwoorde vraag", Instant.parse("2026-01-06T09:00:00Z"));
        String token = integrator.accessToken();
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("text", "Antwoord", "authorName", "Jan"))
                .when().post("/integration/v1/clients/{client}/chat/threads/{thread}/answers", clientId, answered)
                .then().statusCode(201);
        String recent = ask(member, clientId, Map.of("text", "Nieuwe vraag")).extract().path("id");

        JsonPath open = questions(token, "OPEN");
        assertEquals(List.of(recent, overdue.toString()), open.getList("items.threadId", String.class));
        assertEquals("Communication/" + recent, open.getString("items[0].fhirReference"));
        assertEquals("test-" + clientId, open.getString("items[0].fhirPatientId"));
        assertEquals(List.of(overdue.toString()), questions(token, "OVERDUE").getList("items.threadId", String.class));
        assertEquals(3, questions(token, "ALL").getList("items").size());
        given().auth().oauth2(token).queryParam("status", "SOMETIMES")
                .when().get("/integration/v1/chat/questions")
                .then().statusCode(400).body("type", containsString("invalid-chat-status"));

        // A follow-up on the answered question awaits a reply again.
        clock.advance(Duration.ofMinutes(5));
        given().auth().oauth2(member.accessToken()).contentType("application/json")
                .body(Map.of("text", "Dank, en hoe zit het 's avonds?"))
                .when().post(THREADS + "/{thread}/messages", clientId, answered)
                .then().statusCode(201).body("mine", equalTo(true));
        assertTrue(questions(token, "OPEN").getList("items.threadId", String.class).contains(answered.toString()));
    }

    @Test
    void new_question_mail_omits_text() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Geheimnaam").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String team = "team-" + UUID.randomUUID() + "@zorg.example.test";
        given().auth().oauth2(integrator.accessToken()).contentType("application/json")
                .body(Map.of("teamEmail", team))
                .when().put("/integration/v1/chat/settings")
                .then().statusCode(200).body("teamEmail", equalTo(team)).body("escalationEmail", nullValue());

        String threadId = ask(member, clientId, Map.of("text", "Heeft mijn moeder pijn gehad?")).extract().path("id");

        List<Mail> mails = outbox.mailsTo(team);
        assertEquals(1, mails.size());
        String text = mails.get(0).getText();
        assertTrue(text.contains(threadId), text);
        assertFalse(text.contains("pijn"), text);
        assertFalse(text.contains("Geheimnaam"), text);
        assertEquals("Nieuwe vraag via de CliëntApp", mails.get(0).getSubject());
    }

    @Test
    void invalid_settings_keep_old_ones() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        given().auth().oauth2(token).when().get("/integration/v1/chat/settings").then().statusCode(200).body("teamEmail", nullValue());
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("teamEmail", "team@zorg.example.test", "escalationEmail", "Manager@Zorg.example.test"))
                .when().put("/integration/v1/chat/settings")
                .then().statusCode(200);

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("teamEmail", "geen adres"))
                .when().put("/integration/v1/chat/settings")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("teamEmail"));

        given().auth().oauth2(token).when().get("/integration/v1/chat/settings")
                .then().statusCode(200)
                .body("teamEmail", equalTo("team@zorg.example.test"))
                .body("escalationEmail", equalTo("manager@zorg.example.test"));
    }

    @Test
    void fhir_communication_becomes_answer() {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        UUID otherClientId = users.createClient(integrator.organisationId(), "Meneer Smit").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser otherMember = users.memberOf(otherClientId, Role.FULL_ACCESS);
        String token = integrator.accessToken();
        // Asked before the answer's sent time, so the answer is the newest message.
        clock.set(Instant.parse("2026-03-10T08:00:00Z"));
        String threadId = ask(member, clientId, Map.of("text", "Slaapt hij goed?")).extract().path("id");
        String otherThreadId = ask(otherMember, otherClientId, Map.of("text", "Vraag")).extract().path("id");
        String answerId = "antwoord-" + UUID.randomUUID();

        putCommunication(token, answerId, clientId, "inResponseTo", threadId, "completed", "Ja, hij slaapt goed.");
        putCommunication(token, answerId, clientId, "inResponseTo", threadId, "completed", "Ja, hij slaapt de laatste week goed.");
        messages(member, clientId, threadId)
                .body("items", hasSize(2))
                .body("items[0].authorType", equalTo("CARE_TEAM"))
                .body("items[0].authorName", equalTo("Jan de Vries"))
                .body("items[0].text", equalTo("Ja, hij slaapt de laatste week goed."));
        // A Communication naming another client's question answers nothing.
        putCommunication(token, "ander-" + UUID.randomUUID(), clientId, "about", otherThreadId, "completed", "Verkeerd antwoord");
        messages(otherMember, otherClientId, otherThreadId).body("items", hasSize(1));

        putCommunication(token, answerId, clientId, "inResponseTo", threadId, "entered-in-error", "Ja, hij slaapt de laatste week goed.");
        messages(member, clientId, threadId).body("items", hasSize(1));
    }

    @Test
    void capability_statement_describes_communication_answers() {
        given().accept("application/fhir+json")
                .when().get("/fhir/metadata")
                .then().statusCode(200)
                .body("rest[0].resource.find { it.type == 'Communication' }.documentation", containsString("Communication/{threadId}"));
    }

    // --- helpers ------------------------------------------------------------------------------

    private static io.restassured.response.ValidatableResponse ask(SignedInUser user, UUID clientId, Map<String, Object> body) {
        return given().auth().oauth2(user.accessToken()).contentType("application/json").body(body)
                .when().post(THREADS, clientId)
                .then().statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse thread(SignedInUser user, UUID clientId, String threadId) {
        return given().auth().oauth2(user.accessToken())
                .when().get(THREADS + "/{thread}", clientId, threadId)
                .then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse messages(SignedInUser user, UUID clientId, String threadId) {
        return given().auth().oauth2(user.accessToken())
                .when().get(THREADS + "/{thread}/messages", clientId, threadId)
                .then().statusCode(200);
    }

    private static void unread(SignedInUser user, UUID clientId, int expected) {
        given().auth().oauth2(user.accessToken())
                .when().get("/app/v1/clients/{client}/chat/unread", clientId)
                .then().statusCode(200).body("unreadAnswers", equalTo(expected));
    }

    private static JsonPath questions(String token, String status) {
        return given().auth().oauth2(token).queryParam("status", status)
                .when().get("/integration/v1/chat/questions")
                .then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse putCommunication(String token, String id, UUID clientId, String element,
            String threadId, String status, String text) {
        Map<String, Object> communication = Map.of(
                "resourceType", "Communication",
                "id", id,
                "status", status,
                "subject", Map.of("reference", "Patient/test-" + clientId),
                element, List.of(Map.of("reference", "Communication/" + threadId)),
                "sender", Map.of("reference", "Practitioner/onbekend", "display", "Jan de Vries"),
                "sent", "2026-03-10T10:15:00+01:00",
                "payload", List.of(Map.of("contentString", text)));
        return given().auth().oauth2(token).contentType("application/fhir+json").body(communication)
                .when().put("/fhir/Communication/{id}", id)
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }
}
