package nl.clientapp.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import nl.clientapp.support.TestIntegrators;

@QuarkusTest
class FhirErrorsTest {

    private static final String JSON = "application/fhir+json; charset=UTF-8";

    @Inject
    TestIntegrators integrators;

    @Inject
    DossierRows rows;

    @Test
    void unparseable_body_is_rejected_without_changes() {
        TestIntegrators.Credentials integrator = integrators.create();

        given().auth().oauth2(integrator.accessToken()).contentType(JSON).body("{\"resourceType\": \"Patient\", \"id\": ")
                .when().put("/fhir/Patient/p1")
                .then().statusCode(400)
                .contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("structure"))
                .body("issue[0].diagnostics", containsString("geen geldige FHIR R4 JSON"));

        assertEquals(0L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void wrong_type_for_url_is_rejected() {
        TestIntegrators.Credentials integrator = integrators.create();
        FhirFixtures.Fixture patient = FhirFixtures.nictiz("nl-core-Patient-01");

        given().auth().oauth2(integrator.accessToken()).contentType("application/fhir+xml; charset=UTF-8").header("Accept-Language", "en")
                .body(patient.content())
                .when().put("/fhir/Observation/nl-core-Patient-01")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].expression[0]", equalTo("resourceType"))
                .body("issue[0].diagnostics", equalTo("The body is a Patient, but the path names Observation."));

        assertEquals(0L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void missing_or_different_id_is_rejected() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();

        given().auth().oauth2(token).contentType(JSON).body("{\"resourceType\": \"Patient\", \"gender\": \"female\"}")
                .when().put("/fhir/Patient/p1")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("required"))
                .body("issue[0].expression[0]", equalTo("Patient.id"));
        given().auth().oauth2(token).contentType(JSON).body("{\"resourceType\": \"Patient\", \"id\": \"p2\"}")
                .when().put("/fhir/Patient/p1")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].expression[0]", equalTo("Patient.id"));

        assertEquals(0L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void transaction_with_one_invalid_entry_changes_nothing() {
        TestIntegrators.Credentials integrator = integrators.create();
        List<Resource> resources = new ArrayList<>();
        resources.add(FhirFixtures.nictiz("nl-core-Patient-01").parse());
        resources.add(FhirFixtures.nictiz("nl-core-BodyWeight-01").parse());
        Bundle bundle = FhirImportTest.transaction(resources);
        bundle.getEntry().get(1).getRequest().setUrl("Observation/another-id");

        given().auth().oauth2(integrator.accessToken()).contentType(JSON).body(Fhir.CONTEXT.newJsonParser().encodeResourceToString(bundle))
                .when().post("/fhir")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].expression[0]", equalTo("Bundle.entry[1].resource.id"));

        assertEquals(0L, rows.storedResources(integrator.organisationId()));
        assertEquals(null, rows.clientId(integrator.organisationId(), "nl-core-Patient-01"));
    }

    @Test
    void batch_imports_valid_entries_and_reports_invalid_ones() {
        TestIntegrators.Credentials integrator = integrators.create();
        Observation deletion = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        Bundle bundle = FhirImportTest.transaction(List.of(FhirFixtures.nictiz("nl-core-Patient-01").parse()));
        bundle.setType(Bundle.BundleType.BATCH);
        bundle.addEntry().setResource(deletion).getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Observation/x");

        given().auth().oauth2(integrator.accessToken()).contentType(JSON).body(Fhir.CONTEXT.newJsonParser().encodeResourceToString(bundle))
                .when().post("/fhir")
                .then().statusCode(200)
                .body("type", equalTo("batch-response"))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[0].response.location", equalTo("Patient/nl-core-Patient-01/_history/1"))
                .body("entry[1].response.status", equalTo("400 Bad Request"))
                .body("entry[1].response.outcome.issue[0].code", equalTo("not-supported"));

        assertNotNull(rows.clientId(integrator.organisationId(), "nl-core-Patient-01"));
        assertEquals(1L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void bundle_on_put_and_unknown_type_are_rejected() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();

        given().auth().oauth2(token).contentType(JSON).body("{\"resourceType\": \"Bundle\", \"id\": \"b1\", \"type\": \"collection\"}")
                .when().put("/fhir/Bundle/b1")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("not-supported"));
        given().auth().oauth2(token).contentType(JSON).body("{\"resourceType\": \"Patient\", \"id\": \"p1\"}")
                .when().put("/fhir/Patiënt/p1")
                .then().statusCode(400)
                .body("issue[0].code", equalTo("not-supported"));

        assertEquals(0L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void unsupported_content_type_gets_415() {
        TestIntegrators.Credentials integrator = integrators.create();

        given().auth().oauth2(integrator.accessToken()).contentType("text/plain").body("Patient p1")
                .when().put("/fhir/Patient/p1")
                .then().statusCode(415)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-supported"));
    }

    @Test
    void missing_token_gets_401_operation_outcome() {
        given().contentType(JSON).body("{\"resourceType\": \"Patient\", \"id\": \"p1\"}")
                .when().put("/fhir/Patient/p1")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("login"));
    }

    @Test
    void token_without_fhir_write_gets_403() {
        TestIntegrators.Credentials integrator = integrators.create("members:write");

        given().auth().oauth2(integrator.accessToken()).contentType(JSON).body("{\"resourceType\": \"Patient\", \"id\": \"p1\"}")
                .when().put("/fhir/Patient/p1")
                .then().statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("forbidden"));

        assertEquals(0L, rows.storedResources(integrator.organisationId()));
    }

    @Test
    void body_above_size_limit_gets_413() throws Exception {
        TestIntegrators.Credentials integrator = integrators.create();
        byte[] body = ("{\"resourceType\": \"Patient\", \"id\": \"p1\", \"text\": {\"status\": \"generated\", \"div\": \""
                + "x".repeat(11 * 1024 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);
        // Expect: 100-continue lets the server reject the declared length before the body is sent, so the
        // client reads the 413 instead of a connection closed in the middle of the upload.
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/fhir/Patient/p1"))
                .header("Authorization", "Bearer " + integrator.accessToken())
                .header("Content-Type", JSON)
                .expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());

        // This JDK 17 client hangs on a 413 with a body under Expect: 100-continue, so it gets an empty one.
        assertEquals(413, response.statusCode());
        assertEquals(0L, rows.storedResources(integrator.organisationId()));
    }
}
