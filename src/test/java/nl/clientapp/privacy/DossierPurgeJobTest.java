package nl.clientapp.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.fhir.FhirFixtures;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;

@QuarkusTest
class DossierPurgeJobTest {

    /** The default period, {@code clientapp.privacy.dossier-purge.after}. */
    private static final Duration AFTER = Duration.ofDays(90);

    private static final List<String> CLIENT_TABLES = List.of("report", "measurement", "care_plan_item", "appointment",
            "network_member", "document", "profile_section", "care_relationship", "timeline_item");

    @Inject
    DossierPurgeJob job;

    @Inject
    TestClock clock;

    @Inject
    TestAppUsers users;

    @Inject
    TestDossier dossier;

    @Inject
    TestIntegrators integrators;

    @Inject
    LoginFlow login;

    @Inject
    PrivacyRecords records;

    @Inject
    PrivacyFootprint footprints;

    @BeforeEach
    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void ended_client_is_purged_once_with_audit_entry() {
        UUID clientId = clientWithDossier();
        TestAppUsers.SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.endMembership(member.userId(), clientId);
        UUID membershipId = users.membership(member.userId(), clientId).id;
        clock.advance(AFTER.plusHours(1));

        job.purgeDueClients();
        job.purgeDueClients();

        for (String table : CLIENT_TABLES) {
            assertEquals(0, records.count("select count(*) from " + table + " where client_id = ?1", clientId), table);
        }
        assertEquals(0, records.count("select count(*) from fhir_resource r join client c on c.organisation_id = r.organisation_id "
                + "where c.id = ?1 and (r.patient_ref = 'Patient/' || c.fhir_patient_id or r.resource_id = c.fhir_patient_id)", clientId));
        Object[] client = records.rows("select display_name, birth_date, cast(personal_details as text) from client where id = ?1",
                clientId).get(0);
        assertEquals("", client[0]);
        assertEquals(null, client[1]);
        assertEquals("{}", client[2]);
        List<Object[]> entries = records.auditEntries(DossierPurgeJob.AUDIT_EVENT, clientId);
        assertEquals(1, entries.size());
        assertEquals("DELETE", entries.get(0)[0]);
        assertEquals("SYSTEM", entries.get(0)[1]);
        assertEquals(DossierPurgeJob.ACTOR, entries.get(0)[2]);
        assertEquals(1, records.count("select count(*) from membership where id = ?1", membershipId), "memberships stay");
    }

    @Test
    void purge_removes_the_client_s_chat_photos_and_read_markers() {
        LoginFlow.ActivatedDevice device = login.activatedDevice();
        LoginFlow.Invitee me = device.invitee();
        PrivacyFootprint.Footprint purged = footprints.create(me.clientId(), me.userId(), me.email(), device.accessToken());
        UUID photoMoment = dossier.professionalPhotoMoment(me.clientId(), "Uitje naar het bos", Instant.now());
        UUID importedPhoto = dossier.photo(me.clientId(), photoMoment, null);
        LoginFlow.ActivatedDevice keptDevice = login.activatedDevice();
        LoginFlow.Invitee keeper = keptDevice.invitee();
        PrivacyFootprint.Footprint kept = footprints.create(keeper.clientId(), keeper.userId(), keeper.email(), keptDevice.accessToken());
        List<UUID> purgedPhotos = List.of(purged.postedPhotoId(), purged.unusedUploadId(), importedPhoto);
        dossier.endMembership(me.userId(), me.clientId());
        clock.advance(AFTER.plusHours(1));

        job.purgeDueClients();

        UUID clientId = me.clientId();
        assertEquals(0, records.count("select count(*) from chat_thread where client_id = ?1", clientId), "chat threads");
        assertEquals(0, records.count("select count(*) from chat_message where client_id = ?1", clientId), "chat messages");
        assertEquals(0, records.count("select count(*) from chat_message_read where message_id = ?1", purged.answerId()),
                "chat read marks");
        assertEquals(0, records.count("select count(*) from photo where client_id = ?1", clientId), "photo rows");
        for (UUID photo : purgedPhotos) {
            assertEquals(0, records.count("select count(*) from photo_blob where photo_id = ?1", photo), "photo bytes " + photo);
        }
        assertEquals(0, records.count("select count(*) from timeline_read_marker where membership_id = ?1", me.membershipId()),
                "timeline read marker");
        assertEquals(1, records.auditEntries(DossierPurgeJob.AUDIT_EVENT, clientId).size());

        UUID keptClient = keeper.clientId();
        assertEquals(1, records.count("select count(*) from chat_thread where id = ?1", kept.threadId()));
        assertEquals(1, records.count("select count(*) from chat_message_read where message_id = ?1", kept.answerId()));
        assertEquals(2, records.count("select count(*) from photo where client_id = ?1", keptClient));
        assertEquals(2, records.count("select count(*) from photo_blob where photo_id = ?1", kept.postedPhotoId()));
        assertEquals(1, records.count("select count(*) from timeline_read_marker where membership_id = ?1", keeper.membershipId()));
    }

