package nl.clientapp.timeline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nl.clientapp.access.Role;
import nl.clientapp.notification.InMemoryPushSender;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.TestOutbox;
import nl.clientapp.support.TestOutbox.Queued;
import nl.clientapp.support.TestWebhookReceiver;

/**
 * A news post by an app user notifies the other members who may see it (every role, timeline-only
 * included) with NEWS push and e-mail as their preferences allow, never the author, and queues the
 * {@code timeline.post.created} webhook, all in the post's transaction.
 */
@QuarkusTest
class NewsNotificationsTest {

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestOutbox outbox;

    @Inject
    InMemoryPushSender pushes;

    @Inject
    EntityManager entityManager;

    @Test
    void post_notifies_other_members_by_preference_and_sends_webhook() throws Exception {
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Geheimnaam").id;
        SignedInUser author = withPushToken(users.memberOf(clientId, Role.TIMELINE_ONLY));
        SignedInUser administrator = withPushToken(users.memberOf(clientId, Role.FULL_ACCESS_ADMIN));
        SignedInUser timelineOnly = withPushToken(users.memberOf(clientId, Role.TIMELINE_ONLY));
        SignedInUser noPush = withPushToken(users.memberOf(clientId, Role.FULL_ACCESS));
        given().auth().oauth2(noPush.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("preferences", List.of(Map.of("kind", "NEWS", "email", true, "push", false))))
                .put("/app/v1/me/notification-preferences").then().statusCode(200);
        SignedInUser english = withPushToken(users.memberOf(clientId, Role.FULL_ACCESS));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("update app_user set language = 'en' where id = ?1")
                .setParameter(1, english.userId()).executeUpdate());
        SignedInUser otherClient = withPushToken(users.memberOf(users.createClient(integrator.organisationId(), "Meneer Smit").id,
                Role.FULL_ACCESS));

        try (TestWebhookReceiver receiver = TestWebhookReceiver.register(integrator.accessToken())) {
            String postId = given().auth().oauth2(author.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("text", "Oma heeft vandaag taart gebakken."))
                    .post("/app/v1/clients/{client}/posts", clientId).then().statusCode(201).extract().path("id");

            for (SignedInUser member : List.of(administrator, timelineOnly, english)) {
                assertEquals(1, outbox.queuedTo(pushToken(member)).size());
                assertEquals(1, outbox.queuedTo(email(member)).size());
            }
            assertEquals(0, outbox.queuedTo(pushToken(noPush)).size());
            assertEquals(1, outbox.queuedTo(email(noPush)).size());
            for (SignedInUser member : List.of(author, otherClient)) {
                assertEquals(0, outbox.queuedTo(pushToken(member)).size());
                assertEquals(0, outbox.queuedTo(email(member)).size());
            }
            Queued mail = outbox.queuedTo(email(timelineOnly)).get(0);
            assertEquals("Nieuw bericht in de CliëntApp", mail.subject());
            assertNoSecrets(mail.body());
            assertEquals("New post in the CliëntApp", outbox.queuedTo(email(english)).get(0).subject());

            outbox.deliver();
            InMemoryPushSender.StoredPush push = pushes.sentTo(pushToken(timelineOnly)).get(0);
            assertEquals(Map.of("kind", "NEWS", "clientId", clientId.toString(), "postId", postId), push.data());
            assertEquals("Nieuw bericht op de tijdlijn", push.title());
            assertNoSecrets(push.title() + push.body());
            assertEquals(List.of(new TestWebhookReceiver.Event("timeline.post.created",
                    Map.of("clientId", clientId.toString(), "postId", postId))), receiver.events());
        }
    }

    @Test
    void refused_post_queues_nothing() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser author = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser reader = withPushToken(users.memberOf(clientId, Role.TIMELINE_ONLY));

        given().auth().oauth2(author.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("text", "Met een foto die niet bestaat", "photoIds", List.of(UUID.randomUUID().toString())))
                .post("/app/v1/clients/{client}/posts", clientId).then().statusCode(400);

        assertEquals(0, outbox.queuedTo(pushToken(reader)).size());
        assertEquals(0, outbox.queuedTo(email(reader)).size());
    }

    private SignedInUser withPushToken(SignedInUser user) {
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("platform", "IOS", "token", pushToken(user)))
                .put("/app/v1/me/devices/current/push-token").then().statusCode(204);
        return user;
    }

    private static String pushToken(SignedInUser user) {
        return "push-" + user.userId();
    }

    private static String email(SignedInUser user) {
        return "user-" + user.userId() + "@example.test";
    }

    private static void assertNoSecrets(String text) {
        assertFalse(text.contains("taart"), text);
        assertFalse(text.contains("Geheimnaam"), text);
    }
}
