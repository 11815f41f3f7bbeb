package nl.clientapp.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestIntegrators;

/** N1 for integrators and for changes: who, what and from where, in the transaction of the change. */
@QuarkusTest
class AuditTrailTest {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    @Inject
    TestIntegrators integrators;

    @Inject
    TestAppUsers users;

    @Inject
    AuditRecords records;

    @Inject
    TestClock clock;

    /** Starts at the real time, so tokens are valid, and entries written later sort later. */
    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void fhir_update_writes_one_entry_per_change_of_the_dossier() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        String patientId = "audit-" + UUID.randomUUID();

        put(token, patient(patientId, "Jansen")).then().statusCode(201);
        UUID clientId = records.clientOf(integrator.organisationId(), patientId);
        List<Object[]> entries = records.entries(clientId);
        assertEquals(1, entries.size());
        Object[] created = entries.get(0);
        assertEquals("fhir.import", created[0]);
        assertEquals("CREATE", created[1]);
        assertEquals("SUCCESS", created[2]);
        assertEquals("INTEGRATOR", created[3]);
        assertEquals(records.integratorId(integrator.clientId()).toString(), created[4]);
        assertEquals("fhir:write", created[5]);
        assertEquals(integrator.organisationId(), created[7]);
        assertEquals("Patient", created[8]);
        assertEquals(patientId, created[9]);
        assertNull(created[10]);
        assertTrue(LOOPBACK.contains((String) created[11]), "client IP " + created[11]);

        // Unchanged: nothing was read or changed in the dossier, so no entry.
        put(token, patient(patientId, "Jansen")).then().statusCode(200);
        assertEquals(1, records.entries(clientId).size());

        clock.advance(Duration.ofSeconds(1));
        put(token, patient(patientId, "Jansen-de Vries")).then().statusCode(200);
        entries = records.entries(clientId);
        assertEquals(2, entries.size());
        assertEquals("UPDATE", entries.get(1)[1]);
        assertEquals(patientId, entries.get(1)[9]);
    }

    @Test
    void transaction_bundle_writes_an_entry_per_resource_and_a_rejected_one_none() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        String patientId = "audit-" + UUID.randomUUID();

        Bundle bundle = transaction(List.of(patient(patientId, "Bakker"), weight(patientId + "-w1", patientId),
                weight(patientId + "-w2", patientId)));
        post(token, bundle).then().statusCode(200);

        UUID clientId = records.clientOf(integrator.organisationId(), patientId);
        Map<String, String> actionPerObject = records.entries(clientId).stream()
                .collect(Collectors.toMap(entry -> entry[8] + "/" + entry[9], entry -> (String) entry[1]));
        assertEquals(Map.of("Patient/" + patientId, "CREATE", "Observation/" + patientId + "-w1", "CREATE",
                "Observation/" + patientId + "-w2", "CREATE"), actionPerObject);
        // The resources and their entries were written by one transaction, so a rollback removes both.
        assertEquals(1, records.writingTransactions(integrator.organisationId(), clientId));

        // An entry that cannot be imported rejects the whole transaction: no change, no entry.
        Bundle rejected = transaction(List.of(weight(patientId + "-w4", patientId), weight(patientId + "-w3", patientId)));
        rejected.getEntry().get(1).getRequest().setMethod(Bundle.HTTPVerb.DELETE);
        post(token, rejected).then().statusCode(400);
        assertEquals(3, records.entries(clientId).size());
    }

    @Test
    void integrator_member_list_is_audited_and_another_organisations_client_is_denied() {
        TestIntegrators.Credentials integrator = integrators.create();
        TestIntegrators.Credentials other = integrators.create();
        UUID ownClient = users.createClient(integrator.organisationId(), "Mevrouw Visser").id;
        UUID otherClient = users.createClient(other.organisationId(), "Meneer de Boer").id;
        String token = integrator.accessToken();

        given().auth().oauth2(token).get("/integration/v1/clients/{clientId}/members", ownClient).then().statusCode(200);
        given().auth().oauth2(token).get("/integration/v1/clients/{clientId}/members", otherClient).then().statusCode(404);

        List<Object[]> own = records.entries(ownClient);
        assertEquals(1, own.size());
        assertEquals("members.read", own.get(0)[0]);
        assertEquals("SUCCESS", own.get(0)[2]);
        assertEquals("INTEGRATOR", own.get(0)[3]);
        assertEquals("members:write", own.get(0)[5]);
        assertEquals(integrator.organisationId(), own.get(0)[7]);
        List<Object[]> denied = records.entries(otherClient);
        assertEquals(1, denied.size());
        assertEquals("DENIED", denied.get(0)[2]);
        assertEquals(records.integratorId(integrator.clientId()).toString(), denied.get(0)[4]);
        assertEquals(integrator.organisationId(), denied.get(0)[7]);
        assertTrue(LOOPBACK.contains((String) denied.get(0)[11]), "client IP " + denied.get(0)[11]);
    }

    @Test
    void member_role_change_and_its_entry_commit_in_one_transaction() {
        UUID clientId = users.createClient("Mevrouw Smit").id;
        SignedInUser admin = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        UUID membershipId = users.membership(member.userId(), clientId).id;

        given().auth().oauth2(admin.accessToken()).contentType("application/json").body(Map.of("role", "TIMELINE_ONLY"))
                .patch("/app/v1/clients/{clientId}/members/{membershipId}", clientId, membershipId)
                .then().statusCode(200);

        List<Object[]> entries = records.entries("member.role-change", membershipId.toString());
        assertEquals(1, entries.size());
        assertEquals("SUCCESS", entries.get(0)[2]);
        assertEquals(admin.sessionId(), entries.get(0)[10]);
        assertTrue(records.sameTransaction("membership", membershipId, (UUID) entries.get(0)[13]),
                "the membership change and its audit entry were committed by different transactions");
    }

    @Test
    void refused_change_writes_one_denied_entry_and_no_success_entry() {
        UUID clientId = users.createClient("Mevrouw Smit").id;
        SignedInUser admin = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        UUID ownMembershipId = users.membership(admin.userId(), clientId).id;

        given().auth().oauth2(admin.accessToken()).contentType("application/json").body(Map.of("role", "TIMELINE_ONLY"))
                .patch("/app/v1/clients/{clientId}/members/{membershipId}", clientId, ownMembershipId)
                .then().statusCode(403);

        // The rejection is logged in a transaction of its own, and the rolled-back change has no SUCCESS entry.
        assertEquals(List.of("DENIED"), records.entries("member.role-change", ownMembershipId.toString()).stream()
                .map(entry -> entry[2]).toList());
    }

    private static io.restassured.response.Response put(String token, Resource resource) {
        return given().auth().oauth2(token).contentType("application/fhir+json")
                .body(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource))
                .put("/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }

    private static io.restassured.response.Response post(String token, Bundle bundle) {
        return given().auth().oauth2(token).contentType("application/fhir+json")
                .body(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle))
                .post("/fhir");
    }

    static Patient patient(String id, String family) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName(new HumanName().setFamily(family).addGiven("Anna"));
        return patient;
    }

    static Observation weight(String id, String patientId) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("29463-7").setDisplay("Body weight");
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.getValueQuantity().setValue(70).setUnit("kg").setSystem("http://unitsofmeasure.org").setCode("kg");
        observation.getEffectiveDateTimeType().setValueAsString("2026-03-01T10:00:00+01:00");
        return observation;
    }

    static Bundle transaction(List<Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            String id = resource.getIdElement().getIdPart();
            bundle.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(resource.fhirType() + "/" + id);
        }
        return bundle;
    }
}