    @Test
    void client_with_active_or_invited_member_is_kept() {
        UUID activeClient = clientWithDossier();
        TestAppUsers.SignedInUser ended = users.memberOf(activeClient, Role.FULL_ACCESS_ADMIN);
        dossier.endMembership(ended.userId(), activeClient);
        users.memberOf(activeClient, Role.FULL_ACCESS);
        LoginFlow.Invitee invitee = login.invite();
        UUID invitedClient = invitee.clientId();
        dossier.report(invitedClient, "CARE", "Ochtendzorg", "Goed geslapen.", Instant.now());
        TestAppUsers.SignedInUser endedAtInvitedClient = users.memberOf(invitedClient, Role.FULL_ACCESS);
        dossier.endMembership(endedAtInvitedClient.userId(), invitedClient);
        UUID neverMembers = clientWithDossier();
        clock.advance(AFTER.plusDays(400));

        job.purgeDueClients();

        for (UUID clientId : List.of(activeClient, invitedClient, neverMembers)) {
            assertEquals(1, records.count("select count(*) from report where client_id = ?1", clientId), "reports of " + clientId);
            assertEquals(0, records.auditEntries(DossierPurgeJob.AUDIT_EVENT, clientId).size());
        }
    }

    @Test
    void client_is_kept_until_the_period_has_passed() {
        UUID clientId = clientWithDossier();
        TestAppUsers.SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.endMembership(member.userId(), clientId);
        clock.advance(AFTER.minusHours(1));

        job.purgeDueClients();

        assertEquals(1, records.count("select count(*) from report where client_id = ?1", clientId));
        clock.advance(Duration.ofHours(2));
        job.purgeDueClients();
        assertEquals(0, records.count("select count(*) from report where client_id = ?1", clientId));
    }

