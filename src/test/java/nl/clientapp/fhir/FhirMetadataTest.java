package nl.clientapp.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FhirMetadataTest {

    @Test
    void capability_statement_is_public_and_documents_mapping() {
        given().when().get("/fhir/metadata")
                .then().statusCode(200)
                .contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"))
                .body("format", hasItems("application/fhir+json", "application/fhir+xml"))
                .body("rest[0].interaction.code", hasItems("transaction", "batch"))
                .body("rest[0].documentation", containsString("https://clientapp.nl/fhir/CodeSystem/profile-section"))
                .body("rest[0].resource.find { it.type == 'Patient' }.interaction[0].code", equalTo("update"))
                .body("rest[0].resource.find { it.type == 'Composition' }.documentation", containsString("SOEP"))
                .body("rest[0].resource.find { it.type == 'DocumentReference' }.documentation", containsString("mijn-verhaal"))
                .body("rest[0].resource.find { it.type == 'Flag' }.documentation", containsString("accepted but not projected"))
                .body("rest[0].resource.find { it.type == 'Practitioner' }.documentation", containsString("not shown on its own"));
    }

    @Test
    void capability_statement_in_xml_when_accept_asks() {
        given().accept("application/fhir+xml").when().get("/fhir/metadata")
                .then().statusCode(200)
                .contentType(startsWith("application/fhir+xml"))
                .body("CapabilityStatement.fhirVersion.@value", equalTo("4.0.1"));
    }
}
