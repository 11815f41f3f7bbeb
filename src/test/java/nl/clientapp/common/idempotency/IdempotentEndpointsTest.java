package nl.clientapp.common.idempotency;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestIntegrators;

/**
 * Idempotency-Key on the chat, the care team's answer and the registration of members (SECURITY
 * R2): a retry with the same key and body gets the first response and causes no second effect (no
 * second row, no second outbox message), the same key with another body gets 422, and concurrent
 * duplicates cause one effect.
 */
@QuarkusTest
class IdempotentEndpointsTest {

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Inject
    EntityManager entityManager;

    /**
     * One endpoint: who calls it, where, the request body for an index (different indexes give
     * different bodies), and the effect to count: rows of the change plus the outbox messages it queued.
     */
    private record Endpoint(String token, String path, Function<Integer, Map<String, Object>> body, Supplier<Long> effects) {
    }

    @Test
    void ask_question() throws Exception {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String team = "team-" + UUID.randomUUID() + "@zorg.example.test";
        given().auth().oauth2(integrator.accessToken()).contentType(ContentType.JSON).body(Map.of("teamEmail", team))
                .put("/integration/v1/chat/settings").then().statusCode(200);

        check(new Endpoint(member.accessToken(), "/app/v1/clients/" + clientId + "/chat/threads",
                i -> Map.of("text", "Vraag " + i),
                () -> count("select count(*) from chat_thread where client_id = ?1", clientId)
                        + count("select count(*) from outbox_message where recipient = ?1", team)));
    }

    @Test
    void send_follow_up() throws Exception {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String threadId = ask(member, clientId);

        check(new Endpoint(member.accessToken(), "/app/v1/clients/" + clientId + "/chat/threads/" + threadId + "/messages",
                i -> Map.of("text", "Aanvulling " + i),
                () -> count("select count(*) from chat_message where thread_id = ?1", UUID.fromString(threadId))));
    }

    @Test
    void answer_question_per_integrator() throws Exception {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String threadId = ask(member, clientId);

        check(new Endpoint(integrator.accessToken(), "/integration/v1/clients/" + clientId + "/chat/threads/" + threadId + "/answers",
                i -> Map.of("text", "Antwoord " + i, "authorName", "Jan de Vries"),
                () -> count("select count(*) from chat_message where thread_id = ?1 and author_type = 'CARE_TEAM'", UUID.fromString(threadId))
                        + count("select count(*) from outbox_message where recipient = ?1", "user-" + member.userId() + "@example.test")));
    }

    @Test
    void invite_member() throws Exception {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        String prefix = "kleinzoon-" + UUID.randomUUID();

        check(new Endpoint(administrator.accessToken(), "/app/v1/clients/" + clientId + "/members",
                i -> Map.of("name", "Kleinzoon", "email", prefix + "-" + i + "@example.test", "mobile", "06-12345678",
                        "role", "TIMELINE_ONLY", "relation", "kleinzoon"),
                () -> count("select count(*) from membership where client_id = ?1", clientId)
                        + count("select count(*) from outbox_message where recipient like ?1", prefix + "%")));
    }

    @Test
    void register_member_per_integrator() throws Exception {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        String prefix = "dochter-" + UUID.randomUUID();

        check(new Endpoint(integrator.accessToken(), "/integration/v1/clients/" + clientId + "/members",
                i -> Map.of("name", "Dochter", "email", prefix + "-" + i + "@example.test", "mobile", "06-12345678",
                        "role", "FULL_ACCESS_ADMIN", "basis", "CONTACT_PERSON"),
                () -> count("select count(*) from membership where client_id = ?1", clientId)
                        + count("select count(*) from outbox_message where recipient like ?1", prefix + "%")));
    }

    /** Replays, refuses another body with 422 and runs concurrent duplicates of a new key once. */
    private void check(Endpoint endpoint) throws Exception {
        long before = endpoint.effects().get();
        String key = UUID.randomUUID().toString();
        Response first = call(endpoint, key, endpoint.body().apply(1));
        assertEquals(201, first.statusCode(), first.asString());
        long effects = endpoint.effects().get();
        long perRequest = effects - before;

        Response retry = call(endpoint, key, endpoint.body().apply(1));
        assertEquals(201, retry.statusCode(), retry.asString());
        assertEquals(first.jsonPath().getMap("$"), retry.jsonPath().getMap("$"));
        assertEquals(effects, endpoint.effects().get());

        Response other = call(endpoint, key, endpoint.body().apply(2));
        assertEquals(422, other.statusCode(), other.asString());
        assertEquals("urn:clientapp:problem:idempotency-key-reused", other.jsonPath().getString("type"));
        assertEquals(effects, endpoint.effects().get());

        String concurrentKey = UUID.randomUUID().toString();
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return call(endpoint, concurrentKey, endpoint.body().apply(3));
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            Set<Object> ids = new HashSet<>();
            for (Future<Response> call : calls) {
                Response response = call.get();
                assertEquals(201, response.statusCode(), response.asString());
                ids.add(response.jsonPath().getMap("$"));
            }
            assertEquals(1, ids.size(), "every duplicate gets the first response");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(effects + perRequest, endpoint.effects().get());
    }

    private static Response call(Endpoint endpoint, String key, Map<String, Object> body) {
        return given().auth().oauth2(endpoint.token()).contentType(ContentType.JSON).header(IdempotencyKeys.HEADER, key)
                .body(body).post(endpoint.path());
    }

    private static String ask(SignedInUser member, UUID clientId) {
        return given().auth().oauth2(member.accessToken()).contentType(ContentType.JSON).body(Map.of("text", "Slaapt hij goed?"))
                .post("/app/v1/clients/{client}/chat/threads", clientId).then().statusCode(201).extract().path("id");
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
