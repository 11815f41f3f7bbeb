package nl.clientapp.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.support.TestIntegrators;

/** Conditional update by business identifier: PUT /fhir/{type}?identifier=system|value, alone and in Bundles. */
@QuarkusTest
class FhirConditionalUpdateTest {

    private static final String JSON = "application/fhir+json; charset=UTF-8";
    private static final String ECD_SYSTEM = "https://ecd.example.test/client-id";
    private static final String OTHER_SYSTEM = "https://other.example.test/id";

    @Inject
    TestIntegrators integrators;

    @Inject
    DossierRows rows;

    @Test
    void creates_when_none_matches_and_updates_when_one_does() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();

        String location = given().auth().oauth2(token).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|12345")
                .body(patient(null, ECD_SYSTEM, "12345", "Jansen"))
                .when().put("/fhir/Patient")
                .then().statusCode(201)
                .header("ETag", "W/\"1\"")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("information"))
                .extract().header("Location");
        assertTrue(location.matches("fhir/Patient/[0-9a-f-]{36}/_history/1"), location);
        String id = location.split("/")[2];
        UUID clientId = rows.clientId(integrator.organisationId(), id);
        assertNotNull(clientId, "the created Patient made no client");

        given().auth().oauth2(token).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|12345")
                .body(patient(null, ECD_SYSTEM, "12345", "Jansen-de Boer"))
                .when().put("/fhir/Patient")
                .then().statusCode(200)
                .header("Location", "fhir/Patient/" + id + "/_history/2")
                .header("ETag", "W/\"2\"");

        assertEquals(1L, rows.storedResources(integrator.organisationId()));
        assertEquals("Anna Jansen-de Boer", rows.value("select display_name from client where id = ?1", clientId));
        // Without a system the value matches in any system; an id in the body that equals the match is fine.
        given().auth().oauth2(token).contentType(JSON).queryParam("identifier", "12345")
                .body(patient(id, ECD_SYSTEM, "12345", "Jansen-de Boer"))
                .when().put("/fhir/Patient")
                .then().statusCode(200)
                .header("ETag", "W/\"2\"")
                .body("issue[0].diagnostics", containsString("ongewijzigd"));
    }

    @Test
    void creates_with_the_resource_id_when_the_body_has_one() {
        TestIntegrators.Credentials integrator = integrators.create();

        given().auth().oauth2(integrator.accessToken()).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|777")
                .body(patient("eigen-id-1", ECD_SYSTEM, "777", "Visser"))
                .when().put("/fhir/Patient")
                .then().statusCode(201)
                .header("Location", "fhir/Patient/eigen-id-1/_history/1");

        assertNotNull(rows.clientId(integrator.organisationId(), "eigen-id-1"));
    }

    @Test
    void several_matches_answer_412_and_change_nothing() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        given().auth().oauth2(token).contentType(JSON).body(patient("p-a", ECD_SYSTEM, "555", "Smit"))
                .when().put("/fhir/Patient/p-a").then().statusCode(201);
        given().auth().oauth2(token).contentType(JSON).body(patient("p-b", OTHER_SYSTEM, "555", "De Wit"))
                .when().put("/fhir/Patient/p-b").then().statusCode(201);

        given().auth().oauth2(token).contentType(JSON).header("Accept-Language", "en").queryParam("identifier", "555")
                .body(patient(null, ECD_SYSTEM, "555", "Smit-Bakker"))
                .when().put("/fhir/Patient")
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("multiple-matches"))
                .body("issue[0].diagnostics", equalTo("2 resources of type Patient have the identifier 555. Name the identifier with its "
                        + "system, or send the resource with PUT to /fhir/Patient/<id>."));

        assertEquals(2L, rows.storedResources(integrator.organisationId()));
        assertEquals("Anna Smit", rows.value("select display_name from client where organisation_id = ?1 and fhir_patient_id = 'p-a'",
                integrator.organisationId()));
        // With its system the identifier names one resource.
        given().auth().oauth2(token).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|555")
                .body(patient(null, ECD_SYSTEM, "555", "Smit-Bakker"))
                .when().put("/fhir/Patient")
                .then().statusCode(200)
                .header("Location", "fhir/Patient/p-a/_history/2");
    }

    @Test
    void bad_conditions_are_rejected_with_their_element() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();

        // The body must carry the identifier, or the next conditional update would not find it.
        given().auth().oauth2(token).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|1")
                .body(patient(null, ECD_SYSTEM, "2", "Bos"))
                .when().put("/fhir/Patient")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("required"))
                .body("issue[0].expression[0]", equalTo("Patient.identifier"))
                .body("issue[0].diagnostics", containsString("geen van de gezochte identifiers"));
        given().auth().oauth2(token).contentType(JSON)
                .body(patient(null, ECD_SYSTEM, "2", "Bos"))
                .when().put("/fhir/Patient")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("required"));
        given().auth().oauth2(token).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|")
                .body(patient(null, ECD_SYSTEM, "2", "Bos"))
                .when().put("/fhir/Patient")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"));
        // Binary has no identifier element.
        given().auth().oauth2(token).contentType(JSON).queryParam("identifier", "x")
                .body("{\"resourceType\":\"Binary\",\"contentType\":\"text/plain\",\"data\":\"aGFsbG8=\"}")
                .when().put("/fhir/Binary")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("not-supported"));
        given().auth().oauth2(token).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|2")
                .body(patient(null, ECD_SYSTEM, "2", "Bos"))
                .when().put("/fhir/Observation")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].expression[0]", equalTo("resourceType"));

        assertEquals(0L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void body_id_other_than_match_rejected() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        given().auth().oauth2(token).contentType(JSON).body(patient("p-1", ECD_SYSTEM, "42", "Mulder"))
                .when().put("/fhir/Patient/p-1").then().statusCode(201);

        given().auth().oauth2(token).contentType(JSON).header("Accept-Language", "en").queryParam("identifier", ECD_SYSTEM + "|42")
                .body(patient("p-2", ECD_SYSTEM, "42", "Mulder"))
                .when().put("/fhir/Patient")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].expression[0]", equalTo("Patient.id"))
                .body("issue[0].diagnostics", equalTo("The resource id ('p-2') differs from Patient/p-1, the resource with this identifier."));

        assertEquals(1L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void taken_identifier_stays_and_is_reported() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        given().auth().oauth2(token).contentType(JSON).body(patient("first", ECD_SYSTEM, "900", "Kok"))
                .when().put("/fhir/Patient/first").then().statusCode(201);

        given().auth().oauth2(token).contentType(JSON).body(patient("second", ECD_SYSTEM, "900", "Kok"))
                .when().put("/fhir/Patient/second")
                .then().statusCode(201)
                .body("issue[1].severity", equalTo("warning"))
                .body("issue[1].code", equalTo("duplicate"))
                .body("issue[1].expression[0]", equalTo("Patient.identifier[0]"))
                .body("issue[1].diagnostics", containsString("hoort al bij Patient/first"));

        given().auth().oauth2(token).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|900")
                .body(patient(null, ECD_SYSTEM, "900", "Kok-Peters"))
                .when().put("/fhir/Patient")
                .then().statusCode(200)
                .header("Location", "fhir/Patient/first/_history/2");
        // When the holder drops the identifier, it is free for the next resource that carries it.
        given().auth().oauth2(token).contentType(JSON).body(patient("first", ECD_SYSTEM, "901", "Kok-Peters"))
                .when().put("/fhir/Patient/first").then().statusCode(200);
        assertEquals(0L, rows.count("select count(*) from fhir_identifier where organisation_id = ?1 and value = '900'",
                integrator.organisationId()));
    }

    @Test
    void identifiers_are_scoped_per_organisation() {
        TestIntegrators.Credentials first = integrators.create();
        TestIntegrators.Credentials second = integrators.create();
        for (TestIntegrators.Credentials integrator : List.of(first, second)) {
            given().auth().oauth2(integrator.accessToken()).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|31")
                    .body(patient(null, ECD_SYSTEM, "31", "Dekker"))
                    .when().put("/fhir/Patient")
                    .then().statusCode(201);
        }
        assertEquals(1L, rows.storedResources(first.organisationId()));
        assertEquals(1L, rows.storedResources(second.organisationId()));
    }

    @Test
    void concurrent_conditional_creates_make_one_resource() throws Exception {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        int parallel = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int index = 0; index < parallel; index++) {
                String name = "Gelijktijdig " + index;
                Callable<Response> call = () -> {
                    start.await();
                    return given().auth().oauth2(token).contentType(JSON).queryParam("identifier", ECD_SYSTEM + "|race-1")
                            .body(patient(null, ECD_SYSTEM, "race-1", name))
                            .when().put("/fhir/Patient");
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 201).count(), "statuses " + statuses);
            assertEquals(parallel - 1, statuses.stream().filter(status -> status == 200).count(), "statuses " + statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, rows.storedResources(integrator.organisationId()));
        assertEquals(1L, rows.count("select count(*) from client where organisation_id = ?1", integrator.organisationId()));
    }

    @Test
    void transaction_entries_update_by_identifier_and_references_follow() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        given().auth().oauth2(token).contentType(JSON).body(patient("bestaand", ECD_SYSTEM, "600", "Meijer"))
                .when().put("/fhir/Patient/bestaand").then().statusCode(201);

        String bundle = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"fullUrl": "urn:uuid:0b7b7c9e-1f2a-4a1e-9c43-2d9b1f3e6a01",
                   "resource": %s,
                   "request": {"method": "PUT", "url": "Patient?identifier=%s|600"}},
                  {"fullUrl": "urn:uuid:0b7b7c9e-1f2a-4a1e-9c43-2d9b1f3e6a02",
                   "resource": {"resourceType": "Observation", "status": "final",
                     "identifier": [{"system": "https://ecd.example.test/meting", "value": "m-1"}],
                     "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7", "display": "Body weight"}]},
                     "subject": {"reference": "urn:uuid:0b7b7c9e-1f2a-4a1e-9c43-2d9b1f3e6a01"},
                     "effectiveDateTime": "2026-03-10T09:00:00+01:00",
                     "valueQuantity": {"value": 71.5, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"}},
                   "request": {"method": "PUT", "url": "Observation?identifier=https%%3A%%2F%%2Fecd.example.test%%2Fmeting|m-1"}}
                ]}""".formatted(patient(null, ECD_SYSTEM, "600", "Meijer-Vos"), ECD_SYSTEM);

        String observationLocation = given().auth().oauth2(token).contentType(JSON).body(bundle)
                .when().post("/fhir")
                .then().statusCode(200)
                .body("type", equalTo("transaction-response"))
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].response.location", equalTo("Patient/bestaand/_history/2"))
                .body("entry[0].response.etag", equalTo("W/\"2\""))
                .body("entry[1].response.status", equalTo("201 Created"))
                .body("entry[1].response.location", startsWith("Observation/"))
                .extract().path("entry[1].response.location");

        String observationId = observationLocation.split("/")[1];
        assertEquals("Patient/bestaand", rows.value("select patient_ref from fhir_resource where organisation_id = ?1 "
                + "and resource_type = 'Observation' and resource_id = ?2", integrator.organisationId(), observationId));
        UUID clientId = rows.clientId(integrator.organisationId(), "bestaand");
        assertEquals(1L, rows.count("select count(*) from measurement where client_id = ?1", clientId));

        // Sent again, the Bundle finds both resources by identifier and changes nothing.
        given().auth().oauth2(token).contentType(JSON).body(bundle)
                .when().post("/fhir")
                .then().statusCode(200)
                .body("entry[0].response.location", equalTo("Patient/bestaand/_history/2"))
                .body("entry[1].response.location", equalTo("Observation/" + observationId + "/_history/1"));
        assertEquals(2L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void transaction_with_several_matches_changes_nothing() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        given().auth().oauth2(token).contentType(JSON).body(patient("x-a", ECD_SYSTEM, "700", "Peters"))
                .when().put("/fhir/Patient/x-a").then().statusCode(201);
        given().auth().oauth2(token).contentType(JSON).body(patient("x-b", OTHER_SYSTEM, "700", "Peters"))
                .when().put("/fhir/Patient/x-b").then().statusCode(201);
        String bundle = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"resource": {"resourceType": "Flag", "id": "vlag-1", "status": "active",
                     "code": {"text": "Valrisico"}, "subject": {"reference": "Patient/x-a"}},
                   "request": {"method": "PUT", "url": "Flag/vlag-1"}},
                  {"resource": %s, "request": {"method": "PUT", "url": "Patient?identifier=700"}}
                ]}""".formatted(patient(null, ECD_SYSTEM, "700", "Peters"));

        given().auth().oauth2(token).contentType(JSON).body(bundle)
                .when().post("/fhir")
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("multiple-matches"))
                .body("issue[0].expression[0]", equalTo("Bundle.entry[1].request.url"));

        assertEquals(2L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void batch_reports_a_conditional_entry_with_several_matches_on_its_own() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        given().auth().oauth2(token).contentType(JSON).body(patient("y-a", ECD_SYSTEM, "800", "Bakker"))
                .when().put("/fhir/Patient/y-a").then().statusCode(201);
        given().auth().oauth2(token).contentType(JSON).body(patient("y-b", OTHER_SYSTEM, "800", "Bakker"))
                .when().put("/fhir/Patient/y-b").then().statusCode(201);
        String bundle = """
                {"resourceType": "Bundle", "type": "batch", "entry": [
                  {"resource": %s, "request": {"method": "PUT", "url": "Patient?identifier=800"}},
                  {"resource": %s, "request": {"method": "PUT", "url": "Patient?identifier=%s|801"}},
                  {"resource": %s, "request": {"method": "PUT", "url": "Patient?_id=y-a"}}
                ]}""".formatted(patient(null, ECD_SYSTEM, "800", "Bakker"), patient(null, ECD_SYSTEM, "801", "Hendriks"), ECD_SYSTEM,
                patient(null, ECD_SYSTEM, "802", "Dijkstra"));

        given().auth().oauth2(token).contentType(JSON).body(bundle)
                .when().post("/fhir")
                .then().statusCode(200)
                .body("type", equalTo("batch-response"))
                .body("entry[0].response.status", equalTo("412 Precondition Failed"))
                .body("entry[0].response.outcome.issue[0].code", equalTo("multiple-matches"))
                .body("entry[1].response.status", equalTo("201 Created"))
                .body("entry[2].response.status", equalTo("400 Bad Request"))
                .body("entry[2].response.outcome.issue[0].code", equalTo("not-supported"))
                .body("entry[2].response.outcome.issue[0].expression[0]", equalTo("Bundle.entry[2].request.url"));

        assertEquals(3L, rows.storedResources(integrator.organisationId()));
    }

    static String patient(String id, String system, String value, String familyName) {
        return "{\"resourceType\": \"Patient\"" + (id == null ? "" : ", \"id\": \"" + id + "\"")
                + ", \"identifier\": [{\"system\": \"" + system + "\", \"value\": \"" + value + "\"}]"
                + ", \"name\": [{\"family\": \"" + familyName + "\", \"given\": [\"Anna\"]}], \"gender\": \"female\""
                + ", \"birthDate\": \"1941-02-03\"}";
    }
}
