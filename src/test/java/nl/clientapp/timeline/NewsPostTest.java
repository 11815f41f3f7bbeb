package nl.clientapp.timeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import nl.clientapp.access.Role;
import nl.clientapp.audit.AuditRecords;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestImages;

@QuarkusTest
class NewsPostTest {

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestClock clock;

    @Inject
    AuditRecords audit;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void timeline_only_member_posts_with_photos() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser relative = users.memberOf(clientId, Role.TIMELINE_ONLY);
        SignedInUser other = users.memberOf(clientId, Role.TIMELINE_ONLY);
        String first = uploadPhoto(relative, clientId);
        String second = uploadPhoto(relative, clientId);

        String postId = post(relative, clientId, Map.of("text", "  Zondag komen we op bezoek.  ", "photoIds", List.of(second, first)))
                .statusCode(201)
                .body("kind", equalTo("NEWS_POST"))
                .body("summary", equalTo("Zondag komen we op bezoek."))
                .body("authorName", equalTo("Test Gebruiker"))
                .body("ownPost", equalTo(true))
                .body("editedAt", nullValue())
                .body("photos.id", contains(second, first))
                .extract().path("id");

        given().auth().oauth2(other.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.id", contains(postId))
                .body("items[0].ownPost", equalTo(false))
                .body("items[0].photos.id", contains(second, first))
                .body("items[0].photos[0].thumbnailWidth", notNullValue());
        given().auth().oauth2(other.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}/thumbnail", clientId, first)
                .then().statusCode(200).contentType("image/jpeg");
    }

    @Test
    void text_above_maximum_gets_400_in_both_languages() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String tooLong = "a".repeat(PostService.MAX_TEXT_LENGTH + 1);

        post(member, clientId, Map.of("text", tooLong))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:post-text-too-long"))
                .body("detail", equalTo("De tekst van een bericht mag hoogstens 2.000 tekens hebben. Maak de tekst korter."));
        given().auth().oauth2(member.accessToken()).header("Accept-Language", "en").contentType("application/json")
                .body(Map.of("text", tooLong))
                .when().post("/app/v1/clients/{client}/posts", clientId)
                .then().statusCode(400)
                .body("detail", equalTo("The text of a post may have at most 2,000 characters. Shorten the text."));
        // 2000 emoji are 4000 UTF-16 units but 2000 characters, so they fit.
        post(member, clientId, Map.of("text", "😀".repeat(PostService.MAX_TEXT_LENGTH))).statusCode(201);

        given().auth().oauth2(member.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void invalid_posts_get_400_and_change_nothing() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser otherMember = users.memberOf(clientId, Role.FULL_ACCESS);
        String othersPhoto = uploadPhoto(otherMember, clientId);
        List<String> five = List.of(uploadPhoto(member, clientId), uploadPhoto(member, clientId), uploadPhoto(member, clientId),
                uploadPhoto(member, clientId), uploadPhoto(member, clientId));

        post(member, clientId, Map.of("text", "   ")).statusCode(400).body("type", equalTo("urn:clientapp:problem:post-empty"));
        post(member, clientId, Map.of("text", "Foto's", "photoIds", five)).statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:too-many-photos"));
        post(member, clientId, Map.of("text", "Foto's", "photoIds", List.of(five.get(0), five.get(0)))).statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-photo-ids"));
        post(member, clientId, Map.of("text", "Foto's", "photoIds", List.of(five.get(0), othersPhoto))).statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:unknown-photo"));
        post(member, clientId, Map.of("text", "Hallo", "authorName", "Iemand anders")).statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:unknown-field"));

        given().auth().oauth2(member.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void photo_of_another_client_cannot_be_attached() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        UUID otherClientId = users.createClient("Meneer Smit").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        users.addMembership(member.userId(), otherClientId, Role.FULL_ACCESS);
        String photoOfOtherClient = uploadPhoto(member, otherClientId);

        post(member, clientId, Map.of("text", "Foto", "photoIds", List.of(photoOfOtherClient))).statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:unknown-photo"));
    }

    @Test
    void author_edits_own_post_only() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser author = users.memberOf(clientId, Role.TIMELINE_ONLY);
        SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        String kept = uploadPhoto(author, clientId);
        String dropped = uploadPhoto(author, clientId);
        String postId = post(author, clientId, Map.of("text", "Eerste versie", "photoIds", List.of(kept, dropped)))
                .statusCode(201).extract().path("id");
        String occurredAt = given().auth().oauth2(author.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId).then().extract().path("items[0].occurredAt");
        clock.advance(Duration.ofMinutes(5));

        given().auth().oauth2(administrator.accessToken()).contentType("application/json")
                .body(Map.of("text", "Overgenomen"))
                .when().put("/app/v1/clients/{client}/posts/{post}", clientId, postId)
                .then().statusCode(403)
                .body("type", equalTo("urn:clientapp:problem:not-post-author"));
        given().auth().oauth2(author.accessToken()).contentType("application/json")
                .body(Map.of("text", "Tweede versie", "photoIds", List.of(kept)))
                .when().put("/app/v1/clients/{client}/posts/{post}", clientId, postId)
                .then().statusCode(200)
                .body("summary", equalTo("Tweede versie"))
                .body("occurredAt", equalTo(occurredAt))
                .body("editedAt", notNullValue())
                .body("photos.id", contains(kept));

        given().auth().oauth2(author.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}", clientId, dropped)
                .then().statusCode(404);
        given().auth().oauth2(administrator.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.summary", contains("Tweede versie"));
    }

    @Test
    void administrator_deletes_any_post_others_only_own() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser author = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser fullMember = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        String photo = uploadPhoto(author, clientId);
        String first = post(author, clientId, Map.of("text", "Eerste", "photoIds", List.of(photo))).statusCode(201).extract().path("id");
        String second = post(author, clientId, Map.of("text", "Tweede")).statusCode(201).extract().path("id");

        given().auth().oauth2(fullMember.accessToken())
                .when().delete("/app/v1/clients/{client}/posts/{post}", clientId, first)
                .then().statusCode(403).body("type", equalTo("urn:clientapp:problem:not-post-author"));
        given().auth().oauth2(administrator.accessToken())
                .when().delete("/app/v1/clients/{client}/posts/{post}", clientId, first)
                .then().statusCode(204);
        given().auth().oauth2(author.accessToken())
                .when().delete("/app/v1/clients/{client}/posts/{post}", clientId, second)
                .then().statusCode(204);

        given().auth().oauth2(author.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).body("items", empty());
        given().auth().oauth2(author.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}", clientId, photo)
                .then().statusCode(404);
    }

