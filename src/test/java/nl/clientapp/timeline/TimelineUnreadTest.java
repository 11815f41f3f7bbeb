package nl.clientapp.timeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestDossier;

@QuarkusTest
class TimelineUnreadTest {

    private static final Instant START = Instant.parse("2026-05-01T09:00:00Z");

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Test
    void unread_count_follows_read_marker() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser writer = users.memberOf(clientId, Role.TIMELINE_ONLY);
        dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", START);
        dossier.newsPost(clientId, writer.userId(), "Bericht", START.plusSeconds(60));
        dossier.newsPost(clientId, reader.userId(), "Eigen bericht", START.plusSeconds(90));

        unread(reader, clientId).body("unreadCount", equalTo(2)).body("countCapped", equalTo(false)).body("readCursor", nullValue());
        String latest = given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).extract().path("latestCursor");
        markRead(reader, clientId, latest).statusCode(204);
        unread(reader, clientId).body("unreadCount", equalTo(0)).body("readCursor", equalTo(latest));

        UUID newPost = dossier.newsPost(clientId, writer.userId(), "Nieuw", START.plusSeconds(120));
        dossier.measurement(clientId, "29463-7", "Gewicht", new BigDecimal("64.5"), "kg", START.plusSeconds(150));
        unread(reader, clientId).body("unreadCount", equalTo(2));
        unread(writer, clientId).body("unreadCount", equalTo(1));
        given().auth().oauth2(reader.accessToken()).queryParam("since", latest)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.kind", contains("NEWS_POST", "MEASUREMENT"))
                .body("items[0].id", equalTo(newPost.toString()));
    }

    @Test
    void read_marker_never_moves_back() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser writer = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.newsPost(clientId, writer.userId(), "Oud", START);
        String older = given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId).then().extract().path("latestCursor");
        dossier.newsPost(clientId, writer.userId(), "Nieuw", START.plusSeconds(60));
        String newer = given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId).then().extract().path("latestCursor");

        markRead(reader, clientId, newer).statusCode(204);
        markRead(reader, clientId, older).statusCode(204);

        unread(reader, clientId).body("unreadCount", equalTo(0)).body("readCursor", equalTo(newer));
    }

    @Test
    void invalid_read_marker_gets_400() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        markRead(reader, clientId, "geen-cursor").statusCode(400).body("type", equalTo("urn:clientapp:problem:invalid-cursor"));
        given().auth().oauth2(reader.accessToken()).contentType("application/json").body(Map.of())
                .when().put("/app/v1/clients/{client}/timeline/read-marker", clientId)
                .then().statusCode(400);
    }

    private static ValidatableResponse unread(SignedInUser member, UUID clientId) {
        return given().auth().oauth2(member.accessToken())
                .when().get("/app/v1/clients/{client}/timeline/unread", clientId)
                .then().statusCode(200);
    }

    private static ValidatableResponse markRead(SignedInUser member, UUID clientId, String cursor) {
        return given().auth().oauth2(member.accessToken()).contentType("application/json")
                .body(Map.of("cursor", cursor))
                .when().put("/app/v1/clients/{client}/timeline/read-marker", clientId)
                .then();
    }
}
