package nl.clientapp.terms;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.clientapp.access.Role;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.common.DutchTime;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestIntegrators;

/**
 * The terms gate: from 00:00 Europe/Amsterdam on a version's effective date, a user who has not
 * accepted it gets 403 terms-not-accepted on every app call except the exempt ones.
 *
 * <p>Daylight saving time starts on 28 March 2027, so 1 April 2027 starts at 31 March 22:00 UTC,
 * while 20 March 2027 starts at 19 March 23:00 UTC.
 */
@QuarkusTest
class TermsGateTest {

    private static final Instant PUBLISHED_AT = Instant.parse("2027-03-15T10:00:00Z");
    private static final LocalDate EFFECTIVE_DATE = LocalDate.of(2027, 4, 1);
    private static final Instant TAKES_EFFECT = Instant.parse("2027-03-31T22:00:00Z");
    private static final String TERMS_NOT_ACCEPTED = "urn:clientapp:problem:terms-not-accepted";

    @Inject
    TestIntegrators integrators;

    @Inject
    TestAppUsers users;

    @Inject
    TermsRecords records;

    @Inject
    TestClock clock;

    @Inject
    LoginFlow flow;

    @BeforeEach
    @AfterEach
    void resetClock() {
        // Tokens are checked against the system clock, so they are signed at the real time.
        clock.reset();
    }

    /** A client of a fresh organisation, a member of it and the organisation's integrator token. */
    private record Setup(String integratorToken, UUID clientId, SignedInUser member) {
    }

    private Setup setup() {
        TestIntegrators.Credentials organisation = integrators.create();
        UUID clientId = users.createClient(organisation.organisationId(), "Mevrouw Jansen").id;
        return new Setup(organisation.accessToken(), clientId, users.memberOf(clientId, Role.FULL_ACCESS));
    }

    private UUID publish(String integratorToken, String label, LocalDate effectiveDate) {
        return UUID.fromString(TermsPublicationTest.publish(integratorToken, label, effectiveDate)
                .then().statusCode(201)
                .extract().path("id"));
    }

    private static int reportsStatus(SignedInUser user, UUID clientId) {
        return given().auth().oauth2(user.accessToken())
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().extract().statusCode();
    }

