package nl.clientapp.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestOutbox;

/**
 * The outbox with the real adapters: the Quarkus mailer sending to a GreenMail SMTP server and the
 * FCM adapter posting to WireMock, both on loopback. Each provider first fails and later recovers,
 * and each message arrives exactly once.
 */
@QuarkusTest
@TestProfile(RealProvidersTest.Providers.class)
class RealProvidersTest {

    /** Real SMTP and FCM adapters pointed at loopback ports chosen once per JVM. */
    public static class Providers implements QuarkusTestProfile {

        static int smtpPort() {
            return port("outbox-test.smtp-port");
        }

        static int fcmPort() {
            return port("outbox-test.fcm-port");
        }

        // The profile and the test may be loaded by different class loaders; system properties are shared.
        private static synchronized int port(String property) {
            String value = System.getProperty(property);
            if (value == null) {
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    value = Integer.toString(socket.getLocalPort());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty(property, value);
            }
            return Integer.parseInt(value);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("quarkus.mailer.mock", "false"),
                    Map.entry("quarkus.mailer.host", "127.0.0.1"),
                    Map.entry("quarkus.mailer.port", Integer.toString(smtpPort())),
                    Map.entry("quarkus.mailer.tls", "false"),
                    Map.entry("quarkus.mailer.start-tls", "DISABLED"),
                    Map.entry("quarkus.mailer.login", "DISABLED"),
                    Map.entry("clientapp.push.provider", "fcm"),
                    Map.entry("clientapp.push.fcm.base-url", "http://127.0.0.1:" + fcmPort()),
                    Map.entry("clientapp.push.fcm.project-id", "clientapp-test"),
                    // Test-only value; the stand-in accepts anything.
                    Map.entry("clientapp.push.fcm.access-token", "test-only-fcm-token"));
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    TestOutbox testOutbox;

    @Inject
    TestClock clock;

    @Inject
    TestAppUsers users;

    private GreenMail smtp;
    private WireMockServer fcm;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        smtp = new GreenMail(new ServerSetup(Providers.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        fcm = new WireMockServer(options().bindAddress("127.0.0.1").port(Providers.fcmPort()));
        fcm.start();
        fcm.stubFor(post(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
        fcm.stop();
        clock.reset();
    }

    @Test
    void email_arrives_once_after_the_smtp_server_recovers() throws Exception {
        String to = "herstel-" + UUID.randomUUID() + "@example.test";
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.email(to, "Uw inloggegevens", "Tekst met code", "test"));

        testOutbox.deliver();
        assertEquals("PENDING", status(id), "the SMTP server is down");
        assertEquals(1, attempts(id));

        smtp.start();
        clock.advance(Duration.ofMinutes(1));
        testOutbox.deliver();
        clock.advance(Duration.ofHours(1));
        testOutbox.deliver();

        assertEquals("SENT", status(id));
        MimeMessage[] received = Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> recipient(message).equals(to))
                .toArray(MimeMessage[]::new);
        assertEquals(1, received.length);
        assertEquals("Uw inloggegevens", received[0].getSubject());
    }

    @Test
    void smtp_health_follows_the_server() {
        Response down = given().get("/q/health/group/dependencies");

        down.then().statusCode(503);
        assertEquals("DOWN", down.path("checks.find { it.name == 'smtp' }.status"));

        smtp.start();
        Response up = given().get("/q/health/group/dependencies");

        assertEquals("UP", up.path("checks.find { it.name == 'smtp' }.status"));
        assertEquals(0, smtp.getReceivedMessages().length, "the check must not send a message");
    }

    @Test
    void push_arrives_once_after_the_push_service_recovers() {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);
        String token = registerPushToken(user);
        fcm.stubFor(post(anyUrl()).withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .inScenario("fcm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        fcm.stubFor(post(anyUrl()).withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .inScenario("fcm").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.pushUser(user.userId(), NotificationKind.NEWS,
                "push.access-ended.title", "push.access-ended.body", Map.of("clientId", "c-1"), "Zorgpartners")).get(0);

        testOutbox.deliver();
        assertEquals("PENDING", status(id));
        clock.advance(Duration.ofMinutes(1));
        testOutbox.deliver();
        clock.advance(Duration.ofHours(1));
        testOutbox.deliver();

        assertEquals("SENT", status(id));
        assertEquals(2, fcm.findAll(postRequestedFor(anyUrl())
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .withHeader("Authorization", equalTo("Bearer test-only-fcm-token"))).size());
    }

    @Test
    void push_to_an_unregistered_token_fails_at_once() {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);
        String token = registerPushToken(user);
        fcm.stubFor(post(anyUrl()).withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .willReturn(aResponse().withStatus(404)));
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.pushUser(user.userId(), NotificationKind.NEWS,
                "push.access-ended.title", "push.access-ended.body", Map.of(), "Zorgpartners")).get(0);

        testOutbox.deliver();

        assertEquals("FAILED", status(id));
        assertEquals(1, attempts(id));
    }

    private static String registerPushToken(TestAppUsers.SignedInUser user) {
        String token = "fcm-token-" + UUID.randomUUID();
        given().auth().oauth2(user.accessToken()).contentType("application/json")
                .body(Map.of("platform", "ANDROID", "token", token))
                .put("/app/v1/me/devices/current/push-token").then().statusCode(204);
        return token;
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(UUID id) {
        return testOutbox.state(id).status();
    }

    private int attempts(UUID id) {
        return testOutbox.state(id).attempts();
    }
}