    @Test
    void purged_client_can_be_imported_again() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, "nl-core-Patient-01").then().statusCode(201);
        put(token, "nl-core-BodyWeight-01").then().statusCode(201);
        putDocument(token);
        UUID clientId = (UUID) records.value("select id from client where organisation_id = ?1 and fhir_patient_id = ?2",
                integrator.organisationId(), "nl-core-Patient-01");
        String displayName = (String) records.value("select display_name from client where id = ?1", clientId);
        TestAppUsers.SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        dossier.endMembership(member.userId(), clientId);
        clock.advance(AFTER.plusDays(1));
        job.purgeDueClients();
        assertEquals(0, records.count("select count(*) from measurement where client_id = ?1", clientId));
        assertEquals(0, records.count("select count(*) from document where client_id = ?1", clientId));
        assertEquals(0, records.count("select count(*) from fhir_resource where organisation_id = ?1", integrator.organisationId()),
                "stored resources, the Binary of the document included");
        clock.reset();

        put(token, "nl-core-Patient-01").then().statusCode(201);
        put(token, "nl-core-BodyWeight-01").then().statusCode(201);
        putDocument(token);

        assertEquals(1, records.count("select count(*) from measurement where client_id = ?1", clientId));
        assertEquals(1, records.count("select count(*) from document d join document_content c on c.document_id = d.id "
                + "where d.client_id = ?1", clientId));
        assertEquals(1, records.count("select count(*) from timeline_item where client_id = ?1", clientId));
        assertNotEquals("", displayName);
        assertEquals(displayName, records.value("select display_name from client where id = ?1", clientId));
        TestAppUsers.SignedInUser newMember = users.memberOf(clientId, Role.FULL_ACCESS);
        given().auth().oauth2(newMember.accessToken()).get("/app/v1/clients/{id}/measurements", clientId)
                .then().statusCode(200);
    }

    @Test
    void later_ended_membership_purges_again() {
        UUID clientId = clientWithDossier();
        TestAppUsers.SignedInUser first = users.memberOf(clientId, Role.FULL_ACCESS);
        dossier.endMembership(first.userId(), clientId);
        clock.advance(AFTER.plusDays(1));
        job.purgeDueClients();
        dossier.report(clientId, "CARE", "Na heropname", "Weer thuis.", Instant.now());

        job.purgeDueClients();
        assertEquals(1, records.count("select count(*) from report where client_id = ?1", clientId),
                "re-imported data waits for a membership that ends later");

        TestAppUsers.SignedInUser second = users.memberOf(clientId, Role.FULL_ACCESS);
        clock.advance(Duration.ofMinutes(1));
        records.update("update membership set status = 'ENDED', ended_at = ?1 where user_id = ?2",
                Timestamp.from(clock.instant()), second.userId());
        clock.advance(AFTER.plusDays(1));
        job.purgeDueClients();

        assertEquals(0, records.count("select count(*) from report where client_id = ?1", clientId));
        assertEquals(2, records.auditEntries(DossierPurgeJob.AUDIT_EVENT, clientId).size());
    }

    @Test
    void parallel_runs_purge_each_client_once() throws Exception {
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < 2 * DossierPurgeJob.BATCH_SIZE + 3; i++) {
            UUID clientId = users.createClient("Mevrouw Bakker").id;
            dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", Instant.now());
            TestAppUsers.SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
            dossier.endMembership(member.userId(), clientId);
            clients.add(clientId);
        }
        clock.advance(AFTER.plusDays(1));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> run = job::purgeDueClients;
            for (Future<Integer> result : pool.invokeAll(List.of(run, run, run, run))) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }

        for (UUID clientId : clients) {
            assertEquals(1, records.auditEntries(DossierPurgeJob.AUDIT_EVENT, clientId).size(), "purge entries of " + clientId);
            assertEquals(0, records.count("select count(*) from report where client_id = ?1", clientId));
        }
    }

    /** Creates a client with a row in every read-model table and a stored Patient and Observation. */
    private UUID clientWithDossier() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        Instant now = Instant.now();
        dossier.report(clientId, "CARE", "Ochtendzorg", "Goed geslapen.", now);
        dossier.measurement(clientId, "29463-7", "Gewicht", BigDecimal.TEN, "kg", now);
        dossier.carePlanItem(clientId, "GOAL", "Mobiliteit", "Zelf lopen", LocalDate.now());
        dossier.appointment(clientId, "Fysiotherapie", now.plusSeconds(86_400));
        dossier.networkMember(clientId, "RELATIVE", "Kees Bakker", "zoon");
        dossier.document(clientId, "Zorgplan", "application/pdf", new byte[] { 37, 80, 68, 70 }, now);
        dossier.profileSection(clientId, "LIFE_STORY", "Geboren in Zwolle.");
        dossier.careRelationship(clientId, LocalDate.of(2023, 1, 1), null);
        dossier.personalDetails(clientId, LocalDate.of(1940, 5, 1), "{\"gender\": \"female\"}");
        records.update("""
                insert into fhir_resource (id, organisation_id, resource_type, resource_id, version_id, content, content_hash,
                                           patient_ref, source, received_at)
                select gen_random_uuid(), c.organisation_id, t.type, t.id, 1, '{}'::jsonb, 'hash', t.ref, 'test', now()
                  from client c
                 cross join lateral (values ('Patient', c.fhir_patient_id, 'Patient/' || c.fhir_patient_id),
                                            ('Observation', 'obs-' || c.id, 'Patient/' || c.fhir_patient_id)) as t(type, id, ref)
                 where c.id = ?1""", clientId);
        return clientId;
    }

    /** Imports a DocumentReference of the example patient whose content is a separate Binary. */
    private static void putDocument(String token) {
        Binary binary = new Binary().setContentType("application/pdf")
                .setData("%PDF-1.4 ontslagbrief".getBytes(StandardCharsets.US_ASCII));
        binary.setId("letter-1");
        DocumentReference letter = new DocumentReference().setStatus(Enumerations.DocumentReferenceStatus.CURRENT)
                .setSubject(new Reference("Patient/nl-core-Patient-01"))
                .setDescription("Ontslagbrief");
        letter.setId("letter-1");
        letter.addContent().getAttachment().setContentType("application/pdf").setUrl("Binary/letter-1");
        for (Resource resource : List.of(letter, binary)) {
            given().auth().oauth2(token).contentType("application/fhir+json; charset=UTF-8")
                    .body(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource))
                    .when().put("/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                    .then().statusCode(201);
        }
    }

    private static Response put(String token, String fixtureName) {
        FhirFixtures.Fixture fixture = FhirFixtures.nictiz(fixtureName);
        return given().auth().oauth2(token).contentType(fixture.mediaType()).body(fixture.content())
                .when().put("/fhir/" + fixture.resourceType() + "/" + fixture.resourceId());
    }
}
