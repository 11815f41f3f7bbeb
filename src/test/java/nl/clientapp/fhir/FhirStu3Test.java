package nl.clientapp.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestIntegrators;

/**
 * STU3 input, as MedMij long-term-care (BgLZ) integrations send it: marked with fhirVersion=3.0 in
 * Content-Type and converted to R4. The resources use STU3-only elements (Observation.context and
 * comment, Composition.class, Encounter.class as a Coding with STU3 status values), so a body read
 * as R4 would lose them.
 */
@QuarkusTest
class FhirStu3Test {

    private static final String STU3_JSON = "application/fhir+json; fhirVersion=3.0; charset=UTF-8";
    private static final String STU3_XML = "application/fhir+xml; fhirVersion=3.0";

    private static final String PATIENT = """
            {"resourceType": "Patient", "id": "bglz-patient-1",
             "meta": {"profile": ["http://fhir.nl/fhir/StructureDefinition/nl-core-patient"]},
             "identifier": [{"system": "https://ecd.example.test/client-id", "value": "C-1001"}],
             "name": [{"use": "official", "family": "Bakker", "given": ["Geertruida"]}],
             "gender": "female", "birthDate": "1938-11-05",
             "address": [{"line": ["Dorpsstraat 1"], "city": "Voorbeeld", "postalCode": "1234AB"}]}""";

    private static final String ENCOUNTER = """
            {"resourceType": "Encounter", "id": "bglz-encounter-1", "status": "finished",
             "class": {"system": "http://hl7.org/fhir/v3/ActCode", "code": "HH", "display": "home health"},
             "subject": {"reference": "Patient/bglz-patient-1"},
             "period": {"start": "2026-03-09T08:00:00+01:00", "end": "2026-03-09T08:30:00+01:00"}}""";

    private static final String OBSERVATION = """
            {"resourceType": "Observation", "id": "bglz-weight-1", "status": "final",
             "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7", "display": "Body weight"}]},
             "subject": {"reference": "Patient/bglz-patient-1"},
             "context": {"reference": "Encounter/bglz-encounter-1"},
             "effectiveDateTime": "2026-03-09T08:15:00+01:00",
             "valueQuantity": {"value": 63.4, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"},
             "comment": "Gewogen na het ontbijt."}""";

    private static final String COMPOSITION = """
            {"resourceType": "Composition", "id": "bglz-report-1", "status": "final",
             "type": {"coding": [{"system": "http://loinc.org", "code": "11488-4", "display": "Consult note"}]},
             "class": {"text": "Zorg"},
             "subject": {"reference": "Patient/bglz-patient-1"},
             "date": "2026-03-09T09:00:00+01:00",
             "author": [{"display": "M. de Wit (EVV)"}],
             "title": "Ochtendzorg",
             "confidentiality": "N",
             "section": [
               {"title": "Subjectief", "text": {"status": "generated", "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\">Mevrouw zegt goed geslapen te hebben.</div>"}},
               {"title": "Plan", "text": {"status": "generated", "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\">Morgen opnieuw wegen.</div>"}}]}""";

    private static final String FLAG = """
            {"resourceType": "Flag", "id": "bglz-flag-1", "status": "active",
             "code": {"text": "Valrisico"}, "subject": {"reference": "Patient/bglz-patient-1"},
             "encounter": {"reference": "Encounter/bglz-encounter-1"}}""";

    @Inject
    TestIntegrators integrators;

    @Inject
    DossierRows rows;

    @Test
    void stu3_transaction_is_converted_and_projected() {
        TestIntegrators.Credentials integrator = integrators.create();
        String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
                + String.join(",", List.of(entry(PATIENT, "Patient/bglz-patient-1"), entry(ENCOUNTER, "Encounter/bglz-encounter-1"),
                        entry(OBSERVATION, "Observation/bglz-weight-1"), entry(COMPOSITION, "Composition/bglz-report-1"),
                        entry(FLAG, "Flag/bglz-flag-1")))
                + "]}";

        given().auth().oauth2(integrator.accessToken()).contentType(STU3_JSON).body(bundle)
                .when().post("/fhir")
                .then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("transaction-response"))
                .body("entry.size()", equalTo(5))
                .body("entry[2].response.status", equalTo("201 Created"))
                .body("entry[2].response.location", equalTo("Observation/bglz-weight-1/_history/1"))
                .body("entry[2].response.etag", equalTo("W/\"1\""));

        UUID organisationId = integrator.organisationId();
        UUID clientId = rows.clientId(organisationId, "bglz-patient-1");
        assertNotNull(clientId, "the STU3 Patient made no client");
        assertEquals("Geertruida Bakker", rows.value("select display_name from client where id = ?1", clientId));

        // Stored as R4: STU3's Observation.context and comment are R4's encounter and note.
        String observation = stored(organisationId, "Observation", "bglz-weight-1");
        assertTrue(observation.contains("\"encounter\":{\"reference\":\"Encounter/bglz-encounter-1\"}"), observation);
        assertTrue(observation.contains("\"note\":[{\"text\":\"Gewogen na het ontbijt.\"}]"), observation);
        assertFalse(observation.contains("\"context\""), observation);
        assertFalse(observation.contains("\"comment\""), observation);
        assertEquals(0, new BigDecimal("63.4").compareTo((BigDecimal) rows.value(
                "select value from measurement where client_id = ?1 and source_ref = 'Observation/bglz-weight-1'", clientId)));

