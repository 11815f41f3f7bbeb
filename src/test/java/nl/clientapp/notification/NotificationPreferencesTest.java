package nl.clientapp.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestOutbox;

/** Notification preferences, push tokens per login session, and how the outbox applies both. */
@QuarkusTest
class NotificationPreferencesTest {

    @Inject
    TestAppUsers users;

    @Inject
    Outbox outbox;

    @Inject
    TestOutbox testOutbox;

    @Inject
    InMemoryPushSender pushes;

    @Test
    void preferences_default_to_on_and_mark_mandatory_email() {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);

        app(user).get("/app/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.kind", equalTo(List.of("ACCESS_NOTICES", "NEWS", "CHAT_ANSWERS")))
                .body("preferences.email", equalTo(List.of(true, true, true)))
                .body("preferences.push", equalTo(List.of(true, true, true)))
                .body("preferences.emailMandatory", equalTo(List.of(true, false, false)));
    }

    @Test
    void update_stores_choices_and_keeps_kinds_left_out() {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);

        app(user).body(Map.of("preferences", List.of(Map.of("kind", "NEWS", "email", false, "push", true),
                Map.of("kind", "ACCESS_NOTICES", "email", true, "push", false))))
                .put("/app/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.email", equalTo(List.of(true, false, true)))
                .body("preferences.push", equalTo(List.of(false, true, true)));
        app(user).body(Map.of("preferences", List.of(Map.of("kind", "CHAT_ANSWERS", "email", false, "push", false))))
                .put("/app/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.email", equalTo(List.of(true, false, false)))
                .body("preferences.push", equalTo(List.of(false, true, false)));
    }

    @Test
    void mandatory_email_cannot_be_turned_off_and_nothing_changes() {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);

        app(user).body(Map.of("preferences", List.of(Map.of("kind", "NEWS", "email", false, "push", false),
                Map.of("kind", "ACCESS_NOTICES", "email", false, "push", true))))
                .put("/app/v1/me/notification-preferences").then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:notification-email-mandatory"))
                .body("title", equalTo("E-mail verplicht"));
        app(user).header("Accept-Language", "en").body(Map.of("preferences", List.of(Map.of("kind", "ACCOUNT", "email", true, "push", true))))
                .put("/app/v1/me/notification-preferences").then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:notification-kind-invalid"))
                .body("title", equalTo("Unknown kind of notification"));
        app(user).body(Map.of("preferences", List.of(Map.of("kind", "HOLIDAYS", "email", true, "push", true))))
                .put("/app/v1/me/notification-preferences").then().statusCode(400);
        app(user).body(Map.of("preferences", List.of(Map.of("kind", "NEWS", "email", true))))
                .put("/app/v1/me/notification-preferences").then().statusCode(400);

        app(user).get("/app/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.email", equalTo(List.of(true, true, true)))
                .body("preferences.push", equalTo(List.of(true, true, true)));
    }

    @Test
    void push_goes_to_the_registered_token_of_each_active_session_in_the_users_language() {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);
        String token = "push-token-" + UUID.randomUUID();
        app(user).body(Map.of("platform", "ANDROID", "token", token))
                .put("/app/v1/me/devices/current/push-token").then().statusCode(204);

        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> outbox.pushUser(user.userId(),
                NotificationKind.ACCESS_NOTICES, "push.access-ended.title", "push.access-ended.body",
                Map.of("membershipId", "m-1"), "Zorgpartners"));
        testOutbox.deliver();

        assertEquals(1, ids.size());
        List<InMemoryPushSender.StoredPush> sent = pushes.sentTo(token);
        assertEquals(1, sent.size());
        assertEquals("Uw toegang is beëindigd", sent.get(0).title());
        assertTrue(sent.get(0).body().contains("Zorgpartners"));
        assertEquals(Map.of("membershipId", "m-1", "kind", "ACCESS_NOTICES"), sent.get(0).data());
    }

    @Test
    void preferences_and_ended_sessions_stop_pushes_but_not_mandatory_email() {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);
        app(user).body(Map.of("platform", "IOS", "token", "push-token-" + UUID.randomUUID()))
                .put("/app/v1/me/devices/current/push-token").then().statusCode(204);
        app(user).body(Map.of("preferences", List.of(Map.of("kind", "NEWS", "email", false, "push", false))))
                .put("/app/v1/me/notification-preferences").then().statusCode(200);

        assertEquals(0, pushTo(user, NotificationKind.NEWS));
        assertEquals(1, pushTo(user, NotificationKind.ACCESS_NOTICES));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> outbox.emailUser(user.userId(), NotificationKind.NEWS,
                "push.access-ended.title", "push.access-ended.body", "Zorgpartners")).isEmpty());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> outbox.emailUser(user.userId(), NotificationKind.ACCESS_NOTICES,
                "push.access-ended.title", "push.access-ended.body", "Zorgpartners")).isPresent());

        app(user).delete("/app/v1/me/devices/current/push-token").then().statusCode(204);
        assertEquals(0, pushTo(user, NotificationKind.ACCESS_NOTICES));
        app(user).body(Map.of("platform", "IOS", "token", "push-token-" + UUID.randomUUID()))
                .put("/app/v1/me/devices/current/push-token").then().statusCode(204);
        app(user).post("/app/v1/auth/logout").then().statusCode(204);
        assertEquals(0, pushTo(user, NotificationKind.ACCESS_NOTICES));
    }

    @Test
    void push_token_needs_platform_and_token() {
        TestAppUsers.SignedInUser user = users.memberOf(users.createClient("Mevrouw Jansen").id, Role.FULL_ACCESS);

        app(user).body(Map.of("platform", "WINDOWS_PHONE", "token", "abc")).put("/app/v1/me/devices/current/push-token")
                .then().statusCode(400);
        app(user).body(Map.of("platform", "ANDROID", "token", " ")).put("/app/v1/me/devices/current/push-token")
                .then().statusCode(400);
    }

    private int pushTo(TestAppUsers.SignedInUser user, NotificationKind kind) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.pushUser(user.userId(), kind, "push.access-ended.title",
                "push.access-ended.body", Map.of(), "Zorgpartners")).size();
    }

    private static RequestSpecification app(TestAppUsers.SignedInUser user) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON);
    }
}
