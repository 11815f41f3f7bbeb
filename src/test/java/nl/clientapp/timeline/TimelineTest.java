package nl.clientapp.timeline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.clientapp.access.Role;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestDossier;

@QuarkusTest
class TimelineTest {

    private static final Instant START = Instant.parse("2026-04-01T09:00:00Z");

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Test
    void paging_returns_each_item_once_in_order() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        List<UUID> ids = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        // 130 items, three at a time share one occurred_at, so the id decides their order.
        for (int i = 0; i < 130; i++) {
            UUID id = UUID.randomUUID();
            Instant at = START.plusSeconds(60L * (i / 3));
            dossier.timelineItem(id, clientId, "NEWS_POST", at, reader.userId(), "Bericht " + i);
            ids.add(id);
            times.add(at);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        // PostgreSQL orders uuids by their bytes, as the lower-case hex strings sort.
        order.sort(Comparator.<Integer, Instant> comparing(times::get).thenComparing(i -> ids.get(i).toString()).reversed());
        List<String> expected = order.stream().map(i -> ids.get(i).toString()).toList();

        List<String> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(reader.accessToken()).queryParam("limit", 25);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/app/v1/clients/{client}/timeline", clientId)
                    .then().statusCode(200).header("Cache-Control", "no-store")
                    .extract().jsonPath();
            read.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);

