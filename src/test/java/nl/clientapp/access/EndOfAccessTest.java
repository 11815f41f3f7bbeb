package nl.clientapp.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;

/**
 * Written termination requests and misuse blocks, registered by the integrator and applied by the
 * per-request check before the end-of-access job has run. Tokens are signed at the real time and
 * only the application clock moves, because SmallRye JWT checks expiry against the system clock.
 */
@QuarkusTest
class EndOfAccessTest {

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestDossier dossier;

    @Inject
    TestClock clock;

    @Inject
    EndOfAccessRecords records;

    @BeforeEach
    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void termination_ends_at_amsterdam_midnight_across_dst_start() {
        // Received 16 February 2026: access ends 30 March 2026 00:00 CEST, which is 29 March 22:00
        // UTC because daylight saving time started on 29 March.
        Organisation organisation = organisation();
        UUID clientId = organisation.client();
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        organisation.terminate(clientId, body(records.membershipId(reader.userId(), clientId), "2026-02-16", null))
                .then().statusCode(201)
                .body("accessEndDate", equalTo("2026-03-30"))
                .body("accessEndsAt", equalTo("2026-03-29T22:00:00Z"))
                .body("effectiveDate", nullValue());

        assertReadsAt(reader, clientId, Instant.parse("2026-03-29T21:59:00Z"), 200);
        assertReadsAt(reader, clientId, Instant.parse("2026-03-29T22:00:00Z"), 404);
    }

    @Test
    void termination_effective_date_earlier_than_six_weeks() {
        Organisation organisation = organisation();
        UUID clientId = organisation.client();
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        organisation.terminate(clientId, body(records.membershipId(reader.userId(), clientId), "2026-09-20", "2026-10-01"))
                .then().statusCode(201)
                .body("accessEndDate", equalTo("2026-10-01"))
                .body("accessEndsAt", equalTo("2026-09-30T22:00:00Z"));

        assertReadsAt(reader, clientId, Instant.parse("2026-09-30T21:59:00Z"), 200);
        assertReadsAt(reader, clientId, Instant.parse("2026-09-30T22:00:00Z"), 404);
    }

    @Test
    void termination_capped_at_six_weeks() {
        // Received 20 September 2026: at the latest 1 November 2026 00:00 CET, after the end of
        // daylight saving time on 25 October, so 31 October 23:00 UTC.
        Organisation organisation = organisation();
        UUID clientId = organisation.client();
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);

        organisation.terminate(clientId, body(records.membershipId(reader.userId(), clientId), "2026-09-20", "2026-12-01"))
                .then().statusCode(201)
                .body("effectiveDate", equalTo("2026-12-01"))
                .body("accessEndDate", equalTo("2026-11-01"))
                .body("accessEndsAt", equalTo("2026-10-31T23:00:00Z"));

