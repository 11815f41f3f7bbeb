package nl.clientapp.privacy;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.restassured.http.ContentType;
import nl.clientapp.chat.ChatRows;
import nl.clientapp.support.TestImages;

/**
 * Gives an app user data in every feature that stores personal data, through the app's own
 * endpoints where there is one: a news post with a photo, an upload no post took, a question to
 * the care team with an answer marked read, a timeline read marker, a push token, notification
 * preferences, messages waiting in the outbox, and an idempotency record of the post.
 */
@ApplicationScoped
public class PrivacyFootprint {

    /** What was created, by id. */
    public record Footprint(UUID clientId, UUID userId, UUID postId, UUID postedPhotoId, UUID unusedUploadId, UUID threadId,
            UUID answerId, String pushToken, UUID pendingEmailId, UUID pendingPushId, UUID sentEmailId) {
    }

    @Inject
    ChatRows chat;

    @Inject
    PrivacyRecords records;

    public Footprint create(UUID clientId, UUID userId, String email, String accessToken) {
        UUID postedPhoto = upload(clientId, accessToken);
        UUID unusedUpload = upload(clientId, accessToken);
        UUID postId = UUID.fromString(given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("text", "Mijn bericht met foto", "photoIds", List.of(postedPhoto)))
                .post("/app/v1/clients/{client}/posts", clientId)
                .then().statusCode(201).extract().path("id"));

        UUID threadId = UUID.fromString(given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("text", "Hoe gaat het met eten?"))
                .post("/app/v1/clients/{client}/chat/threads", clientId)
                .then().statusCode(201).extract().path("id"));
        chat.answer(clientId, threadId, Instant.now().plus(1, ChronoUnit.MINUTES));
        UUID answerId = (UUID) records.value("select id from chat_message where thread_id = ?1 and author_type = 'CARE_TEAM'", threadId);
        given().auth().oauth2(accessToken).post("/app/v1/clients/{client}/chat/threads/{thread}/read", clientId, threadId)
                .then().statusCode(204);

        String latest = given().auth().oauth2(accessToken).get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).extract().path("latestCursor");
        given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("cursor", latest))
                .put("/app/v1/clients/{client}/timeline/read-marker", clientId)
                .then().statusCode(204);

        String pushToken = "fcm-" + UUID.randomUUID();
        given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("platform", "ANDROID", "token", pushToken))
                .put("/app/v1/me/devices/current/push-token").then().statusCode(204);
        given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("preferences", List.of(Map.of("kind", "NEWS", "email", false, "push", true))))
                .put("/app/v1/me/notification-preferences").then().statusCode(200);

        UUID pendingEmail = outbox("EMAIL", email, "PENDING");
        UUID pendingPush = outbox("PUSH", pushToken, "PENDING");
        UUID sentEmail = outbox("EMAIL", email, "SENT");
        return new Footprint(clientId, userId, postId, postedPhoto, unusedUpload, threadId, answerId, pushToken, pendingEmail,
                pendingPush, sentEmail);
    }

    private UUID upload(UUID clientId, String accessToken) {
        return UUID.fromString(given().auth().oauth2(accessToken).contentType("image/jpeg").body(TestImages.jpeg())
                .post("/app/v1/clients/{client}/photos", clientId)
                .then().statusCode(201).extract().path("id"));
    }

    /** A message to the user, as the outbox stores one; far in the future, so the relay leaves it alone. */
    private UUID outbox(String channel, String recipient, String status) {
        UUID id = UUID.randomUUID();
        records.update("""
                insert into outbox_message (id, channel, recipient, subject, body, topic, status, next_attempt_at, created_at, sent_at)
                values (?1, ?2, ?3, 'Nieuws over Meneer Jansen', 'Er is een nieuw bericht van Anna de Vries', 'test', ?4,
                        now() + interval '1 day', now(), case when ?4 = 'SENT' then now() end)""",
                id, channel, recipient, status);
        return id;
    }
}
