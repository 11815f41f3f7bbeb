package nl.clientapp.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.TestOutbox;
import nl.clientapp.support.TestWebhookReceiver;

/** The transactional outbox and its relay, with webhook receivers stood in by WireMock on loopback. */
@QuarkusTest
class OutboxTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    TestOutbox testOutbox;

    @Inject
    EntityManager entityManager;

    @Inject
    TestClock clock;

    @Inject
    TestIntegrators integrators;

    private WireMockServer receiver;

    @BeforeEach
    void startReceiver() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
        clock.reset();
    }

    @Test
    void rolled_back_change_writes_no_message_and_committed_one_is_sent_once() {
        String rolledBack = newAddress();
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.email(rolledBack, "Onderwerp", "Tekst", "test");
            throw new IllegalStateException("the change fails after the message was queued");
        }));
        String committed = newAddress();
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.email(committed, "Onderwerp", "Tekst", "test"));

        assertEquals(0, rowsTo(rolledBack));
        assertEquals(1, rowsTo(committed));
        assertEquals(1, testOutbox.sentCount(committed));
        assertEquals(0, testOutbox.sentCount(rolledBack));
        assertEquals("SENT", status(id));
        assertEquals(1, testOutbox.sentCount(committed), "a second relay run sends nothing again");
        assertEquals("", QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select body from outbox_message where id = :id").setParameter("id", id)
                .getSingleResult()), "the text of a sent message is cleared");
    }

    @Test
    void enqueue_outside_a_transaction_is_refused() {
        assertThrows(TransactionalException.class, () -> outbox.email(newAddress(), "Onderwerp", "Tekst", "test"));
    }

    @Test
    void concurrent_relays_send_each_message_once() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            addresses.add(newAddress());
        }
        QuarkusTransaction.requiringNew().run(() -> addresses.forEach(to -> outbox.email(to, "Onderwerp", "Tekst", "test")));

        int relays = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(relays);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < relays; i++) {
            Callable<Integer> run = () -> {
                start.await();
                return relay.deliverDue();
            };
            runs.add(pool.submit(run));
        }
        start.countDown();
        for (Future<Integer> run : runs) {
            run.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (String address : addresses) {
            assertEquals(1, SentEmailCounter.sentTo(address), "e-mails to " + address);
        }
    }

    @Test
    void failed_webhook_is_retried_with_backoff_and_delivered_once_with_one_id() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hooks")).inScenario("recovery").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        receiver.stubFor(post(urlEqualTo("/hooks")).inScenario("recovery").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        TestIntegrators.Credentials integrator = integrators.create();
        Map<String, Object> endpoint = register(integrator, "http://127.0.0.1:" + receiver.port() + "/hooks");
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> outbox.webhook(integrator.organisationId(),
                WebhookEvent.MEMBERSHIP_ENDED, Map.of("membershipId", "m-1")));
        assertEquals(1, ids.size());
        UUID id = ids.get(0);

        testOutbox.deliver();
        assertEquals(1, receiver.getAllServeEvents().size());
        assertEquals("PENDING", status(id));
        Instant retryAt = nextAttemptAt(id);
        assertEquals(clock.instant().plus(Duration.ofMinutes(1)).getEpochSecond(), retryAt.getEpochSecond());

        testOutbox.deliver();
        assertEquals(1, receiver.getAllServeEvents().size(), "not retried before its time");

        clock.advance(Duration.ofMinutes(1));
        testOutbox.deliver();
        testOutbox.deliver();
        assertEquals("SENT", status(id));
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hooks")));
        assertEquals(2, requests.size(), "one failed and one successful attempt, nothing after");
        for (LoggedRequest request : requests) {
            assertEquals("msg_" + id, request.getHeader("webhook-id"));
            String body = request.getBodyAsString();
            String expected = hmac((String) endpoint.get("secret"), request.getHeader("webhook-id"),
                    request.getHeader("webhook-timestamp"), body);
            assertEquals(expected, request.getHeader("webhook-signature"));
            assertTrue(body.startsWith("{\"type\":\"membership.ended\""), body);
        }
    }

    @Test
    void message_fails_for_good_after_the_last_attempt() {
        receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        TestIntegrators.Credentials integrator = integrators.create();
        register(integrator, "http://127.0.0.1:" + receiver.port() + "/down");
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.webhook(integrator.organisationId(),
                WebhookEvent.TERMS_ACCEPTED, Map.of())).get(0);

        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            testOutbox.deliver();
            if (attempt < 8) {
                Duration wait = Duration.between(clock.instant(), nextAttemptAt(id));
                waits.add(wait.toMinutes());
                clock.advance(wait);
            }
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L), waits);
        assertEquals("FAILED", status(id));
        clock.advance(Duration.ofDays(1));
        testOutbox.deliver();
        assertEquals(8, receiver.findAll(postRequestedFor(urlEqualTo("/down"))).size());
    }

    @Test
    void backoff_is_capped() {
        assertEquals(Duration.ofMinutes(1), relay.backoff(1));
        assertEquals(Duration.ofMinutes(256), relay.backoff(9));
        assertEquals(Duration.ofHours(6), relay.backoff(20));
    }

    private Map<String, Object> register(TestIntegrators.Credentials integrator, String url) {
        Map<String, Object> endpoint = given().auth().oauth2(integrator.accessToken()).contentType("application/json")
                .body(Map.of("url", url))
                .post("/integration/v1/webhook-endpoints")
                .then().statusCode(201)
                .extract().as(Map.class);
        assertNotNull(endpoint.get("secret"));
        return endpoint;
    }

    static String hmac(String secret, String id, String timestamp, String body) throws Exception {
        return TestWebhookReceiver.signature(secret, id, timestamp, body);
    }

    private long rowsTo(String address) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_message where recipient = :to")
                .setParameter("to", address).getSingleResult()).longValue());
    }

    private String status(UUID id) {
        return testOutbox.state(id).status();
    }

    private Instant nextAttemptAt(UUID id) {
        return testOutbox.state(id).nextAttemptAt();
    }

    private static String newAddress() {
        return "outbox-" + UUID.randomUUID() + "@example.test";
    }
}