    @Test
    void foreign_post_and_photo_moment_404() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        UUID otherClientId = users.createClient("Meneer Smit").id;
        SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        SignedInUser otherAuthor = users.memberOf(otherClientId, Role.FULL_ACCESS);
        String otherPost = post(otherAuthor, otherClientId, Map.of("text", "Elders")).statusCode(201).extract().path("id");
        UUID photoMoment = dossier.professionalPhotoMoment(clientId, "Activiteit", Instant.now());

        given().auth().oauth2(administrator.accessToken())
                .when().delete("/app/v1/clients/{client}/posts/{post}", clientId, otherPost)
                .then().statusCode(404);
        given().auth().oauth2(administrator.accessToken())
                .when().delete("/app/v1/clients/{client}/posts/{post}", clientId, photoMoment)
                .then().statusCode(404);

        given().auth().oauth2(otherAuthor.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", otherClientId)
                .then().statusCode(200).body("items.id", contains(otherPost));
    }

    @Test
    void post_and_photo_calls_are_audited() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser author = users.memberOf(clientId, Role.TIMELINE_ONLY);
        SignedInUser stranger = users.memberOf(users.createClient("Meneer Smit").id, Role.FULL_ACCESS_ADMIN);
        String photo = uploadPhoto(author, clientId);
        String postId = post(author, clientId, Map.of("text", "Hallo", "photoIds", List.of(photo))).statusCode(201).extract().path("id");
        given().auth().oauth2(author.accessToken()).contentType("application/json").body(Map.of("text", "Hallo allemaal"))
                .when().put("/app/v1/clients/{client}/posts/{post}", clientId, postId).then().statusCode(200);
        given().auth().oauth2(stranger.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}", clientId, photo).then().statusCode(404);
        given().auth().oauth2(author.accessToken())
                .when().delete("/app/v1/clients/{client}/posts/{post}", clientId, postId).then().statusCode(204);

        List<String> events = audit.entries(clientId).stream().map(entry -> entry[0] + " " + entry[2]).sorted().toList();

        assertEquals(List.of("photo.read DENIED", "photo.upload SUCCESS", "post.create SUCCESS", "post.delete SUCCESS",
                "post.update SUCCESS"), events);
        assertEquals(1, audit.entries("post.delete", postId).size());
        assertEquals("TIMELINE_ONLY", audit.entries("post.update", postId).get(0)[5]);
    }

    static ValidatableResponse post(SignedInUser member, UUID clientId, Map<String, Object> body) {
        return given().auth().oauth2(member.accessToken()).contentType("application/json")
                .body(body)
                .when().post("/app/v1/clients/{client}/posts", clientId)
                .then();
    }

    static String uploadPhoto(SignedInUser member, UUID clientId) {
        return given().auth().oauth2(member.accessToken()).contentType("image/jpeg")
                .body(TestImages.jpeg())
                .when().post("/app/v1/clients/{client}/photos", clientId)
                .then().statusCode(201)
                .extract().path("id");
    }
}
