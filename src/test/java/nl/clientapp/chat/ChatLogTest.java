package nl.clientapp.chat;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.access.Role;
import nl.clientapp.support.LogCapture;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestIntegrators;

/** The chat logs ids only: no question or answer text and no e-mail addresses. */
@QuarkusTest
class ChatLogTest {

    private LogCapture capture;

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestClock clock;

    @Inject
    ChatEscalationJob job;

    @BeforeEach
    void captureLog() {
        capture = LogCapture.start();
    }

    @AfterEach
    void releaseLog() {
        capture.close();
        clock.reset();
    }

    @Test
    void chat_logs_no_texts_or_addresses() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        var member = users.memberOf(clientId, Role.FULL_ACCESS);
        String team = "team-" + UUID.randomUUID() + "@zorg.example.test";
        String manager = "manager-" + UUID.randomUUID() + "@zorg.example.test";
        String question = "Vraag " + UUID.randomUUID();
        String answer = "Antwoord " + UUID.randomUUID();
        given().auth().oauth2(token).contentType("application/json").body(Map.of("teamEmail", team, "escalationEmail", manager))
                .when().put("/integration/v1/chat/settings").then().statusCode(200);

        String threadId = given().auth().oauth2(member.accessToken()).contentType("application/json").body(Map.of("text", question))
                .when().post("/app/v1/clients/{client}/chat/threads", clientId)
                .then().statusCode(201).extract().path("id");
        clock.set(Instant.now().plusSeconds(30 * 24 * 3600L));
        job.escalateOverdueQuestions();
        clock.reset();
        given().auth().oauth2(token).contentType("application/json").body(Map.of("text", answer, "authorName", "Jan"))
                .when().post("/integration/v1/clients/{client}/chat/threads/{thread}/answers", clientId, threadId)
                .then().statusCode(201);

        String log = capture.text();
        assertTrue(log.contains(threadId), "the capture must see the chat's own log lines");
        assertFalse(log.contains(question), "question text");
        assertFalse(log.contains(answer), "answer text");
        assertFalse(log.contains(team), "team e-mail address");
        assertFalse(log.contains(manager), "escalation e-mail address");
    }
}
