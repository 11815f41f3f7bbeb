package nl.clientapp.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestDossier;

@QuarkusTest
class PersonalDataExportTest {

    private static final Set<String> CORE_SECTIONS = Set.of("profile", "memberships", "invitations", "devices",
            "loginSessions", "termsAcceptances", "auditTrail", "timelinePosts", "photos", "chat", "timelineReadMarkers",
            "notifications");

    @Inject
    LoginFlow login;

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    PrivacyRecords records;

    @Inject
    TestPhotoSource photos;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    PrivacyFootprint footprints;

    @Test
    void export_contains_all_own_data_and_nothing_else() throws IOException {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        UUID endedClient = users.createClient(me.integrator().organisationId(), "Meneer Smit").id;
        users.addMembership(me.userId(), endedClient, Role.FULL_ACCESS);
        dossier.endMembership(me.userId(), endedClient);
        UUID endedMembership = users.membership(me.userId(), endedClient).id;
        UUID termsVersionId = acceptTerms(me, device.accessToken());
        given().auth().oauth2(device.accessToken()).get("/app/v1/clients/{id}/reports", me.clientId()).then().statusCode(200);
        dossier.newsPost(me.clientId(), me.userId(), "Mijn eigen bericht", Instant.now());
        TestAppUsers.SignedInUser other = users.memberOf(me.clientId(), Role.FULL_ACCESS);
        given().auth().oauth2(other.accessToken()).get("/app/v1/clients/{id}/reports", me.clientId()).then().statusCode(200);
        dossier.newsPost(me.clientId(), other.userId(), "Bericht van een ander", Instant.now());
        String otherEmail = (String) records.value("select email from app_user where id = ?1", other.userId());
        photos.giveAPhotoTo(me.userId());

        Response response = given().auth().oauth2(device.accessToken()).get("/app/v1/me/export");

        response.then().statusCode(200).contentType("application/zip").header("Cache-Control", "no-store");
        Map<String, byte[]> zip = unzip(response.asByteArray());
        JsonNode document = objectMapper.readTree(zip.get("personal-data.json"));
        JsonNode sections = document.get("sections");
        Set<String> sectionNames = new HashSet<>();
        sections.fieldNames().forEachRemaining(sectionNames::add);
        Set<String> expectedSections = new HashSet<>(CORE_SECTIONS);
        expectedSections.add(TestPhotoSource.SECTION);
        assertEquals(expectedSections, sectionNames);
        assertEquals(me.userId().toString(), document.get("userId").asText());

        JsonNode profile = sections.get("profile");
        assertEquals("Anna de Vries", profile.get("name").asText());
        assertEquals(me.email(), profile.get("email").asText());
        assertEquals(me.mobile(), profile.get("mobile").asText());
        assertEquals("nl", profile.get("language").asText());

        Map<String, JsonNode> memberships = byId(sections.get("memberships"), "membershipId");
        assertEquals(Set.of(me.membershipId().toString(), endedMembership.toString()), memberships.keySet());
        JsonNode administrator = memberships.get(me.membershipId().toString());
        assertEquals(me.clientId().toString(), administrator.get("clientId").asText());
        assertEquals("FULL_ACCESS_ADMIN", administrator.get("role").asText());
        assertEquals("CONTACT_PERSON", administrator.get("basis").asText());
        assertEquals("dochter", administrator.get("relation").asText());
        assertEquals("ACTIVE", administrator.get("status").asText());
        assertNotNull(administrator.get("startedAt"));
        JsonNode ended = memberships.get(endedMembership.toString());
        assertEquals("ENDED", ended.get("status").asText());
        assertEquals("REMOVED", ended.get("endReason").asText());
        assertNotNull(ended.get("endedAt"));

        JsonNode invitations = sections.get("invitations");
        assertEquals(1, invitations.size());
        assertEquals(me.membershipId().toString(), invitations.get(0).get("membershipId").asText());
        assertNotNull(invitations.get(0).get("usedAt"));

        JsonNode devices = sections.get("devices");
        assertEquals(1, devices.size());
        assertEquals(device.deviceId().toString(), devices.get(0).get("deviceId").asText());
        assertEquals(SecureTokens.sha256Hex(device.key().getPublic().getEncoded()),
                devices.get(0).get("publicKeyFingerprint").asText());
        assertEquals(1, sections.get("loginSessions").size());
        assertEquals(device.deviceId().toString(), sections.get("loginSessions").get(0).get("deviceId").asText());

        assertEquals(1, sections.get("termsAcceptances").size());
        assertEquals(termsVersionId.toString(), sections.get("termsAcceptances").get(0).get("termsVersionId").asText());
        assertNotNull(sections.get("termsAcceptances").get(0).get("acceptedAt"));

        // The export's own entries are written after the trail was read.
        long ownEntries = records.count("select count(*) from audit_entry where actor_type = 'APP_USER' and actor_id = ?1 "
                + "and event <> 'privacy.personal-data.exported'", me.userId().toString());
        assertTrue(ownEntries >= 1);
        assertEquals(ownEntries, sections.get("auditTrail").size());
        assertEquals("dossier.reports.read", sections.get("auditTrail").get(0).get("event").asText());

        assertEquals(1, sections.get("timelinePosts").size());
        assertEquals("Mijn eigen bericht", sections.get("timelinePosts").get(0).get("text").asText());

        assertArrayEquals(TestPhotoSource.CONTENT, zip.get("files/testPhotos/photo-1.jpg"));
        String everything = new String(zip.get("personal-data.json"), StandardCharsets.UTF_8);
        assertFalse(everything.contains(other.userId().toString()), "another user's id is in the export");
        assertFalse(everything.contains(otherEmail), "another user's e-mail address is in the export");
        assertFalse(everything.contains("Bericht van een ander"), "another user's post is in the export");
        assertFalse(everything.contains("argon2"), "a PIN hash is in the export");
        assertFalse(everything.contains(LoginFlow.publicKeyBase64(device.key())), "a raw public key is in the export");
    }

