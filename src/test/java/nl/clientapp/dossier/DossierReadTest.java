package nl.clientapp.dossier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;

@QuarkusTest
class DossierReadTest {

    private static final Instant MORNING = Instant.parse("2026-03-10T08:15:00Z");

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestClock clock;

    @Test
    void reports_are_listed_newest_first_with_their_sections() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID older = dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", MORNING);
        UUID newer = dossier.report(clientId, "WELLBEING", "Middagactiviteit", "Genoten van muziek.", MORNING.plusSeconds(3600));

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("items.id", contains(newer.toString(), older.toString()))
                .body("items[0].category", equalTo("WELLBEING"))
                .body("items[0].title", equalTo("Middagactiviteit"))
                .body("items[0].authorName", equalTo("Verpleegkundige J. de Vries"))
                .body("items[0].reportedAt", equalTo("2026-03-10T09:15:00Z"))
                .body("items[0].sections.code", contains("S", "P"))
                .body("items[0].sections[0].text", equalTo("Genoten van muziek."))
                .body("nextCursor", nullValue());
    }

    @Test
    void reports_are_filtered_by_category() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", MORNING);
        UUID treatment = dossier.report(clientId, "TREATMENT", "Fysiotherapie", "Loopt beter.", MORNING.plusSeconds(60));

        given().auth().oauth2(reader.accessToken())
                .queryParam("category", "TREATMENT")
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(200)
                .body("items.id", contains(treatment.toString()));
    }

    @Test
    void reports_are_paged_by_cursor() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID first = dossier.report(clientId, "CARE", "Eerste", "Tekst", MORNING);
        UUID second = dossier.report(clientId, "CARE", "Tweede", "Tekst", MORNING.plusSeconds(1));
        UUID third = dossier.report(clientId, "CARE", "Derde", "Tekst", MORNING.plusSeconds(2));

        String cursor = given().auth().oauth2(reader.accessToken())
                .queryParam("limit", 2)
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(200)
                .body("items.id", contains(third.toString(), second.toString()))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");

        given().auth().oauth2(reader.accessToken())
                .queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(200)
                .body("items.id", contains(first.toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void report_is_read_by_id() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID report = dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", MORNING);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/reports/{report}", clientId, report)
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("id", equalTo(report.toString()))
                .body("sections[0].title", equalTo("Subjectief"))
                .body("sections[1].text", equalTo("Morgen opnieuw bekijken."));
    }

    @Test
    void report_of_another_client_is_not_found() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        UUID otherClientId = users.createClient("Meneer Smit").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        UUID otherReport = dossier.report(otherClientId, "CARE", "Ochtendzorg", "Andere cliënt.", MORNING);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/reports/{report}", clientId, otherReport)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:not-found"));
    }

    @Test
    void limit_above_100_is_rejected() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        given().auth().oauth2(reader.accessToken())
                .queryParam("limit", 101)
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:invalid-limit"))
                .body("detail", equalTo("De parameter 'limit' moet een geheel getal van 1 tot en met 100 zijn."));

        given().auth().oauth2(reader.accessToken())
                .header("Accept-Language", "en")
                .queryParam("limit", 101)
                .when().get("/app/v1/clients/{client}/measurements", clientId)
                .then().statusCode(400)
                .body("detail", equalTo("The parameter 'limit' must be a whole number from 1 to 100."));
    }

    @Test
    void non_numeric_or_zero_limit_is_rejected() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        for (String limit : new String[] { "0", "-1", "twintig", "1e3" }) {
            given().auth().oauth2(reader.accessToken())
                    .queryParam("limit", limit)
                    .when().get("/app/v1/clients/{client}/documents", clientId)
                    .then().statusCode(400)
                    .body("type", equalTo("urn:clientapp:problem:invalid-limit"));
        }
    }

    @Test
    void invalid_cursor_is_rejected() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        String notAKey = java.util.Base64.getUrlEncoder().encodeToString("geen cursor".getBytes(StandardCharsets.UTF_8));

        for (String cursor : new String[] { "%%%", notAKey, "x".repeat(300) }) {
            given().auth().oauth2(reader.accessToken())
                    .queryParam("cursor", cursor)
                    .when().get("/app/v1/clients/{client}/reports", clientId)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:clientapp:problem:invalid-cursor"));
        }
    }

    @Test
    void unknown_report_category_is_rejected() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        given().auth().oauth2(reader.accessToken())
                .queryParam("category", "FINANCE")
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-category"));
    }

    @Test
    void measurements_are_filtered_by_code() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID weight = dossier.measurement(clientId, "29463-7", "Gewicht", new BigDecimal("64.5"), "kg", MORNING);
        dossier.measurement(clientId, "8310-5", "Temperatuur", new BigDecimal("37.2"), "Cel", MORNING.plusSeconds(60));
        UUID pressure = dossier.bloodPressure(clientId, MORNING.plusSeconds(120));

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/measurements", clientId)
                .then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].id", equalTo(pressure.toString()))
                .body("items[0].components.name", contains("Systolisch", "Diastolisch"))
                .body("items[0].components[0].value", equalTo(128))
                .body("items[2].id", equalTo(weight.toString()));

        given().auth().oauth2(reader.accessToken())
                .queryParam("code", "29463-7")
                .when().get("/app/v1/clients/{client}/measurements", clientId)
                .then().statusCode(200)
                .body("items.id", contains(weight.toString()))
                .body("items[0].name", equalTo("Gewicht"))
                .body("items[0].value", equalTo(64.5f))
                .body("items[0].unit", equalTo("kg"));
    }

    @Test
    void care_plan_groups_items_by_domain_and_kind() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        LocalDate start = LocalDate.of(2026, 2, 1);
        UUID plan = dossier.carePlanItem(clientId, "PLAN", "Mobiliteit", "Veilig lopen", start);
        UUID goal = dossier.carePlanItem(clientId, "GOAL", "Mobiliteit", "Zelfstandig naar de huiskamer", start);
        UUID activity = dossier.carePlanItem(clientId, "ACTIVITY", "Mobiliteit", "Dagelijks oefenen met rollator", start);
        UUID nutrition = dossier.carePlanItem(clientId, "GOAL", "Voeding", "Gewicht stabiel houden", start);
        UUID withoutDomain = dossier.carePlanItem(clientId, "ACTIVITY", null, "Wekelijks gesprek", start);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/care-plan", clientId)
                .then().statusCode(200)
                .body("domains.domain", contains("Mobiliteit", "Voeding", null))
                .body("domains[0].plans.id", contains(plan.toString()))
                .body("domains[0].goals.id", contains(goal.toString()))
                .body("domains[0].activities.id", contains(activity.toString()))
                .body("domains[0].plans[0].periodStart", equalTo("2026-02-01"))
                .body("domains[1].goals.id", contains(nutrition.toString()))
                .body("domains[2].activities.id", contains(withoutDomain.toString()));
    }

    @Test
    void agenda_uses_dutch_calendar_dates() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        // 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam (CET, UTC+1).
        UUID earlyOnSecond = dossier.appointment(clientId, "Bloedafname", Instant.parse("2026-03-01T23:30:00Z"));
        dossier.appointment(clientId, "Avondwandeling", Instant.parse("2026-03-01T22:30:00Z"));
        UUID laterOnThird = dossier.appointment(clientId, "Fysiotherapie", Instant.parse("2026-03-03T10:00:00Z"));
        dossier.appointment(clientId, "Kapper", Instant.parse("2026-03-03T23:00:00Z"));

        given().auth().oauth2(reader.accessToken())
                .queryParam("from", "2026-03-02").queryParam("to", "2026-03-03")
                .when().get("/app/v1/clients/{client}/agenda", clientId)
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("from", equalTo("2026-03-02"))
                .body("to", equalTo("2026-03-03"))
                .body("appointments.id", contains(earlyOnSecond.toString(), laterOnThird.toString()))
                .body("appointments[0].location", equalTo("Huiskamer De Linde"))
                .body("appointments[0].participants[0].role", equalTo("uitvoerder"))
                .body("truncated", equalTo(false));
    }

    @Test
    void agenda_defaults_to_four_weeks_from_dutch_today() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        // 22:30 UTC on 29 March 2026 is 00:30 on 30 March in Amsterdam (CEST, UTC+2).
        clock.set(Instant.parse("2026-03-29T22:30:00Z"));

        try {
            given().auth().oauth2(reader.accessToken())
                    .when().get("/app/v1/clients/{client}/agenda", clientId)
                    .then().statusCode(200)
                    .body("from", equalTo("2026-03-30"))
                    .body("to", equalTo("2026-04-27"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void agenda_rejects_invalid_dates_and_ranges() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        given().auth().oauth2(reader.accessToken())
                .queryParam("from", "02-03-2026")
                .when().get("/app/v1/clients/{client}/agenda", clientId)
                .then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-date"))
                .body("detail", equalTo("De parameter 'from' moet een datum zijn in de vorm JJJJ-MM-DD."));
        given().auth().oauth2(reader.accessToken())
                .queryParam("from", "2026-02-30")
                .when().get("/app/v1/clients/{client}/agenda", clientId)
                .then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-date"));
        given().auth().oauth2(reader.accessToken())
                .queryParam("from", "2026-01-01").queryParam("to", "2027-01-02")
                .when().get("/app/v1/clients/{client}/agenda", clientId)
                .then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-date-range"));
        given().auth().oauth2(reader.accessToken())
                .queryParam("from", "2026-03-02").queryParam("to", "2026-03-01")
                .when().get("/app/v1/clients/{client}/agenda", clientId)
                .then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-date-range"));
        given().auth().oauth2(reader.accessToken())
                .queryParam("from", "2026-01-01").queryParam("to", "2027-01-01")
                .when().get("/app/v1/clients/{client}/agenda", clientId)
                .then().statusCode(200);
    }

    @Test
    void profile_shows_personal_details_story_picture_and_care() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.personalDetails(clientId, LocalDate.of(1938, 5, 17), "{\"address\": {\"city\": \"Utrecht\"}, \"language\": \"nl\"}");
        dossier.profileSection(clientId, "LIFE_STORY", "Geboren in Zeeland, werkte veertig jaar als onderwijzeres.");
        dossier.profileSection(clientId, "OVERALL_PICTURE", "Sociaal, houdt van muziek, heeft hulp nodig bij lopen.");
        dossier.careRelationship(clientId, LocalDate.of(2024, 1, 15), null);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/profile", clientId)
                .then().statusCode(200)
                .body("displayName", equalTo("Mevrouw Bakker"))
                .body("birthDate", equalTo("1938-05-17"))
                .body("personalDetails.address.city", equalTo("Utrecht"))
                .body("myStory.text", equalTo("Geboren in Zeeland, werkte veertig jaar als onderwijzeres."))
                .body("beeldvorming.text", equalTo("Sociaal, houdt van muziek, heeft hulp nodig bij lopen."))
                .body("careRelationships[0].startDate", equalTo("2024-01-15"))
                .body("careRelationships[0].endDate", nullValue());
    }

    @Test
    void network_lists_relatives_and_professionals_apart() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID daughter = dossier.networkMember(clientId, "RELATIVE", "Anna Jansen", "dochter");
        UUID nurse = dossier.networkMember(clientId, "PROFESSIONAL", "Joris de Vries", "EVV");

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/network", clientId)
                .then().statusCode(200)
                .body("relatives.id", contains(daughter.toString()))
                .body("relatives[0].relation", equalTo("dochter"))
                .body("professionals.id", contains(nurse.toString()))
                .body("professionals[0].name", equalTo("Joris de Vries"));
    }

    @Test
    void documents_are_listed_and_downloaded_as_attachment() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        byte[] pdf = "%PDF-1.4 zorgplan".getBytes(StandardCharsets.US_ASCII);
        UUID document = dossier.document(clientId, "Zorgplan \"maart\"/2026 é\r\nX-Evil: 1", "application/pdf", pdf, MORNING);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/documents", clientId)
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("items.id", contains(document.toString()))
                .body("items[0].contentType", equalTo("application/pdf"))
                .body("items[0].sizeBytes", equalTo(pdf.length));

        byte[] downloaded = given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/documents/{document}/content", clientId, document)
                .then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", equalTo("attachment; filename=\"Zorgplan_maart_2026_X-Evil_1.pdf\"; filename*=UTF-8''Zorgplan_maart_2026_X-Evil_1.pdf"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .extract().asByteArray();

        assertArrayEquals(pdf, downloaded);
    }

    @Test
    void document_of_another_client_is_not_found() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        UUID otherClientId = users.createClient("Meneer Smit").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        UUID otherDocument = dossier.document(otherClientId, "Indicatie", "application/pdf", new byte[] { 1, 2 }, MORNING);

        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/documents/{document}/content", clientId, otherDocument)
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void client_list_shows_only_clients_with_current_access() {
        SignedInUser user = users.signedInUser();
        UUID followed = users.createClient("Mevrouw Bakker").id;
        UUID endedMembership = users.createClient("Meneer Smit").id;
        UUID careEndedLongAgo = users.createClient("Meneer de Boer").id;
        users.addMembership(user.userId(), followed, Role.FULL_ACCESS_ADMIN);
        users.addMembership(user.userId(), endedMembership, Role.FULL_ACCESS);
        users.addMembership(user.userId(), careEndedLongAgo, Role.TIMELINE_ONLY);
        dossier.endMembership(user.userId(), endedMembership);
        dossier.careRelationship(careEndedLongAgo, LocalDate.of(2020, 1, 1), LocalDate.of(2021, 1, 1));

        given().auth().oauth2(user.accessToken())
                .when().get("/app/v1/clients")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("clientId", contains(followed.toString()))
                .body("[0].displayName", equalTo("Mevrouw Bakker"))
                .body("[0].role", equalTo("FULL_ACCESS_ADMIN"))
                .body("[0].relation", equalTo("dochter"));
    }

    @Test
    void problem_responses_do_not_leak_internals() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        given().auth().oauth2(reader.accessToken())
                .queryParam("cursor", "%%%")
                .when().get("/app/v1/clients/{client}/measurements", clientId)
                .then().statusCode(400)
                .body(not(containsString("Exception")))
                .body(not(containsString("select")));
    }
}
