package nl.clientapp.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.clientapp.access.Role;
import nl.clientapp.common.DutchTime;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;

/** N3 access overview, the organisation's export (JSON and FHIR AuditEvent) and retention (N2). */
@QuarkusTest
class AccessLogTest {

    private static final String PROBLEM = "urn:clientapp:problem:";

    @Inject
    TestAppUsers users;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestDossier dossier;

    @Inject
    TestClock clock;

    @Inject
    AuditRecords records;

    @Inject
    AuditLog auditLog;

    @Inject
    AuditRetentionJob retentionJob;

    @Inject
    EntityManager entityManager;

    /** Starts at the real time, so tokens are valid, and resets after a test that moved the clock. */
    @BeforeEach
    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A client of an integrator's organisation with three recorded accesses one second apart. */
    record Scenario(TestIntegrators.Credentials integrator, String integratorToken, UUID clientId, SignedInUser admin,
            SignedInUser reader, SignedInUser stranger, Instant start) {
    }

    private Scenario scenario() {
        TestIntegrators.Credentials integrator = integrators.create();
        String integratorToken = integrator.accessToken();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Bakker").id;
        SignedInUser admin = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        SignedInUser reader = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser stranger = users.memberOf(users.createClient("Meneer Smit").id, Role.FULL_ACCESS_ADMIN);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        clock.set(start.plusSeconds(1));
        given().auth().oauth2(reader.accessToken()).get("/app/v1/clients/{clientId}/reports", clientId).then().statusCode(200);
        clock.set(start.plusSeconds(2));
        given().auth().oauth2(integratorToken).get("/integration/v1/clients/{clientId}/members", clientId).then().statusCode(200);
        clock.set(start.plusSeconds(3));
        // IDOR: a member of another client tries this client's id.
        given().auth().oauth2(stranger.accessToken()).get("/app/v1/clients/{clientId}/reports", clientId).then().statusCode(404);
        clock.set(start.plusSeconds(4));
        return new Scenario(integrator, integratorToken, clientId, admin, reader, stranger, start);
    }

    @Test
    void administrator_sees_who_accessed_newest_first_and_reading_is_audited() {
        Scenario scenario = scenario();

        JsonPath page = given().auth().oauth2(scenario.admin().accessToken()).header("Accept-Language", "en")
                .get("/app/v1/clients/{clientId}/access-log", scenario.clientId())
                .then().statusCode(200).header("Cache-Control", "no-store")
                .extract().jsonPath();

        assertEquals(3, page.getList("items").size());
        assertNull(page.get("nextCursor"));
        // Newest first: the refused attempt, the integrator, the member.
        assertEquals("DENIED", page.get("items[0].outcome"));
        assertEquals("Refused: Viewed reports", page.get("items[0].description"));
        assertEquals("APP_USER", page.get("items[0].actor.type"));
        assertEquals("Unknown app user", page.get("items[0].actor.name"));
        assertEquals("INTEGRATOR", page.get("items[1].actor.type"));
        assertEquals("Testorganisatie " + scenario.integrator().organisationId(), page.get("items[1].actor.name"));
        assertEquals("members.read", page.get("items[1].event"));
        assertEquals("Viewed who has access", page.get("items[1].description"));
        assertEquals("Test Gebruiker", page.get("items[2].actor.name"));
        assertEquals("dochter", page.get("items[2].actor.relation"));
        assertEquals("FULL_ACCESS", page.get("items[2].actor.role"));
        assertEquals("dossier.reports.read", page.get("items[2].event"));
        assertEquals("reports", page.get("items[2].objectType"));
        assertEquals(scenario.start().plusSeconds(1).toString(), page.get("items[2].occurredAt"));

        given().auth().oauth2(scenario.admin().accessToken())
                .get("/app/v1/clients/{clientId}/access-log", scenario.clientId())
                .then().statusCode(200)
                .body("items[0].event", equalTo("audit-log.read"))
                .body("items[0].description", equalTo("Toegangsoverzicht bekeken"))
                .body("items[0].actor.role", equalTo("FULL_ACCESS_ADMIN"));
    }

    @Test
    void overview_pages_and_filters_by_period() {
        Scenario scenario = scenario();
        String token = scenario.admin().accessToken();
        UUID clientId = scenario.clientId();

        JsonPath first = given().auth().oauth2(token).queryParam("limit", 2)
                .get("/app/v1/clients/{clientId}/access-log", clientId).then().statusCode(200).extract().jsonPath();
        assertEquals(2, first.getList("items").size());
        String cursor = first.get("nextCursor");
        assertNotNull(cursor);
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", cursor)
                .queryParam("to", scenario.start().plusSeconds(4).toString())
                .get("/app/v1/clients/{clientId}/access-log", clientId)
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].event", equalTo("dossier.reports.read"))
                .body("nextCursor", nullValue());