    @ParameterizedTest
    @CsvSource({
            "2027-04-01, 2027-03-31T22:00:00Z", // summer time (UTC+2), after the change on 28 March
            "2027-03-20, 2027-03-19T23:00:00Z" // winter time (UTC+1)
    })
    void unaccepted_terms_block_from_amsterdam_midnight(LocalDate effectiveDate, Instant midnight) {
        Setup setup = setup();
        clock.set(PUBLISHED_AT);
        UUID versionId = publish(setup.integratorToken(), "nieuw", effectiveDate);

        clock.set(midnight.minusSeconds(60));
        assertEquals(200, reportsStatus(setup.member(), setup.clientId()), "the minute before the effective date");

        clock.set(midnight);
        given().auth().oauth2(setup.member().accessToken())
                .when().get("/app/v1/clients/{client}/reports", setup.clientId())
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(TERMS_NOT_ACCEPTED))
                .body("status", equalTo(403))
                .body("title", equalTo("Nieuwe gebruikersvoorwaarden"))
                .body("detail", equalTo("De gebruikersvoorwaarden van de CliëntApp zijn gewijzigd. Lees en accepteer de nieuwe voorwaarden in de app om verder te gaan."))
                .body("termsVersionId", equalTo(versionId.toString()));
    }

    @Test
    void unaccepted_terms_block_dossier_reads() {
        Setup setup = setup();
        clock.set(PUBLISHED_AT);
        publish(setup.integratorToken(), "april 2027", EFFECTIVE_DATE);
        clock.set(TAKES_EFFECT);

        for (String path : List.of("/app/v1/clients", "/app/v1/me", "/app/v1/clients/{client}/reports",
                "/app/v1/clients/{client}/measurements", "/app/v1/clients/{client}/care-plan", "/app/v1/clients/{client}/agenda",
                "/app/v1/clients/{client}/profile", "/app/v1/clients/{client}/network", "/app/v1/clients/{client}/documents",
                "/app/v1/clients/{client}/timeline")) {
            given().auth().oauth2(setup.member().accessToken())
                    .when().get(path.replace("{client}", setup.clientId().toString()))
                    .then().statusCode(403)
                    .body("type", equalTo(TERMS_NOT_ACCEPTED));
        }
    }

    @Test
    void problem_is_english_with_accept_language() {
        Setup setup = setup();
        clock.set(PUBLISHED_AT);
        publish(setup.integratorToken(), "april 2027", EFFECTIVE_DATE);
        clock.set(TAKES_EFFECT);

        given().auth().oauth2(setup.member().accessToken()).header("Accept-Language", "en")
                .when().get("/app/v1/clients")
                .then().statusCode(403)
                .header("Content-Language", "en")
                .body("title", equalTo("New terms of use"))
                .body("detail", equalTo("The terms of use of the CliëntApp have changed. Read and accept the new terms in the app to continue."));
    }

    @Test
    void terms_stay_readable_and_acceptance_lifts_the_block() {
        Setup setup = setup();
        clock.set(PUBLISHED_AT);
        UUID versionId = publish(setup.integratorToken(), "april 2027", EFFECTIVE_DATE);
        clock.set(TAKES_EFFECT);
        assertEquals(403, reportsStatus(setup.member(), setup.clientId()));

        given().auth().oauth2(setup.member().accessToken())
                .when().get("/app/v1/terms")
                .then().statusCode(200)
                .body("acceptanceRequired", equalTo(true))
                .body("organisations[0].current.id", equalTo(versionId.toString()))
                .body("organisations[0].current.text", equalTo("Gebruikersvoorwaarden CliëntApp, april 2027"))
                .body("organisations[0].current.accepted", equalTo(false))
                .body("organisations[0].upcoming", nullValue());
        Instant acceptedAt = TAKES_EFFECT.plusSeconds(90);
        clock.set(acceptedAt);
        given().auth().oauth2(setup.member().accessToken())
                .when().post("/app/v1/terms/{version}/acceptance", versionId)
                .then().statusCode(201)
                .body("termsVersionId", equalTo(versionId.toString()))
                .body("acceptedAt", equalTo(acceptedAt.toString()));

        assertEquals(200, reportsStatus(setup.member(), setup.clientId()));
        assertEquals(List.of(acceptedAt), records.acceptances(setup.member().userId(), versionId));
        given().auth().oauth2(setup.member().accessToken())
                .when().get("/app/v1/terms")
                .then().statusCode(200)
                .body("acceptanceRequired", equalTo(false))
                .body("organisations[0].current.accepted", equalTo(true))
                .body("organisations[0].current.acceptedAt", equalTo(acceptedAt.toString()));
    }

    @Test
    void repeated_acceptance_keeps_first_time() {
        Setup setup = setup();
        clock.set(PUBLISHED_AT);
        UUID versionId = publish(setup.integratorToken(), "april 2027", EFFECTIVE_DATE);
        clock.set(TAKES_EFFECT);
        given().auth().oauth2(setup.member().accessToken())
                .when().post("/app/v1/terms/{version}/acceptance", versionId)
                .then().statusCode(201);

        clock.set(TAKES_EFFECT.plusSeconds(3600));
        given().auth().oauth2(setup.member().accessToken())
                .when().post("/app/v1/terms/{version}/acceptance", versionId)
                .then().statusCode(200)
                .body("acceptedAt", equalTo(TAKES_EFFECT.toString()));

        assertEquals(List.of(TAKES_EFFECT), records.acceptances(setup.member().userId(), versionId));
    }

    @Test
    void upcoming_version_can_be_accepted_in_advance() {
        Setup setup = setup();
        clock.set(PUBLISHED_AT);
        UUID current = publish(setup.integratorToken(), "maart 2027", LocalDate.of(2027, 3, 15));
        UUID upcoming = publish(setup.integratorToken(), "april 2027", EFFECTIVE_DATE);
        given().auth().oauth2(setup.member().accessToken()).when().post("/app/v1/terms/{version}/acceptance", current)
                .then().statusCode(201);

        given().auth().oauth2(setup.member().accessToken())
                .when().get("/app/v1/terms")
                .then().statusCode(200)
                .body("acceptanceRequired", equalTo(false))
                .body("organisations[0].current.id", equalTo(current.toString()))
                .body("organisations[0].upcoming.id", equalTo(upcoming.toString()))
                .body("organisations[0].upcoming.effectiveDate", equalTo("2027-04-01"))
                .body("organisations[0].upcoming.accepted", equalTo(false));
        given().auth().oauth2(setup.member().accessToken()).when().post("/app/v1/terms/{version}/acceptance", upcoming)
                .then().statusCode(201);

        clock.set(TAKES_EFFECT);
        assertEquals(200, reportsStatus(setup.member(), setup.clientId()));
    }

    @Test
    void user_of_another_organisation_is_not_affected() {
        Setup setup = setup();
        Setup other = setup();
        clock.set(PUBLISHED_AT);
        UUID versionId = publish(setup.integratorToken(), "april 2027", EFFECTIVE_DATE);
        clock.set(TAKES_EFFECT);

        assertEquals(403, reportsStatus(setup.member(), setup.clientId()));
        assertEquals(200, reportsStatus(other.member(), other.clientId()));
        given().auth().oauth2(other.member().accessToken())
                .when().post("/app/v1/terms/{version}/acceptance", versionId)
                .then().statusCode(404);
        assertTrue(records.acceptances(other.member().userId(), versionId).isEmpty());
    }

    @Test
    void user_of_two_organisations_must_accept_both() {
        Setup first = setup();
        Setup second = setup();
        SignedInUser user = first.member();
        users.addMembership(user.userId(), second.clientId(), Role.FULL_ACCESS);
        clock.set(PUBLISHED_AT);
        UUID firstVersion = publish(first.integratorToken(), "april 2027", EFFECTIVE_DATE);
        UUID secondVersion = publish(second.integratorToken(), "voorjaar 2027", EFFECTIVE_DATE);
        clock.set(TAKES_EFFECT);

        given().auth().oauth2(user.accessToken()).when().post("/app/v1/terms/{version}/acceptance", firstVersion)
                .then().statusCode(201);
        given().auth().oauth2(user.accessToken())
                .when().get("/app/v1/clients/{client}/reports", first.clientId())
                .then().statusCode(403)
                .body("termsVersionId", equalTo(secondVersion.toString()));
        given().auth().oauth2(user.accessToken()).when().post("/app/v1/terms/{version}/acceptance", secondVersion)
                .then().statusCode(201);

        assertEquals(200, reportsStatus(user, first.clientId()));
        assertEquals(200, reportsStatus(user, second.clientId()));
    }

    @Test
    void revoked_session_gets_401_not_terms_problem() {
        Setup setup = setup();
        clock.set(PUBLISHED_AT);
        publish(setup.integratorToken(), "april 2027", EFFECTIVE_DATE);
        clock.set(TAKES_EFFECT);
        records.revokeSessions(setup.member().userId());

        assertEquals(401, reportsStatus(setup.member(), setup.clientId()));
    }

    @Test
    void login_refresh_and_logout_stay_open() {
        LoginFlow.ActivatedDevice device = flow.activatedDevice();
        LoginFlow.Invitee invitee = device.invitee();
        // Takes effect today, so the gate is active at the real time the tokens are checked against.
        publish(invitee.integratorToken(), "vandaag", DutchTime.today(clock));
        given().auth().oauth2(device.accessToken()).when().get("/app/v1/me")
                .then().statusCode(403)
                .body("type", equalTo(TERMS_NOT_ACCEPTED));

        String accessToken = flow.refresh(invitee, device.refreshToken()).then().statusCode(200).extract().path("accessToken");
        flow.pinLogin(device, device.pin()).then().statusCode(200);
        given().auth().oauth2(accessToken).when().get("/app/v1/terms")
                .then().statusCode(200)
                .body("acceptanceRequired", equalTo(true));
        given().auth().oauth2(accessToken).when().post("/app/v1/auth/logout")
                .then().statusCode(204);
    }

    @Test
    void exempt_paths_are_terms_auth_and_personal_data_rights() {
        assertFalse(TermsGate.isGated("/app/v1/terms"));
        assertFalse(TermsGate.isGated("/app/v1/terms/{versionId}/acceptance"));
        assertFalse(TermsGate.isGated("/app/v1/auth/logout"));
        assertFalse(TermsGate.isGated("/app/v1/me/export"));
        assertFalse(TermsGate.isGated("/app/v1/me/export/{exportId}"));
        assertFalse(TermsGate.isGated("/app/v1/me/erasure"));
        assertFalse(TermsGate.isGated("/app/v1/me/mobile-changes"));
        assertFalse(TermsGate.isGated("/app/v1/me/email-changes/{changeId}/confirmation"));
        assertFalse(TermsGate.isGated("/integration/v1/terms-versions"));
        assertTrue(TermsGate.isGated("/app/v1/me"));
        assertTrue(TermsGate.isGated("/app/v1/me/exports"));
        assertTrue(TermsGate.isGated("/app/v1/terms-history"));
        assertTrue(TermsGate.isGated("/app/v1/clients/{clientId}/reports"));
    }

    @Test
    void openapi_documents_terms_problem_on_gated_operations_only() {
        JsonPath document = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().jsonPath();

        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        int gated = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/app/")) {
                continue;
            }
            for (var operation : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.getValue().get("responses");
                Map<String, Object> forbidden = responses.getOrDefault("403", Map.of());
                boolean documented = String.valueOf(forbidden.get("description")).contains("terms-not-accepted")
                        && String.valueOf(forbidden.get("content")).contains("#/components/schemas/TermsNotAcceptedProblem");
                assertEquals(TermsGate.isGated(path.getKey()), documented, operation.getKey() + " " + path.getKey());
                gated += documented ? 1 : 0;
            }
        }
        assertTrue(gated >= 10, "gated app operations documented: " + gated);
    }
}