        assertEquals(6, pages);
        assertEquals(expected, read);
    }

    @Test
    void report_and_measurement_items_embed_a_short_view() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        UUID report = dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen en ontbeten.", START);
        UUID measurement = dossier.measurement(clientId, "29463-7", "Gewicht", new BigDecimal("64.5"), "kg", START.plusSeconds(60));

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.kind", contains("MEASUREMENT", "REPORT"))
                .body("items[0].occurredAt", equalTo("2026-04-01T09:01:00Z"))
                .body("items[0].measurement.measurementId", equalTo(measurement.toString()))
                .body("items[0].measurement.name", equalTo("Gewicht"))
                .body("items[0].measurement.value", equalTo(64.5f))
                .body("items[0].measurement.unit", equalTo("kg"))
                .body("items[0].report", nullValue())
                .body("items[1].report.reportId", equalTo(report.toString()))
                .body("items[1].report.title", equalTo("Ochtendzorg"))
                .body("items[1].report.text", equalTo("Goed geslapen en ontbeten."));
    }

    @Test
    void small_pages_embed_their_own_views() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        UUID oldReport = dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", START);
        UUID measurement = dossier.measurement(clientId, "29463-7", "Gewicht", new BigDecimal("64.5"), "kg", START.plusSeconds(1));
        UUID moment = dossier.professionalPhotoMoment(clientId, "Schilderen", START.plusSeconds(2));
        UUID momentPhoto = dossier.photo(clientId, moment, reader.userId());
        UUID postWithPhoto = dossier.newsPost(clientId, reader.userId(), "Met foto", START.plusSeconds(3));
        UUID postPhoto = dossier.photo(clientId, postWithPhoto, reader.userId());
        UUID postWithoutPhoto = dossier.newsPost(clientId, reader.userId(), "Zonder foto", START.plusSeconds(4));
        UUID newReport = dossier.report(clientId, "CARE", "Avondzorg", "Rustige avond.", START.plusSeconds(5));

        // Pages of two, so every page contains items whose report, measurement or photos lie off the other pages.
        JsonPath first = timelinePage(reader, clientId, null);
        // Report and measurement items have their own ids, so those items are matched by kind and the embedded id.
        assertEquals(List.of("REPORT", "NEWS_POST"), first.getList("items.kind", String.class));
        assertEquals(newReport.toString(), first.getString("items[0].report.reportId"));
        assertEquals(postWithoutPhoto.toString(), first.getString("items[1].id"));
        assertEquals("Avondzorg", first.getString("items[0].report.title"));
        assertEquals("Rustige avond.", first.getString("items[0].report.text"));
        assertNull(first.get("items[0].photos"));
        assertNull(first.get("items[0].measurement"));
        assertEquals(List.of(), first.getList("items[1].photos"));
        assertNull(first.get("items[1].report"));

        JsonPath second = timelinePage(reader, clientId, first.getString("nextCursor"));
        assertEquals(List.of(postWithPhoto.toString(), moment.toString()), second.getList("items.id", String.class));
        assertEquals(List.of(postPhoto.toString()), second.getList("items[0].photos.id", String.class));
        assertEquals(List.of(momentPhoto.toString()), second.getList("items[1].photos.id", String.class));
        assertNull(second.get("items[1].report"));

        JsonPath third = timelinePage(reader, clientId, second.getString("nextCursor"));
        assertEquals(List.of("MEASUREMENT", "REPORT"), third.getList("items.kind", String.class));
        assertEquals(measurement.toString(), third.getString("items[0].measurement.measurementId"));
        assertNull(third.get("items[0].report"));
        assertNull(third.get("items[0].photos"));
        assertEquals(oldReport.toString(), third.getString("items[1].report.reportId"));
        assertEquals("Goed geslapen.", third.getString("items[1].report.text"));
        assertNull(third.get("items[1].measurement"));
        assertNull(third.getString("nextCursor"));

        // The same views when reading forward from the oldest item.
        UUID oldReportItem = UUID.fromString(third.getString("items[1].id"));
        JsonPath newer = given().auth().oauth2(reader.accessToken())
                .queryParam("since", new KeysetCursor(START, oldReportItem).encode()).queryParam("limit", 2)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("MEASUREMENT", "PHOTO_MOMENT"), newer.getList("items.kind", String.class));
        assertEquals(measurement.toString(), newer.getString("items[0].measurement.measurementId"));
        assertEquals("Gewicht", newer.getString("items[0].measurement.name"));
        assertEquals(moment.toString(), newer.getString("items[1].id"));
        assertEquals(List.of(momentPhoto.toString()), newer.getList("items[1].photos.id", String.class));
    }

    private static JsonPath timelinePage(SignedInUser reader, UUID clientId, String cursor) {
        var request = given().auth().oauth2(reader.accessToken()).queryParam("limit", 2);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void timeline_only_member_sees_news_posts_only() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser relative = users.memberOf(clientId, Role.TIMELINE_ONLY);
        SignedInUser writer = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.report(clientId, "CARE", "Ochtendzorg", "Dossiertekst", START);
        dossier.measurement(clientId, "29463-7", "Gewicht", new BigDecimal("64.5"), "kg", START.plusSeconds(1));
        dossier.professionalPhotoMoment(clientId, "Foto van de activiteit", START.plusSeconds(2));
        UUID post = dossier.newsPost(clientId, writer.userId(), "Zondag komen we op bezoek.", START.plusSeconds(3));

        given().auth().oauth2(relative.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.id", contains(post.toString()))
                .body("items[0].kind", equalTo("NEWS_POST"))
                .body("items[0].summary", equalTo("Zondag komen we op bezoek."));

        given().auth().oauth2(writer.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items", hasSize(4));
    }

    @Test
    void timeline_only_member_sees_new_news_posts_only() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser relative = users.memberOf(clientId, Role.TIMELINE_ONLY);
        SignedInUser writer = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID oldPost = dossier.newsPost(clientId, writer.userId(), "Oud bericht", START);
        String since = given().auth().oauth2(relative.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.id", contains(oldPost.toString()))
                .extract().path("latestCursor");
        dossier.report(clientId, "CARE", "Ochtendzorg", "Dossiertekst", START.plusSeconds(60));
        dossier.professionalPhotoMoment(clientId, "Foto van de activiteit", START.plusSeconds(120));
        UUID newPost = dossier.newsPost(clientId, writer.userId(), "Nieuw bericht", START.plusSeconds(180));

        given().auth().oauth2(relative.accessToken())
                .queryParam("since", since)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.id", contains(newPost.toString()));
    }

    @Test
    void since_returns_newer_items_oldest_first() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.newsPost(clientId, reader.userId(), "Oud bericht", START);
        String latest = given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .extract().path("latestCursor");
        UUID first = dossier.newsPost(clientId, reader.userId(), "Nieuw bericht", START.plusSeconds(60));
        UUID second = dossier.newsPost(clientId, reader.userId(), "Nieuwer bericht", START.plusSeconds(120));
        UUID third = dossier.newsPost(clientId, reader.userId(), "Nieuwste bericht", START.plusSeconds(180));

        String next = given().auth().oauth2(reader.accessToken())
                .queryParam("since", latest).queryParam("limit", 2)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.id", contains(first.toString(), second.toString()))
                .body("hasMore", equalTo(true))
                .extract().path("nextCursor");
        String last = given().auth().oauth2(reader.accessToken())
                .queryParam("since", next).queryParam("limit", 2)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items.id", contains(third.toString()))
                .body("hasMore", equalTo(false))
                .extract().path("nextCursor");

        given().auth().oauth2(reader.accessToken())
                .queryParam("since", last)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .body("items", empty())
                .body("nextCursor", equalTo(last));
    }

    @Test
    void cursor_and_since_together_are_rejected() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.newsPost(clientId, reader.userId(), "Bericht", START);
        String cursor = given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200)
                .extract().path("latestCursor");

        given().auth().oauth2(reader.accessToken())
                .header("Accept-Language", "en-GB,en;q=0.9")
                .queryParam("cursor", cursor).queryParam("since", cursor)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:cursor-and-since"))
                .body("detail", equalTo("Give either 'cursor' or 'since', not both."));
    }

    @Test
    void timeline_limit_101_is_rejected() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.TIMELINE_ONLY);

        given().auth().oauth2(reader.accessToken())
                .queryParam("limit", 101)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-limit"));
        given().auth().oauth2(reader.accessToken())
                .queryParam("limit", 100)
                .when().get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(200);
    }
}