        // Instants: from included, to excluded.
        given().auth().oauth2(token)
                .queryParam("from", scenario.start().plusSeconds(2).toString())
                .queryParam("to", scenario.start().plusSeconds(3).toString())
                .get("/app/v1/clients/{clientId}/access-log", clientId)
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].actor.type", equalTo("INTEGRATOR"));

        // Dates are days in Europe/Amsterdam, to included.
        LocalDate day = scenario.start().plusSeconds(1).atZone(DutchTime.ZONE).toLocalDate();
        given().auth().oauth2(token).queryParam("from", day.toString()).queryParam("to", day.plusDays(1).toString())
                .get("/app/v1/clients/{clientId}/access-log", clientId)
                .then().statusCode(200).body("items.event", org.hamcrest.Matchers.hasItem("dossier.reports.read"));
        given().auth().oauth2(token).queryParam("to", day.minusDays(1).toString())
                .get("/app/v1/clients/{clientId}/access-log", clientId)
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void invalid_parameters_answer_400_and_change_nothing() {
        Scenario scenario = scenario();
        String token = scenario.admin().accessToken();
        int before = records.entries(scenario.clientId()).size();

        for (Map<String, String> parameters : List.of(Map.of("from", "gisteren"), Map.of("from", "2026-03-10", "to", "2026-03-09"),
                Map.of("to", "2026-13-01"), Map.of("from", "x".repeat(200)))) {
            given().auth().oauth2(token).queryParams(parameters)
                    .get("/app/v1/clients/{clientId}/access-log", scenario.clientId())
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEM + "invalid-period"));
        }
        given().auth().oauth2(token).queryParam("limit", 101)
                .get("/app/v1/clients/{clientId}/access-log", scenario.clientId())
                .then().statusCode(400).body("type", equalTo(PROBLEM + "invalid-limit"));
        assertEquals(before, records.entries(scenario.clientId()).size());
    }

    @Test
    void the_client_themself_may_read_it_other_members_get_404_and_a_denied_entry() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser client = users.memberOf(clientId, Role.FULL_ACCESS);
        SignedInUser relative = users.memberOf(clientId, Role.FULL_ACCESS);
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update membership set basis = 'CLIENT' where user_id = :user and client_id = :client")
                .setParameter("user", client.userId()).setParameter("client", clientId).executeUpdate());

        given().auth().oauth2(client.accessToken()).get("/app/v1/clients/{clientId}/access-log", clientId).then().statusCode(200);
        clock.advance(Duration.ofSeconds(1));
        given().auth().oauth2(relative.accessToken()).get("/app/v1/clients/{clientId}/access-log", clientId)
                .then().statusCode(404).body("type", equalTo(PROBLEM + "not-found"));

        List<Object[]> entries = records.entries(clientId);
        assertEquals(2, entries.size());
        assertEquals("SUCCESS", entries.get(0)[2]);
        assertEquals(client.userId().toString(), entries.get(0)[4]);
        assertEquals("DENIED", entries.get(1)[2]);
        assertEquals(relative.userId().toString(), entries.get(1)[4]);
        assertEquals("FULL_ACCESS", entries.get(1)[5]);
    }

    @Test
    void organisation_exports_json_with_all_fields_and_the_export_is_recorded() {
        Scenario scenario = scenario();
        String otherToken = integrators.create().accessToken();

        JsonPath export = given().auth().oauth2(scenario.integratorToken())
                .get("/integration/v1/clients/{clientId}/audit-log", scenario.clientId())
                .then().statusCode(200).header("Cache-Control", "no-store")
                .extract().jsonPath();
        assertEquals(3, export.getList("items").size());
        assertEquals("dossier.reports.read", export.get("items[2].event"));
        assertEquals(scenario.reader().userId().toString(), export.get("items[2].actorId"));
        assertEquals(scenario.reader().sessionId().toString(), export.get("items[2].sessionId"));
        assertEquals(scenario.clientId().toString(), export.get("items[2].clientId"));
        assertNotNull(export.get("items[2].clientIp"));
        assertEquals("Test Gebruiker", export.get("items[2].actorName"));

        clock.advance(Duration.ofSeconds(1));
        given().auth().oauth2(otherToken).get("/integration/v1/clients/{clientId}/audit-log", scenario.clientId())
                .then().statusCode(404);

        List<Object[]> entries = records.entries(scenario.clientId());
        Object[] exported = entries.get(entries.size() - 2);
        assertEquals("audit-log.export", exported[0]);
        assertEquals("EXPORT", exported[1]);
        assertEquals("SUCCESS", exported[2]);
        assertEquals("INTEGRATOR", exported[3]);
        assertEquals("audit:read", exported[5]);
        Object[] denied = entries.get(entries.size() - 1);
        assertEquals("audit-log.export", denied[0]);
        assertEquals("DENIED", denied[2]);
    }

    @Test
    void organisation_exports_fhir_audit_events() {
        Scenario scenario = scenario();
        String body = given().auth().oauth2(scenario.integratorToken()).queryParam("limit", 2)
                .get("/integration/v1/clients/{clientId}/audit-log/fhir", scenario.clientId())
                .then().statusCode(200).contentType("application/fhir+json")
                .extract().asString();

        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, body);
        assertEquals(Bundle.BundleType.SEARCHSET, bundle.getType());
        assertEquals(2, bundle.getEntry().size());
        assertTrue(bundle.getLink("next").getUrl().contains("cursor="), bundle.getLink("next").getUrl());

        AuditEvent denied = (AuditEvent) bundle.getEntry().get(0).getResource();
        assertEquals("110110", denied.getType().getCode());
        assertEquals(AuditEvent.AuditEventOutcome._4, denied.getOutcome());
        assertEquals(AuditEvent.AuditEventAction.R, denied.getAction());
        assertEquals(scenario.stranger().userId().toString(), denied.getAgentFirstRep().getWho().getIdentifier().getValue());

        AuditEvent integratorRead = (AuditEvent) bundle.getEntry().get(1).getResource();
        assertEquals("members.read", integratorRead.getSubtypeFirstRep().getCode());
        AuditEvent.AuditEventAgentComponent agent = integratorRead.getAgentFirstRep();
        assertEquals("Testorganisatie " + scenario.integrator().organisationId(), agent.getWho().getDisplay());
        assertEquals("members:write", agent.getRoleFirstRep().getCodingFirstRep().getCode());
        assertNotNull(agent.getNetwork().getAddress());
        assertEquals("Patient/test-" + scenario.clientId(), integratorRead.getEntityFirstRep().getWhat().getReference());
        assertEquals("members", integratorRead.getEntity().get(1).getName());
    }

    @Test
    void retention_below_five_years_is_refused() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        for (Object years : List.of(4, 0, -1, 101)) {
            given().auth().oauth2(token).contentType("application/json").body(Map.of("maxRetentionYears", years))
                    .put("/integration/v1/audit-retention")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(token).get("/integration/v1/audit-retention").then().statusCode(200).body("maxRetentionYears", nullValue());
        given().auth().oauth2(token).contentType("application/json").body(Map.of("maxRetentionYears", 7))
                .put("/integration/v1/audit-retention").then().statusCode(200).body("maxRetentionYears", equalTo(7));
        given().auth().oauth2(token).get("/integration/v1/audit-retention").then().statusCode(200).body("maxRetentionYears", equalTo(7));
        given().auth().oauth2(token).delete("/integration/v1/audit-retention").then().statusCode(204);
        given().auth().oauth2(token).get("/integration/v1/audit-retention").then().statusCode(200).body("maxRetentionYears", nullValue());
    }

    @Test
    void retention_job_removes_only_entries_past_the_configured_maximum() {
        Instant now = databaseNow();
        TestIntegrators.Credentials integrator = integrators.create();
        UUID clientId = users.createClient(integrator.organisationId(), "Mevrouw Oud").id;
        TestIntegrators.Credentials unconfigured = integrators.create();
        UUID keptClientId = users.createClient(unconfigured.organisationId(), "Meneer Oud").id;
        for (UUID id : List.of(clientId, keptClientId)) {
            writeEntryAt(id, "eight-years", now.minus(Duration.ofDays(8 * 366)));
            writeEntryAt(id, "six-and-a-half-years", now.minus(Duration.ofDays(6 * 365 + 180)));
            writeEntryAt(id, "four-years", now.minus(Duration.ofDays(4 * 365)));
        }
        // Tokens are signed with the test clock, so sign them near the real time.
        clock.set(now);
        given().auth().oauth2(integrator.accessToken()).contentType("application/json").body(Map.of("maxRetentionYears", 7))
                .put("/integration/v1/audit-retention").then().statusCode(200);

        retentionJob.removeExpiredEntries();
        assertEquals(List.of("six-and-a-half-years", "four-years"), objectIds(clientId));
        // Without a setting nothing is removed.
        assertEquals(List.of("eight-years", "six-and-a-half-years", "four-years"), objectIds(keptClientId));

        given().auth().oauth2(integrator.accessToken()).contentType("application/json").body(Map.of("maxRetentionYears", 5))
                .put("/integration/v1/audit-retention").then().statusCode(200);
        // However far the clock runs ahead, nothing younger than 5 years by the database's time goes.
        clock.set(now.plus(Duration.ofDays(20 * 365)));
        retentionJob.removeExpiredEntries();
        assertEquals(List.of("four-years"), objectIds(clientId));
        assertEquals(3, objectIds(keptClientId).size());
    }

    private void writeEntryAt(UUID clientId, String objectId, Instant at) {
        clock.set(at);
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(new AuditEntry("dossier.reports.read", AuditAction.READ,
                AuditOutcome.SUCCESS, ActorType.SYSTEM, "retention-test", null, clientId, null, "reports", objectId, null, null)));
    }

    private List<String> objectIds(UUID clientId) {
        return records.entries(clientId).stream().map(entry -> (String) entry[9]).toList();
    }

    private Instant databaseNow() {
        return QuarkusTransaction.requiringNew().call(() -> ((java.time.OffsetDateTime) entityManager
                .createNativeQuery("select now()", java.time.OffsetDateTime.class).getSingleResult()).toInstant());
    }
}