    @Test
    void export_holds_posts_photos_chat_read_markers_and_notification_settings() throws IOException {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        PrivacyFootprint.Footprint mine = footprints.create(me.clientId(), me.userId(), me.email(), device.accessToken());
        TestAppUsers.SignedInUser other = users.memberOf(me.clientId(), Role.FULL_ACCESS);
        given().auth().oauth2(other.accessToken()).contentType("application/json").body(Map.of("text", "Vraag van een ander lid"))
                .post("/app/v1/clients/{client}/chat/threads/{thread}/messages", me.clientId(), mine.threadId())
                .then().statusCode(201);

        Response response = given().auth().oauth2(device.accessToken()).get("/app/v1/me/export");

        response.then().statusCode(200);
        Map<String, byte[]> zip = unzip(response.asByteArray());
        JsonNode sections = objectMapper.readTree(zip.get("personal-data.json")).get("sections");

        JsonNode post = sections.get("timelinePosts").get(0);
        assertEquals(mine.postId().toString(), post.get("itemId").asText());
        assertEquals(mine.postedPhotoId().toString(), post.get("photoIds").get(0).asText());

        Map<String, JsonNode> photos = byId(sections.get("photos"), "photoId");
        assertEquals(Set.of(mine.postedPhotoId().toString(), mine.unusedUploadId().toString()), photos.keySet());
        assertEquals(mine.postId().toString(), photos.get(mine.postedPhotoId().toString()).get("timelineItemId").asText());
        assertNull(photos.get(mine.unusedUploadId().toString()).get("timelineItemId"), "an unused upload is in no post");
        for (JsonNode photo : photos.values()) {
            String file = photo.get("file").asText();
            assertEquals("files/photos/" + photo.get("photoId").asText() + ".jpg", file);
            byte[] stored = (byte[]) records.value("select content from photo_blob where photo_id = ?1 and variant = 'FULL'",
                    UUID.fromString(photo.get("photoId").asText()));
            assertArrayEquals(stored, zip.get(file), "the full re-encoded image of " + file);
        }

        JsonNode chat = sections.get("chat");
        assertEquals(1, chat.get("threads").size());
        JsonNode thread = chat.get("threads").get(0);
        assertEquals(mine.threadId().toString(), thread.get("threadId").asText());
        assertEquals(me.clientId().toString(), thread.get("clientId").asText());
        assertTrue(thread.get("askedByMe").asBoolean());
        List<String> texts = new ArrayList<>();
        thread.get("messages").forEach(message -> texts.add(message.get("authorType").asText() + ": " + message.get("text").asText()));
        assertEquals(List.of("MEMBER: Hoe gaat het met eten?", "CARE_TEAM: Antwoord"), texts,
                "own messages and the care team's answers, not another member's");
        assertNotNull(thread.get("messages").get(0).get("sentAt").asText());
        assertEquals("Jan (EVV)", thread.get("messages").get(1).get("authorName").asText());
        assertEquals(1, chat.get("readMarks").size());
        assertEquals(mine.answerId().toString(), chat.get("readMarks").get(0).get("messageId").asText());
        assertNotNull(chat.get("readMarks").get(0).get("readAt"));

        JsonNode marker = sections.get("timelineReadMarkers").get(0);
        assertEquals(me.membershipId().toString(), marker.get("membershipId").asText());
        assertEquals(mine.postId().toString(), marker.get("itemId").asText());

        JsonNode notifications = sections.get("notifications");
        assertEquals(1, notifications.get("pushTokens").size());
        assertEquals("ANDROID", notifications.get("pushTokens").get(0).get("platform").asText());
        assertNotNull(notifications.get("pushTokens").get(0).get("registeredAt"));
        assertEquals(1, notifications.get("preferences").size());
        assertEquals("NEWS", notifications.get("preferences").get(0).get("kind").asText());
        assertFalse(notifications.get("preferences").get(0).get("email").asBoolean());

        String everything = new String(zip.get("personal-data.json"), StandardCharsets.UTF_8);
        assertFalse(everything.contains(mine.pushToken()), "the push token itself is in the export");
        assertFalse(everything.contains("Vraag van een ander lid"), "another member's chat message is in the export");
        assertFalse(everything.contains("idempotency"), "idempotency records are in the export");
        assertEquals(1, records.auditEntries("privacy.personal-data.exported", me.clientId()).size());
    }

