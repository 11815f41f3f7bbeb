package nl.clientapp.common.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestImages;

@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    TestAppUsers users;

    @Inject
    TestClock clock;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void same_key_and_body_replays_first_response() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String key = UUID.randomUUID().toString();

        Response first = createPost(member, clientId, key, "Zondag op bezoek");
        Response retry = createPost(member, clientId, key, "Zondag op bezoek");

        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));
        assertEquals(first.jsonPath().getString("occurredAt"), retry.jsonPath().getString("occurredAt"));
        assertEquals(1, postCount(member, clientId));
    }

    @Test
    void same_key_other_body_gets_422() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String key = UUID.randomUUID().toString();
        createPost(member, clientId, key, "Eerste tekst").then().statusCode(201);

        createPost(member, clientId, key, "Andere tekst")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:idempotency-key-reused"));
        // The same key on another operation is another request too.
        given().auth().oauth2(member.accessToken()).header(IdempotencyKeys.HEADER, key).contentType("image/jpeg")
                .body(TestImages.jpeg())
                .when().post("/app/v1/clients/{client}/photos", clientId)
                .then().statusCode(422);

        assertEquals(1, postCount(member, clientId));
    }

    @Test
    void concurrent_duplicates_have_one_effect() throws Exception {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String key = UUID.randomUUID().toString();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Response>> calls = new ArrayList<>();

        try {
            for (int i = 0; i < threads; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return createPost(member, clientId, key, "Tegelijk verstuurd");
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<Response> call : calls) {
                Response response = call.get();
                assertEquals(201, response.statusCode(), response.asString());
                ids.add(response.jsonPath().getString("id"));
            }
            assertEquals(1, ids.size(), "every duplicate must get the first response");
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, postCount(member, clientId));
    }

    @Test
    void keys_are_scoped_per_caller() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser first = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser second = users.memberOf(clientId, Role.TIMELINE_ONLY);
        String key = "gedeelde-sleutel-" + UUID.randomUUID();

        String firstId = createPost(first, clientId, key, "Hallo").then().statusCode(201).extract().path("id");
        String secondId = createPost(second, clientId, key, "Hallo").then().statusCode(201).extract().path("id");

        assertTrue(!firstId.equals(secondId));
        assertEquals(2, postCount(first, clientId));
    }

    @Test
    void upload_retry_stores_one_photo() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String key = UUID.randomUUID().toString();
        byte[] image = TestImages.jpeg();

        String first = upload(member, clientId, key, image).then().statusCode(201).extract().path("id");
        String retry = upload(member, clientId, key, image).then().statusCode(201).extract().path("id");

        assertEquals(first, retry);
        upload(member, clientId, key, TestImages.pngWithText(10, 10)).then().statusCode(422);
    }

    @Test
    void expired_key_runs_again_and_purge_deletes_it() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String key = UUID.randomUUID().toString();
        createPost(member, clientId, key, "Eerste keer").then().statusCode(201);

        clock.advance(Duration.ofHours(25));
        createPost(member, clientId, key, "Na een dag").then().statusCode(201);
        clock.advance(Duration.ofHours(25));
        int purged = idempotencyKeys.purgeExpired();

        assertEquals(2, postCount(member, clientId));
        assertTrue(purged >= 1, "the expired key was not purged");
    }

    @Test
    void invalid_key_gets_400() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);

        createPost(member, clientId, "x".repeat(IdempotencyKeys.MAX_KEY_LENGTH + 1), "Hallo")
                .then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-idempotency-key"));
        createPost(member, clientId, "sleutel met spaties", "Hallo").then().statusCode(400);

        given().auth().oauth2(member.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).body("items", hasSize(0));
    }

    private static Response createPost(SignedInUser member, UUID clientId, String key, String text) {
        return given().auth().oauth2(member.accessToken())
                .header(IdempotencyKeys.HEADER, key)
                .contentType("application/json")
                .body(Map.of("text", text))
                .when().post("/app/v1/clients/{client}/posts", clientId);
    }

    private static Response upload(SignedInUser member, UUID clientId, String key, byte[] image) {
        return given().auth().oauth2(member.accessToken())
                .header(IdempotencyKeys.HEADER, key)
                .contentType("image/jpeg")
                .body(image)
                .when().post("/app/v1/clients/{client}/photos", clientId);
    }

    private static int postCount(SignedInUser member, UUID clientId) {
        return given().auth().oauth2(member.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }
}