        assertReadsAt(reader, clientId, Instant.parse("2026-10-31T22:59:00Z"), 200);
        assertReadsAt(reader, clientId, Instant.parse("2026-10-31T23:00:00Z"), 404);
    }

    @Test
    void termination_of_one_member_leaves_others() {
        Organisation organisation = organisation();
        UUID clientId = organisation.client();
        SignedInUser leaving = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser staying = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);

        organisation.terminate(clientId, body(records.membershipId(leaving.userId(), clientId), "2026-09-20", "2026-10-01"))
                .then().statusCode(201);

        assertReadsAt(leaving, clientId, Instant.parse("2026-10-02T10:00:00Z"), 404);
        assertReadsAt(staying, clientId, Instant.parse("2026-10-02T10:00:00Z"), 200);
    }

    @Test
    void termination_for_all_members_spares_later_members() {
        Organisation organisation = organisation();
        UUID clientId = organisation.client();
        SignedInUser first = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser second = users.memberOf(clientId, Role.TIMELINE_ONLY);

        Response response = organisation.terminate(clientId, body(null, "2026-09-20", "2026-10-01"));
        SignedInUser registeredLater = users.memberOf(clientId, Role.FULL_ACCESS);

        response.then().statusCode(201)
                .body("membershipIds", containsInAnyOrder(records.membershipId(first.userId(), clientId).toString(),
                        records.membershipId(second.userId(), clientId).toString()));
        clock.set(Instant.parse("2026-10-02T10:00:00Z"));
        given().auth().oauth2(first.accessToken()).get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(404);
        given().auth().oauth2(second.accessToken()).get("/app/v1/clients/{client}/timeline", clientId)
                .then().statusCode(404);
        given().auth().oauth2(registeredLater.accessToken()).get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(200);
    }

    @Test
    void termination_rejects_dates_in_wrong_order() {
        Organisation organisation = organisation();
        UUID clientId = organisation.client();
        users.memberOf(clientId, Role.FULL_ACCESS);
        String tomorrow = LocalDate.now(clock.withZone(nl.clientapp.common.DutchTime.ZONE)).plusDays(1).toString();

        organisation.terminate(clientId, body(null, "2026-09-20", "2026-09-19"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Ongeldige datum"));
        given().auth().oauth2(organisation.token()).contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(body(null, tomorrow, null))
                .post("/integration/v1/clients/{client}/termination-requests", clientId)
                .then().statusCode(400)
                .body("title", equalTo("Invalid date"))
                .body("detail", equalTo("receivedDate is in the future. Give the date the written request was received."));
        organisation.terminate(clientId, Map.of("effectiveDate", "2026-10-01"))
                .then().statusCode(400);
    }

    @Test
    void termination_of_other_organisations_client_not_found() {
        Organisation organisation = organisation();
        Organisation other = organisation();
        UUID otherClient = other.client();
        SignedInUser reader = users.memberOf(otherClient, Role.FULL_ACCESS);
        UUID ownClient = organisation.client();

        organisation.terminate(otherClient, body(null, "2026-09-20", null))
                .then().statusCode(404);
        organisation.terminate(ownClient, body(records.membershipId(reader.userId(), otherClient), "2026-09-20", null))
                .then().statusCode(404);
        assertReadsAt(reader, otherClient, Instant.parse("2026-12-01T10:00:00Z"), 200);
    }

    @Test
    void termination_needs_members_write_scope() {
        TestIntegrators.Credentials fhirOnly = integrators.create("fhir:write");
        UUID clientId = users.createClient(fhirOnly.organisationId(), "Mevrouw Bakker").id;

        given().auth().oauth2(fhirOnly.accessToken()).contentType(ContentType.JSON)
                .body(body(null, "2026-09-20", null))
                .post("/integration/v1/clients/{client}/termination-requests", clientId)
                .then().statusCode(403);
    }

    @Test
    void termination_idempotency_key_replays_response() {
        Organisation organisation = organisation();
        UUID clientId = organisation.client();
        users.memberOf(clientId, Role.FULL_ACCESS);
        String key = UUID.randomUUID().toString();

        Response first = organisation.terminate(clientId, key, body(null, "2026-09-20", "2026-10-01"));
        Response retry = organisation.terminate(clientId, key, body(null, "2026-09-20", "2026-10-01"));
        Response otherBody = organisation.terminate(clientId, key, body(null, "2026-09-21", "2026-10-01"));

        first.then().statusCode(201);
        retry.then().statusCode(201);
        assertEquals(first.asString(), retry.asString());
        otherBody.then().statusCode(422)
                .body("title", equalTo("Idempotency-Key al gebruikt"));
    }

    @Test
    void block_for_one_client_refuses_next_request() {
        Organisation organisation = organisation();
        UUID blockedClient = organisation.client();
        UUID otherClient = organisation.client();
        SignedInUser user = users.memberOf(blockedClient, Role.FULL_ACCESS_ADMIN);
        users.addMembership(user.userId(), otherClient, Role.FULL_ACCESS);
        given().auth().oauth2(user.accessToken()).get("/app/v1/clients/{client}/reports", blockedClient)
                .then().statusCode(200);

        organisation.block(user.userId(), Map.of("clientId", blockedClient.toString(), "reason", "Deelde rapportages op sociale media"))
                .then().statusCode(201)
                .body("clientId", equalTo(blockedClient.toString()));

        // The access token was issued before the block.
        given().auth().oauth2(user.accessToken()).get("/app/v1/clients/{client}/reports", blockedClient)
                .then().statusCode(404);
        given().auth().oauth2(user.accessToken()).get("/app/v1/clients/{client}/reports", otherClient)
                .then().statusCode(200);
        given().auth().oauth2(user.accessToken()).get("/app/v1/clients")
                .then().statusCode(200)
                .body("clientId", contains(otherClient.toString()));
        assertEquals(List.of("Deelde rapportages op sociale media"), records.blockReasons(user.userId()));
    }

    @Test
    void block_for_all_clients_refuses_every_client_of_organisation() {
        Organisation organisation = organisation();
        Organisation otherOrganisation = organisation();
        UUID first = organisation.client();
        UUID second = organisation.client();
        UUID elsewhere = otherOrganisation.client();
        SignedInUser user = users.memberOf(first, Role.FULL_ACCESS);
        users.addMembership(user.userId(), second, Role.TIMELINE_ONLY);
        users.addMembership(user.userId(), elsewhere, Role.FULL_ACCESS);

        organisation.block(user.userId(), Map.of("reason", "Misbruik van persoonsgegevens"))
                .then().statusCode(201)
                .body("clientId", nullValue());

        given().auth().oauth2(user.accessToken()).get("/app/v1/clients/{client}/reports", first)
                .then().statusCode(404);
        given().auth().oauth2(user.accessToken()).get("/app/v1/clients/{client}/timeline", second)
                .then().statusCode(404);
        given().auth().oauth2(user.accessToken()).get("/app/v1/clients/{client}/reports", elsewhere)
                .then().statusCode(200);
        given().auth().oauth2(user.accessToken()).get("/app/v1/clients")
                .then().statusCode(200)
                .body("clientId", contains(elsewhere.toString()));
    }

    @Test
    void lifted_block_restores_access() {
        Organisation organisation = organisation();
        Organisation otherOrganisation = organisation();
        UUID clientId = organisation.client();
        SignedInUser user = users.memberOf(clientId, Role.FULL_ACCESS);
        String blockId = organisation.block(user.userId(), Map.of("reason", "Misbruik"))
                .then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(user.accessToken()).get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(404);

        otherOrganisation.liftBlock(user.userId(), blockId).then().statusCode(404);
        organisation.liftBlock(user.userId(), blockId).then().statusCode(204);
        organisation.liftBlock(user.userId(), blockId).then().statusCode(404);

        given().auth().oauth2(user.accessToken()).get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(200);
    }

    @Test
    void block_of_non_member_not_found() {
        Organisation organisation = organisation();
        Organisation otherOrganisation = organisation();
        UUID ownClient = organisation.client();
        SignedInUser stranger = users.memberOf(otherOrganisation.client(), Role.FULL_ACCESS);

        organisation.block(stranger.userId(), Map.of("reason", "Misbruik"))
                .then().statusCode(404);
        organisation.block(stranger.userId(), Map.of("clientId", ownClient.toString(), "reason", "Misbruik"))
                .then().statusCode(404);
        organisation.block(UUID.randomUUID(), Map.of("reason", "Misbruik"))
                .then().statusCode(404);
        organisation.block(stranger.userId(), Map.of("reason", " "))
                .then().statusCode(400);
        assertEquals(List.of(), records.blockReasons(stranger.userId()));
    }

    @Test
    void reopened_care_keeps_access() {
        // Care ended on 20 September 2026 and would end access on 1 November 2026 00:00 CET.
        Instant afterFirstEnd = Instant.parse("2026-10-31T23:00:00Z");
        UUID reopened = users.createClient("Mevrouw Bakker").id;
        dossier.careRelationship(reopened, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 9, 20));
        dossier.careRelationship(reopened, LocalDate.of(2026, 10, 10), null);
        UUID endedLater = users.createClient("Meneer Smit").id;
        dossier.careRelationship(endedLater, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 9, 20));
        dossier.careRelationship(endedLater, LocalDate.of(2026, 10, 10), LocalDate.of(2026, 10, 20));
        SignedInUser reopenedReader = users.memberOf(reopened, Role.FULL_ACCESS);
        SignedInUser endedLaterReader = users.memberOf(endedLater, Role.FULL_ACCESS);

        assertReadsAt(reopenedReader, reopened, afterFirstEnd, 200);
        assertReadsAt(endedLaterReader, endedLater, afterFirstEnd, 200);
        // 20 October + 6 weeks: 1 December 2026 00:00 CET is 30 November 23:00 UTC.
        assertReadsAt(endedLaterReader, endedLater, Instant.parse("2026-11-30T22:59:00Z"), 200);
        assertReadsAt(endedLaterReader, endedLater, Instant.parse("2026-11-30T23:00:00Z"), 404);
    }

    private void assertReadsAt(SignedInUser reader, UUID clientId, Instant at, int expectedStatus) {
        clock.set(at);
        given().auth().oauth2(reader.accessToken())
                .when().get("/app/v1/clients/{client}/reports", clientId)
                .then().statusCode(expectedStatus);
    }

    private static Map<String, Object> body(UUID membershipId, String receivedDate, String effectiveDate) {
        Map<String, Object> body = new HashMap<>();
        if (membershipId != null) {
            body.put("membershipId", membershipId.toString());
        }
        body.put("receivedDate", receivedDate);
        if (effectiveDate != null) {
            body.put("effectiveDate", effectiveDate);
        }
        return body;
    }

    private Organisation organisation() {
        TestIntegrators.Credentials credentials = integrators.create();
        return new Organisation(credentials, credentials.accessToken());
    }

    /** A test organisation with its integrator's token. */
    private class Organisation {

        private final TestIntegrators.Credentials credentials;
        private final String token;

        Organisation(TestIntegrators.Credentials credentials, String token) {
            this.credentials = credentials;
            this.token = token;
        }

        String token() {
            return token;
        }

        UUID client() {
            return users.createClient(credentials.organisationId(), "Mevrouw Jansen").id;
        }

        Response terminate(UUID clientId, Map<String, Object> body) {
            return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/integration/v1/clients/{client}/termination-requests", clientId);
        }

        Response terminate(UUID clientId, String idempotencyKey, Map<String, Object> body) {
            return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                    .body(body)
                    .post("/integration/v1/clients/{client}/termination-requests", clientId);
        }

        Response liftBlock(UUID userId, String blockId) {
            return given().auth().oauth2(token).delete("/integration/v1/users/{user}/blocks/{block}", userId, blockId);
        }

        Response block(UUID userId, Map<String, Object> body) {
            return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/integration/v1/users/{user}/blocks", userId);
        }
    }
}