    @Test
    void export_writes_one_audit_entry_per_client() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        UUID secondClient = users.createClient(me.integrator().organisationId(), "Meneer Smit").id;
        users.addMembership(me.userId(), secondClient, Role.TIMELINE_ONLY);

        given().auth().oauth2(device.accessToken()).get("/app/v1/me/export").then().statusCode(200);

        for (UUID clientId : List.of(me.clientId(), secondClient)) {
            List<Object[]> entries = records.auditEntries("privacy.personal-data.exported", clientId);
            assertEquals(1, entries.size(), "export entries of client " + clientId);
            assertEquals("EXPORT", entries.get(0)[0]);
            assertEquals("APP_USER", entries.get(0)[1]);
            assertEquals(me.userId().toString(), entries.get(0)[2]);
        }
    }

    @Test
    void export_of_user_without_anything_has_empty_sections() throws IOException {
        TestAppUsers.SignedInUser user = users.signedInUser();

        Response response = given().auth().oauth2(user.accessToken()).get("/app/v1/me/export");

        response.then().statusCode(200);
        JsonNode sections = objectMapper.readTree(unzip(response.asByteArray()).get("personal-data.json")).get("sections");
        assertEquals(0, sections.get("memberships").size());
        assertEquals(0, sections.get("auditTrail").size());
        assertNull(sections.get("profile").get("nonexistent"));
        assertEquals(0, records.count("select count(*) from audit_entry where event = 'privacy.personal-data.exported' "
                + "and actor_id = ?1", user.userId().toString()));
    }

    @Test
    void export_needs_an_active_session() {
        TestAppUsers.SignedInUser user = users.signedInUser();
        given().auth().oauth2(user.accessToken()).post("/app/v1/auth/logout").then().statusCode(204);

        given().auth().oauth2(user.accessToken()).get("/app/v1/me/export").then().statusCode(401);
        given().get("/app/v1/me/export").then().statusCode(401);
    }

    @Test
    void export_and_erasure_stay_open_without_accepted_terms() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        given().auth().oauth2(me.integratorToken()).contentType("application/json")
                .body(Map.of("versionLabel", "now " + UUID.randomUUID(), "text", "Gebruikersvoorwaarden",
                        "effectiveDate", LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString()))
                .post("/integration/v1/terms-versions")
                .then().statusCode(201);

        given().auth().oauth2(device.accessToken()).get("/app/v1/me").then().statusCode(403);
        given().auth().oauth2(device.accessToken()).get("/app/v1/me/export").then().statusCode(200);
        me.app().auth().oauth2(device.accessToken()).body(Map.of("pin", device.pin())).post("/app/v1/me/erasure")
                .then().statusCode(204);
    }

    private UUID acceptTerms(LoginFlow.Invitee me, String accessToken) {
        UUID versionId = UUID.fromString(given().auth().oauth2(me.integratorToken()).contentType("application/json")
                .body(Map.of("versionLabel", "export " + UUID.randomUUID(), "text", "Gebruikersvoorwaarden",
                        "effectiveDate", LocalDate.now().plusYears(5).toString()))
                .post("/integration/v1/terms-versions")
                .then().statusCode(201)
                .extract().path("id"));
        given().auth().oauth2(accessToken).post("/app/v1/terms/{id}/acceptance", versionId).then().statusCode(201);
        return versionId;
    }

    private static Map<String, JsonNode> byId(JsonNode array, String idField) {
        Map<String, JsonNode> byId = new HashMap<>();
        array.forEach(element -> byId.put(element.get(idField).asText(), element));
        return byId;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream input = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = input.getNextEntry()) != null) {
                entries.put(entry.getName(), input.readAllBytes());
            }
        }
        return entries;
    }
}