        // STU3's Composition.class is R4's category.
        String composition = stored(organisationId, "Composition", "bglz-report-1");
        assertTrue(composition.contains("\"category\":[{\"text\":\"Zorg\"}]"), composition);
        List<Object[]> report = rows.rows("select title, author_name, cast(sections as text) from report where client_id = ?1 "
                + "and source_ref = 'Composition/bglz-report-1'", clientId);
        assertEquals(1, report.size(), "the STU3 Composition made no report");
        assertEquals("Ochtendzorg", report.get(0)[0]);
        assertEquals("M. de Wit (EVV)", report.get(0)[1]);
        assertTrue(((String) report.get(0)[2]).contains("Mevrouw zegt goed geslapen te hebben."), (String) report.get(0)[2]);

        // Encounter.class is a Coding in STU3 and R4; the STU3 status 'finished' stays valid.
        String encounter = stored(organisationId, "Encounter", "bglz-encounter-1");
        assertTrue(encounter.contains("\"status\":\"finished\""), encounter);
        assertNotNull(stored(organisationId, "Flag", "bglz-flag-1"));
    }

    @Test
    void stu3_resource_in_xml_on_put() {
        TestIntegrators.Credentials integrator = integrators.create();
        String xml = """
                <Patient xmlns="http://hl7.org/fhir">
                  <id value="bglz-patient-2"/>
                  <name><family value="Smits"/><given value="Hendrik"/></name>
                  <gender value="male"/>
                  <birthDate value="1935-07-21"/>
                  <animal><species><text value="STU3 only, no longer in R4"/></species></animal>
                </Patient>""";

        given().auth().oauth2(integrator.accessToken()).contentType(STU3_XML).body(xml)
                .when().put("/fhir/Patient/bglz-patient-2")
                .then().statusCode(201)
                .body("resourceType", equalTo("OperationOutcome"));

        UUID clientId = rows.clientId(integrator.organisationId(), "bglz-patient-2");
        assertNotNull(clientId);
        assertEquals("Hendrik Smits", rows.value("select display_name from client where id = ?1", clientId));
    }

    @Test
    void stu3_conditional_update_by_identifier() {
        TestIntegrators.Credentials integrator = integrators.create();
        String body = PATIENT.replace("\"id\": \"bglz-patient-1\",", "");

        given().auth().oauth2(integrator.accessToken()).contentType(STU3_JSON)
                .queryParam("identifier", "https://ecd.example.test/client-id|C-1001").body(body)
                .when().put("/fhir/Patient")
                .then().statusCode(201);
        given().auth().oauth2(integrator.accessToken()).contentType(STU3_JSON)
                .queryParam("identifier", "https://ecd.example.test/client-id|C-1001").body(body.replace("Bakker", "Bakker-Jansen"))
                .when().put("/fhir/Patient")
                .then().statusCode(200);

        assertEquals(1L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void without_the_version_parameter_the_body_is_read_as_r4() {
        TestIntegrators.Credentials integrator = integrators.create();

        given().auth().oauth2(integrator.accessToken()).contentType("application/fhir+json; fhirVersion=4.0").body(OBSERVATION)
                .when().put("/fhir/Observation/bglz-weight-1")
                .then().statusCode(201);

        // R4 has no Observation.comment: read as R4, the STU3 element is dropped, not converted.
        String observation = stored(integrator.organisationId(), "Observation", "bglz-weight-1");
        assertTrue(!observation.contains("Gewogen na het ontbijt."), observation);
    }

    @Test
    void other_versions_and_broken_stu3_are_rejected() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();

        given().auth().oauth2(token).contentType("application/fhir+json; fhirVersion=1.0").header("Accept-Language", "en").body(PATIENT)
                .when().put("/fhir/Patient/bglz-patient-1")
                .then().statusCode(415)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", equalTo("FHIR version 1.0 is not supported; send R4 (fhirVersion=4.0, or no parameter) "
                        + "or STU3 (fhirVersion=3.0)."));
        given().auth().oauth2(token).contentType(STU3_JSON).body("{\"resourceType\": \"Patient\", \"id\": \"p\", \"birthDate\": \"gisteren\"}")
                .when().put("/fhir/Patient/p")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("structure"))
                .body("issue[0].diagnostics", containsString("geen geldige FHIR STU3 JSON"));

        assertEquals(0L, rows.storedResources(integrator.organisationId()));
        assertNull(rows.clientId(integrator.organisationId(), "bglz-patient-1"));
    }

    private String stored(UUID organisationId, String type, String id) {
        return (String) rows.value("select cast(content as text) from fhir_resource where organisation_id = ?1 and resource_type = ?2 "
                + "and resource_id = ?3", organisationId, type, id).toString().replace(": ", ":").replace(", ", ",");
    }

    private static String entry(String resource, String url) {
        return "{\"resource\": " + resource + ", \"request\": {\"method\": \"PUT\", \"url\": \"" + url + "\"}}";
    }
}
