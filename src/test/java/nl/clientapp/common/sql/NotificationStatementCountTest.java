package nl.clientapp.common.sql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.access.Role;
import nl.clientapp.chat.ChatRows;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.sql.RequestStatements;

/**
 * A news post and a care team's answer notify every member of the client: the statements that
 * read the members, their preferences, addresses and push tokens must be as many for 50 members
 * as for 1 (no query per member). Only the outbox inserts, one per message, grow.
 */
@QuarkusTest
class NotificationStatementCountTest {

    private static final String OUTBOX_INSERT = "insert into outbox_message";

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestIntegrators integrators;

    @Inject
    ChatRows chat;

    /** A client with {@code others} members without devices and one member with a push token, besides the author. */
    record Audience(UUID clientId, SignedInUser author, String integratorToken, int others) {
    }

    @Test
    void news_post_reads_members_once() {
        Counted one = count(audience(1), this::postNews);
        Counted many = count(audience(50), this::postNews);

        assertEquals(one.reads(), many.reads(), "statements other than outbox inserts, 1 member vs 50:" + many.tally().describe());
        // Every member without a device gets an e-mail; the member with a push token also a push.
        assertEquals(1 + 2, one.outboxInserts());
        assertEquals(50 + 2, many.outboxInserts());
    }

    @Test
    void care_team_answer_reads_members_once() {
        Counted one = count(audience(1), this::answerQuestion);
        Counted many = count(audience(50), this::answerQuestion);

        assertEquals(one.reads(), many.reads(), "statements other than outbox inserts, 1 member vs 50:" + many.tally().describe());
        // The author asked the question and is a full-access member, so the answer reaches them too.
        assertEquals(1 + 2 + 1, one.outboxInserts());
        assertEquals(50 + 2 + 1, many.outboxInserts());
    }

    /** The statements of one request, split into outbox inserts and the rest. */
    record Counted(RequestStatements.Tally tally, int reads, int outboxInserts) {
    }

    private Audience audience(int others) {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        SignedInUser author = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser withDevice = users.memberOf(clientId, Role.FULL_ACCESS);
        given().auth().oauth2(withDevice.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("platform", "ANDROID", "token", "push-" + withDevice.userId()))
                .put("/app/v1/me/devices/current/push-token").then().statusCode(204);
        dossier.bulkMembers(clientId, others);
        return new Audience(clientId, author, integrator.accessToken(), others);
    }

    private Counted count(Audience audience, Function<RequestSpecification, Function<Audience, Integer>> call) {
        String tallyId = UUID.randomUUID().toString();
        var published = RequestStatements.expect(tallyId);
        try {
            int status = call.apply(given().header(RequestStatements.HEADER, tallyId)).apply(audience);
            assertEquals(201, status);
            RequestStatements.Tally tally = published.get(30, TimeUnit.SECONDS);
            int inserts = (int) tally.statements().stream().filter(sql -> sql.strip().startsWith(OUTBOX_INSERT)).count();
            return new Counted(tally, tally.statements().size() - inserts, inserts);
        } catch (Exception e) {
            throw new AssertionError("no statement tally published", e);
        } finally {
            RequestStatements.forget(tallyId);
        }
    }

    private Function<Audience, Integer> postNews(RequestSpecification request) {
        return audience -> request.auth().oauth2(audience.author().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("text", "Oma heeft vandaag taart gebakken."))
                .post("/app/v1/clients/{client}/posts", audience.clientId())
                .statusCode();
    }

    private Function<Audience, Integer> answerQuestion(RequestSpecification request) {
        return audience -> {
            UUID threadId = chat.question(audience.clientId(), audience.author().userId(), "Slaapt mijn moeder goed?",
                    Instant.now().minusSeconds(600));
            return request.auth().oauth2(audience.integratorToken()).contentType(ContentType.JSON)
                    .body(Map.of("text", "Het gaat goed.", "authorName", "Jan (EVV)"))
                    .post("/integration/v1/clients/{client}/chat/threads/{thread}/answers", audience.clientId(), threadId)
                    .statusCode();
        };
    }
}
