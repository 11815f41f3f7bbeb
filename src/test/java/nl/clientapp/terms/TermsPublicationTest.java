package nl.clientapp.terms;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.common.DutchTime;
import nl.clientapp.support.TestOutbox;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;

/**
 * Publication of terms versions by integrators: validation, the organisation boundary and the
 * e-mail that informs each user once of the date the new terms take effect.
 */
@QuarkusTest
class TermsPublicationTest {

    /** 15 March 2027, 11:00 in Amsterdam. */
    private static final Instant PUBLISHED_AT = Instant.parse("2027-03-15T10:00:00Z");

    @Inject
    TestIntegrators integrators;

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TermsRecords records;

    @Inject
    TestClock clock;

    @Inject
    TestOutbox outbox;

    @BeforeEach
    @AfterEach
    void resetClock() {
        // Tokens are checked against the system clock, so they are signed at the real time.
        clock.reset();
    }

    static Response publish(String token, String label, LocalDate effectiveDate) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("versionLabel", label, "text", "Gebruikersvoorwaarden CliëntApp, " + label, "effectiveDate",
                        effectiveDate.toString()))
                .post("/integration/v1/terms-versions");
    }

    @Test
    void publication_emails_each_member_once_in_their_language() {
        TestIntegrators.Credentials organisation = integrators.create();
        String token = organisation.accessToken();
        UUID mother = users.createClient(organisation.organisationId(), "Mevrouw Jansen").id;
        UUID father = users.createClient(organisation.organisationId(), "Meneer Jansen").id;
        SignedInUser daughter = users.memberOf(mother, Role.FULL_ACCESS_ADMIN);
        users.addMembership(daughter.userId(), father, Role.FULL_ACCESS);
        SignedInUser grandson = users.memberOf(father, Role.TIMELINE_ONLY);
        records.setLanguage(grandson.userId(), "en");
        SignedInUser former = users.memberOf(father, Role.FULL_ACCESS);
        dossier.endMembership(former.userId(), father);
        SignedInUser otherOrganisationsUser = users.memberOf(users.createClient("Meneer Smit").id, Role.FULL_ACCESS);
        clock.set(PUBLISHED_AT);

        publish(token, "april 2027", LocalDate.of(2027, 4, 1)).then().statusCode(201)
                .body("versionLabel", equalTo("april 2027"))
                .body("effectiveDate", equalTo("2027-04-01"));

        List<Mail> dutch = outbox.mailsTo(TermsRecords.emailOf(daughter.userId()));
        assertEquals(1, dutch.size(), "one e-mail for a user of two clients of the organisation");
        assertEquals("Nieuwe gebruikersvoorwaarden voor de CliëntApp", dutch.get(0).getSubject());
        assertTrue(dutch.get(0).getText().contains("De nieuwe voorwaarden gaan in op 1 april 2027."), dutch.get(0).getText());
        assertTrue(dutch.get(0).getText().contains("(versie april 2027)"), dutch.get(0).getText());
        List<Mail> english = outbox.mailsTo(TermsRecords.emailOf(grandson.userId()));
        assertEquals(1, english.size());
        assertEquals("New terms of use for the CliëntApp", english.get(0).getSubject());
        assertTrue(english.get(0).getText().contains("The new terms take effect on 1 April 2027."), english.get(0).getText());
        assertEquals(0, outbox.mailsTo(TermsRecords.emailOf(former.userId())).size(), "ended membership");
        assertEquals(0, outbox.mailsTo(TermsRecords.emailOf(otherOrganisationsUser.userId())).size(), "other organisation");
    }

    @Test
    void effective_date_in_past_is_rejected() {
        TestIntegrators.Credentials organisation = integrators.create();
        String token = organisation.accessToken();
        // 23:30 UTC on 15 March is 00:30 on 16 March in Amsterdam, so 15 March has passed there.
        clock.set(Instant.parse("2027-03-15T23:30:00Z"));

        publish(token, "te laat", LocalDate.of(2027, 3, 15)).then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:invalid-request"))
                .body("errors[0].field", equalTo("effectiveDate"))
                .body("errors[0].message", equalTo("De ingangsdatum mag niet voor vandaag (2027-03-16) liggen."));
        publish(token, "vandaag", LocalDate.of(2027, 3, 16)).then().statusCode(201);

        given().auth().oauth2(token).when().get("/integration/v1/terms-versions")
                .then().statusCode(200)
                .body("versionLabel", contains("vandaag"));
    }

    @Test
    void duplicate_label_or_effective_date_is_rejected() {
        String token = integrators.create().accessToken();
        clock.set(PUBLISHED_AT);
        publish(token, "april 2027", LocalDate.of(2027, 4, 1)).then().statusCode(201);

        publish(token, "april 2027", LocalDate.of(2027, 5, 1)).then().statusCode(409)
                .body("type", equalTo("urn:clientapp:problem:terms-version-exists"));
        publish(token, "april 2027 (2)", LocalDate.of(2027, 4, 1)).then().statusCode(409);
        publish(token, "mei 2027", LocalDate.of(2027, 5, 1)).then().statusCode(201);
    }

    @Test
    void text_longer_than_maximum_is_rejected() {
        String token = integrators.create().accessToken();

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("versionLabel", "lang", "text", "a".repeat(PublishTermsVersionRequest.MAX_TEXT_LENGTH + 1),
                        "effectiveDate", DutchTime.today(clock).plusDays(30).toString()))
                .post("/integration/v1/terms-versions")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("text"));
    }

    @Test
    void list_shows_only_own_organisations_versions_with_acceptances() {
        String token = integrators.create().accessToken();
        String otherToken = integrators.create().accessToken();
        clock.set(PUBLISHED_AT);
        publish(token, "april 2027", LocalDate.of(2027, 4, 1)).then().statusCode(201);
        publish(token, "juni 2027", LocalDate.of(2027, 6, 1)).then().statusCode(201);
        publish(otherToken, "mei 2027", LocalDate.of(2027, 5, 1)).then().statusCode(201);

        given().auth().oauth2(token).when().get("/integration/v1/terms-versions")
                .then().statusCode(200)
                .body("versionLabel", contains("juni 2027", "april 2027"))
                .body("acceptedCount", contains(0, 0))
                .body("[0].text", equalTo(null));
    }

    @Test
    void publishing_needs_terms_scope() {
        String token = integrators.create("fhir:write members:write").accessToken();

        publish(token, "april 2027", DutchTime.today(clock).plusDays(30)).then().statusCode(403);
        given().auth().oauth2(token).when().get("/integration/v1/terms-versions").then().statusCode(403);
    }
}
