package nl.clientapp.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.support.TestIntegrators;

@QuarkusTest
class FhirImportTest {

    private static final String PATIENT = "nl-core-Patient-01";

    @Inject
    TestIntegrators integrators;

    @Inject
    DossierRows rows;

    @Test
    void nictiz_files_import_one_by_one() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        List<FhirFixtures.Fixture> fixtures = FhirFixtures.nictiz();

        for (FhirFixtures.Fixture fixture : fixtures) {
            int status = put(token, fixture).statusCode();
            assertTrue(status == 200 || status == 201, fixture.path() + " answered " + status);
        }

        UUID organisationId = integrator.organisationId();
        assertEquals(fixtures.size(), rows.storedResources(organisationId));
        UUID clientId = rows.clientId(organisationId, PATIENT);
        assertNotNull(clientId, "the Patient created no client");
        assertEquals("Johanna Petronella Maria van Putten-van der Giessen",
                rows.value("select display_name from client where id = ?1", clientId));
        assertEquals(LocalDate.parse("1934-04-28"), rows.value("select birth_date from client where id = ?1", clientId));
        assertNictizDossier(clientId);
    }

    @Test
    void transaction_bundle_imports_nictiz_client() {
        TestIntegrators.Credentials integrator = integrators.create();
        Bundle bundle = transaction(FhirFixtures.nictiz().stream().map(FhirFixtures.Fixture::parse).toList());

        // The Nictiz SOEP report and care team name no subject; the patient parameter names their client.
        given().auth().oauth2(integrator.accessToken())
                .queryParam("patient", "Patient/" + PATIENT)
                .contentType("application/fhir+json; charset=UTF-8")
                .body(Fhir.CONTEXT.newJsonParser().encodeResourceToString(bundle))
                .when().post("/fhir")
                .then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("transaction-response"))
                .body("entry.size()", equalTo(bundle.getEntry().size()))
                .body("entry.response.status", hasItem("201 Created"));

        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        assertNotNull(clientId, "the Patient in the transaction created no client");
        assertNictizDossier(clientId);
        List<Object[]> report = rows.rows("select title, author_name, category, cast(sections as text), id from report where client_id = ?1 "
                + "and source_ref = 'Composition/nl-core-SOAPReport-01'", clientId);
        assertEquals(1, report.size(), "the SOEP report was not projected");
        assertEquals("Geneesmiddelbijwerking", report.get(0)[0]);
        assertEquals("H.A. Janszens", report.get(0)[1]);
        assertEquals("CARE", report.get(0)[2]);
        String sections = (String) report.get(0)[3];
        assertTrue(sections.contains("\"code\": \"S\""), sections);
        assertTrue(sections.contains("Sinds 2 maanden hoesten."), sections);
        assertTrue(sections.contains("\"code\": \"O\""), sections);
        assertTrue(sections.contains("\"code\": \"E\""), sections);
        assertTrue(sections.contains("\"code\": \"P\""), sections);
        assertEquals("Geneesmiddelbijwerking", rows.value("select summary from timeline_item where ref_id = ?1 and kind = 'REPORT'", report.get(0)[4]));
        assertEquals(0L, rows.count("select count(*) from measurement where client_id = ?1 and source_ref like 'Observation/nl-core-SOAPReport%'",
                clientId), "SOEP lines must not become measurements");
        assertTrue(rows.count("select count(*) from network_member where client_id = ?1 and kind = 'PROFESSIONAL'", clientId) > 0,
                "the care team's professionals are not in the network");
    }

    @Test
    void patient_parameter_never_overrides_a_named_patient() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        for (FhirFixtures.Fixture fixture : FhirFixtures.nictiz()) {
            if (fixture.resourceType().equals("Patient") || fixture.resourceId().equals("nl-core-BodyWeight-01")) {
                given().auth().oauth2(token).queryParam("patient", "other-patient")
                        .contentType(fixture.mediaType()).body(fixture.content())
                        .when().put("/fhir/" + fixture.resourceType() + "/" + fixture.resourceId())
                        .then().statusCode(201);
            }
        }

        assertEquals("Patient/" + PATIENT, rows.value("select patient_ref from fhir_resource where organisation_id = ?1 "
                + "and resource_type = 'Observation' and resource_id = 'nl-core-BodyWeight-01'", integrator.organisationId()));
        given().auth().oauth2(token).queryParam("patient", "not a valid id!")
                .contentType("application/fhir+json").body("{\"resourceType\":\"Basic\",\"id\":\"x\"}")
                .when().put("/fhir/Basic/x")
                .then().statusCode(400).body("issue[0].code", equalTo("invalid"));
    }

    @Test
    void resending_unchanged_resource_keeps_version() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, FhirFixtures.nictiz(PATIENT)).then().statusCode(201);
        put(token, FhirFixtures.nictiz("nl-core-BodyWeight-01")).then().statusCode(201);
        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        Object updatedAt = rows.value("select updated_at from measurement where client_id = ?1", clientId);

        put(token, FhirFixtures.nictiz("nl-core-BodyWeight-01")).then().statusCode(200)
                .header("ETag", "W/\"1\"")
                .body("issue[0].severity", equalTo("information"))
                .body("issue[0].diagnostics", startsWith("Observation/nl-core-BodyWeight-01 is ongewijzigd"));

        assertEquals(1, rows.version(integrator.organisationId(), "Observation", "nl-core-BodyWeight-01"));
        assertEquals(updatedAt, rows.value("select updated_at from measurement where client_id = ?1", clientId));
        assertEquals(1L, rows.count("select count(*) from timeline_item where client_id = ?1", clientId));
    }

    @Test
    void changed_resource_gets_next_version() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, FhirFixtures.nictiz(PATIENT)).then().statusCode(201);
        FhirFixtures.Fixture weight = FhirFixtures.nictiz("nl-core-BodyWeight-01");
        put(token, weight).then().statusCode(201);
        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        Object measurementId = rows.value("select id from measurement where client_id = ?1", clientId);

        String heavier = weight.content().replace("<value value=\"2400\"/>", "<value value=\"2500\"/>");
        given().auth().oauth2(token).contentType("application/fhir+xml; charset=UTF-8").body(heavier)
                .when().put("/fhir/Observation/nl-core-BodyWeight-01")
                .then().statusCode(200).header("ETag", "W/\"2\"");

        assertEquals(2, rows.version(integrator.organisationId(), "Observation", "nl-core-BodyWeight-01"));
        List<Object[]> measurement = rows.rows("select id, value from measurement where client_id = ?1", clientId);
        assertEquals(1, measurement.size());
        assertEquals(measurementId, measurement.get(0)[0]);
        assertEquals(0, new BigDecimal("2500").compareTo((BigDecimal) measurement.get(0)[1]));
    }

    @Test
    void resource_before_patient_projects_later() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();

        put(token, FhirFixtures.nictiz("nl-core-BodyWeight-01")).then().statusCode(201)
                .body("issue[0].diagnostics", equalTo(
                        "Observation/nl-core-BodyWeight-01 is opgeslagen als versie 1 en wordt verwerkt zodra Patient/nl-core-Patient-01 is ontvangen."));
        assertNull(rows.clientId(integrator.organisationId(), PATIENT));
        put(token, FhirFixtures.nictiz(PATIENT)).then().statusCode(201);

        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        assertEquals(1L, rows.count("select count(*) from measurement where client_id = ?1 and source_ref = 'Observation/nl-core-BodyWeight-01'",
                clientId));
    }

    @Test
    void json_and_xml_bodies_and_responses_work() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        FhirFixtures.Fixture patient = FhirFixtures.nictiz(PATIENT);
        String json = Fhir.CONTEXT.newJsonParser().encodeResourceToString(patient.parse());

        given().auth().oauth2(token).contentType("application/fhir+xml; charset=UTF-8").accept("application/fhir+xml").body(patient.content())
                .when().put("/fhir/Patient/" + PATIENT)
                .then().statusCode(201)
                .contentType(startsWith("application/fhir+xml"))
                .body("OperationOutcome.issue.severity.@value", equalTo("information"));
        given().auth().oauth2(token).contentType("application/json; charset=UTF-8").body(json)
                .when().put("/fhir/Patient/" + PATIENT)
                .then().statusCode(200)
                .contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"));

        assertEquals(1, rows.version(integrator.organisationId(), "Patient", PATIENT), "the same Patient in JSON must hash like the XML");
    }

    @Test
    void hl7_examples_import_successfully() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        List<FhirFixtures.Fixture> fixtures = FhirFixtures.hl7Examples();

        for (FhirFixtures.Fixture fixture : fixtures) {
            int status = put(token, fixture).statusCode();
            assertTrue(status == 200 || status == 201, fixture.path() + " answered " + status);
        }

        UUID organisationId = integrator.organisationId();
        assertEquals(fixtures.size(), rows.storedResources(organisationId));
        UUID example = rows.clientId(organisationId, "example");
        assertNotNull(example);
        assertEquals(1L, rows.count("select count(*) from appointment where client_id = ?1 and source_ref = 'Appointment/example'", example));
        String components = (String) rows.value("select cast(components as text) from measurement where client_id = ?1 "
                + "and source_ref = 'Observation/blood-pressure'", example);
        assertNotNull(components, "the blood pressure was not projected");
        assertTrue(components.contains("107"), components);
        assertTrue(components.contains("60"), components);
        List<Object[]> appointment = rows.rows("select location, cast(participants as text) from appointment where client_id = ?1 "
                + "and source_ref = 'Appointment/example'", example);
        assertEquals("South Wing, second floor", appointment.get(0)[0]);
        assertTrue(((String) appointment.get(0)[1]).contains("Dr Adam Careful"), (String) appointment.get(0)[1]);
        UUID f201 = rows.clientId(organisationId, "f201");
        assertNotNull(f201);
        assertEquals("Ariadne Bor-Jansma", rows.value("select name from network_member where client_id = ?1 "
                + "and source_ref = 'RelatedPerson/f002'", f201));
        assertNotNull(rows.clientId(organisationId, "f001"));
    }

    @Test
    void synthea_bundles_import_as_transactions() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        List<FhirFixtures.Fixture> fixtures = FhirFixtures.synthea();

        for (FhirFixtures.Fixture fixture : fixtures) {
            Bundle bundle = (Bundle) fixture.parse();
            given().auth().oauth2(token).contentType("application/fhir+json; charset=UTF-8").body(fixture.content())
                    .when().post("/fhir")
                    .then().statusCode(200)
                    .body("type", equalTo("transaction-response"))
                    .body("entry.size()", equalTo(bundle.getEntry().size()));
        }

        UUID organisationId = integrator.organisationId();
        assertEquals(2L, rows.count("select count(*) from client where organisation_id = ?1", organisationId));
        assertTrue(rows.count("select count(*) from measurement m join client c on c.id = m.client_id where c.organisation_id = ?1",
                organisationId) > 100);
        assertEquals(0L, rows.count("select count(*) from fhir_resource where organisation_id = ?1 and cast(content as text) like '%urn:uuid:%'",
                organisationId), "urn:uuid references must be rewritten to Type/id");
    }

    @Test
    void unprojected_type_reported_as_information() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();

        given().auth().oauth2(token).contentType("application/fhir+xml; charset=UTF-8").header("Accept-Language", "en")
                .body(FhirFixtures.nictiz("nl-core-Alert-01").content())
                .when().put("/fhir/Flag/nl-core-Alert-01")
                .then().statusCode(201)
                .body("issue.size()", equalTo(1))
                .body("issue[0].severity", equalTo("information"))
                .body("issue[0].code", equalTo("informational"))
                .body("issue[0].diagnostics", equalTo("Flag/nl-core-Alert-01 is stored as version 1; type Flag is not shown in the app."));

        assertEquals(1, rows.version(integrator.organisationId(), "Flag", "nl-core-Alert-01"));
    }

    @Test
    void other_organisation_gets_its_own_client() {
        TestIntegrators.Credentials first = integrators.create();
        TestIntegrators.Credentials second = integrators.create();
        FhirFixtures.Fixture patient = FhirFixtures.nictiz(PATIENT);

        put(first.accessToken(), patient).then().statusCode(201);
        put(second.accessToken(), patient).then().statusCode(201);

        UUID firstClient = rows.clientId(first.organisationId(), PATIENT);
        UUID secondClient = rows.clientId(second.organisationId(), PATIENT);
        assertNotNull(firstClient);
        assertNotNull(secondClient);
        assertNotEquals(firstClient, secondClient);
        assertEquals(1, rows.version(second.organisationId(), "Patient", PATIENT));
    }

    /** Checks the values of the Nictiz example dossier that the single files and the transaction both deliver. */
    private void assertNictizDossier(UUID clientId) {
        List<Object[]> weight = rows.rows("select name, value, unit from measurement where client_id = ?1 "
                + "and source_ref = 'Observation/nl-core-BodyWeight-01'", clientId);
        assertEquals(1, weight.size(), "the body weight was not projected");
        assertEquals("Body weight", weight.get(0)[0]);
        assertEquals(0, new BigDecimal("2400").compareTo((BigDecimal) weight.get(0)[1]));
        assertEquals("gram", weight.get(0)[2]);
        assertEquals(LocalDate.parse("2014-04-05"), rows.value("select start_date from care_relationship where client_id = ?1 "
                + "and source_ref = 'EpisodeOfCare/nl-core-EpisodeOfCare-01'", clientId));
        List<Object[]> contact = rows.rows("select kind, name, relation, phone from network_member where client_id = ?1 "
                + "and source_ref = 'RelatedPerson/nl-core-ContactPerson-01'", clientId);
        assertEquals(1, contact.size(), "the contact person is not in the network");
        assertEquals("RELATIVE", contact.get(0)[0]);
        assertEquals("J.P.M. van Putten-van der Giessen", contact.get(0)[1]);
        assertEquals("Eerste relatie/contactpersoon, Hulpverlener", contact.get(0)[2]);
        assertEquals("+31611234567", contact.get(0)[3]);
        String details = (String) rows.value("select cast(personal_details as text) from client where id = ?1", clientId);
        assertTrue(details.contains("Hoogmade"), details);
        assertTrue(details.contains("female"), details);
        assertTrue(!details.contains("111222333"), "the BSN must not be in the personal details");
        assertEquals(1L, rows.count("select count(*) from care_plan_item where client_id = ?1 and kind = 'GOAL'", clientId));
        assertEquals("voorlichten over pijnmanagement", rows.value("select title from care_plan_item where client_id = ?1 "
                + "and source_ref = 'CarePlan/nl-core-NursingIntervention-01#activity-0'", clientId));
    }

    private static Response put(String token, FhirFixtures.Fixture fixture) {
        return given().auth().oauth2(token)
                .contentType(fixture.mediaType())
                .body(fixture.content())
                .when().put("/fhir/" + fixture.resourceType() + "/" + fixture.resourceId());
    }

    /** Returns a transaction Bundle that PUTs each resource at its Type/id. */
    static Bundle transaction(List<Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            String reference = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.nameUUIDFromBytes(reference.getBytes())).setResource(resource)
                    .getRequest().setMethod(HTTPVerb.PUT).setUrl(reference);
        }
        return bundle;
    }
}
