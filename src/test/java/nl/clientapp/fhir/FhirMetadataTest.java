package nl.clientapp.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.ServedOpenApi;
import nl.clientapp.support.TestIntegrators;

@QuarkusTest
class FhirMetadataTest {

    /** The FHIR interactions each /fhir route serves; a route missing here fails the test until it is described. */
    private static final Map<String, List<String>> ROUTE_INTERACTIONS = Map.of(
            "PUT /fhir/{type}/{id}", List.of("update"),
            "PUT /fhir/{type}", List.of("conditional-update"),
            "POST /fhir", List.of("system:transaction", "system:batch"),
            "GET /fhir/metadata", List.of());

    @Inject
    TestIntegrators integrators;

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
                .body("rest[0].documentation", containsString("fhirVersion=3.0"))
                .body("rest[0].resource.find { it.type == 'Patient' }.interaction[0].code", equalTo("update"))
                .body("rest[0].resource.find { it.type == 'Patient' }.conditionalUpdate", equalTo(true))
                .body("rest[0].resource.find { it.type == 'Patient' }.searchParam[0].name", equalTo("identifier"))
                .body("rest[0].resource.find { it.type == 'Composition' }.documentation", containsString("SOEP"))
                .body("rest[0].resource.find { it.type == 'DocumentReference' }.documentation", containsString("mijn-verhaal"))
                .body("rest[0].resource.find { it.type == 'Flag' }.documentation", containsString("accepted but not projected"))
                .body("rest[0].resource.find { it.type == 'Practitioner' }.documentation", containsString("not shown on its own"));
    }

    @Test
    void security_is_oauth_client_credentials_without_smart() {
        given().when().get("/fhir/metadata")
                .then().statusCode(200)
                .body("rest[0].security.cors", equalTo(false))
                .body("rest[0].security.service[0].coding[0].system", equalTo("http://terminology.hl7.org/CodeSystem/restful-security-service"))
                .body("rest[0].security.service[0].coding[0].code", equalTo("OAuth"))
                .body("rest[0].security.description", containsString("client credentials"))
                .body("rest[0].security.description", containsString("no SMART on FHIR"))
                // SMART on FHIR would announce its endpoints in this extension; this API has none.
                .body("rest[0].security.extension", equalTo(null));
    }

    @Test
    void capability_statement_in_xml_when_accept_asks() {
        given().accept("application/fhir+xml").when().get("/fhir/metadata")
                .then().statusCode(200)
                .contentType(startsWith("application/fhir+xml"))
                .body("CapabilityStatement.fhirVersion.@value", equalTo("4.0.1"));
    }

    /** The interactions in the statement are exactly those of the routes the application serves under /fhir. */
    @Test
    void interactions_match_the_served_routes() {
        Set<String> served = new TreeSet<>();
        for (String operation : ServedOpenApi.fetch().operations().keySet()) {
            if (operation.contains(" /fhir")) {
                List<String> interactions = ROUTE_INTERACTIONS.get(operation);
                if (interactions == null) {
                    fail("The route " + operation + " is served but not described; add it to the CapabilityStatement and this test");
                }
                served.addAll(interactions);
            }
        }

        CapabilityStatementRestComponent rest = statement().getRestFirstRep();
        Set<String> stated = new TreeSet<>();
        rest.getInteraction().forEach(interaction -> stated.add("system:" + interaction.getCode().toCode()));
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            resource.getInteraction().forEach(interaction -> stated.add(interaction.getCode().toCode()));
            if (resource.getConditionalUpdate()) {
                stated.add("conditional-update");
            }
            assertTrue(resource.getUpdateCreate(), resource.getType() + " must state that update creates");
        }
        assertEquals(served, stated);
    }

    /**
     * Every R4 type goes to the real import in one batch: the types the statement lists must be
     * stored, the others refused; likewise for conditional updates by identifier.
     */
    @Test
    void listed_types_and_conditional_updates_are_exactly_the_accepted_ones() {
        CapabilityStatementRestComponent rest = statement().getRestFirstRep();
        Map<String, Boolean> listed = new TreeMap<>();
        rest.getResource().forEach(resource -> listed.put(resource.getType(), resource.getConditionalUpdate()));
        String token = integrators.create().accessToken();

        Bundle plain = new Bundle().setType(Bundle.BundleType.BATCH);
        Bundle conditional = new Bundle().setType(Bundle.BundleType.BATCH);
        List<String> types = new ArrayList<>(new TreeSet<>(Fhir.CONTEXT.getResourceTypes()));
        for (String type : types) {
            Resource resource = (Resource) Fhir.CONTEXT.getResourceDefinition(type).newInstance();
            resource.setId("all-" + type.toLowerCase());
            plain.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(type + "/" + resource.getIdElement().getIdPart());
            Resource byIdentifier = (Resource) Fhir.CONTEXT.getResourceDefinition(type).newInstance();
            if (Fhir.CONTEXT.getResourceDefinition(type).getChildByName("identifier") != null) {
                byIdentifier.setProperty("identifier", new Identifier().setSystem("https://ecd.example.test/all").setValue(type));
            }
            conditional.addEntry().setResource(byIdentifier).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(type + "?identifier=https://ecd.example.test/all|" + type);
        }

        List<String> plainStatuses = batch(token, plain);
        List<String> conditionalStatuses = batch(token, conditional);
        Set<String> accepted = new HashSet<>();
        Set<String> acceptedByIdentifier = new HashSet<>();
        for (int index = 0; index < types.size(); index++) {
            String plainStatus = plainStatuses.get(index);
            assertTrue(plainStatus.startsWith("201") || plainStatus.startsWith("400"), types.get(index) + " answered " + plainStatus);
            if (plainStatus.startsWith("201")) {
                accepted.add(types.get(index));
            }
            String conditionalStatus = conditionalStatuses.get(index);
            assertTrue(conditionalStatus.startsWith("201") || conditionalStatus.startsWith("400"),
                    types.get(index) + " by identifier answered " + conditionalStatus);
            if (conditionalStatus.startsWith("201")) {
                acceptedByIdentifier.add(types.get(index));
            }
        }
        assertEquals(listed.keySet(), new TreeSet<>(accepted));
        Set<String> listedConditional = new TreeSet<>();
        listed.forEach((type, conditionalUpdate) -> {
            if (conditionalUpdate) {
                listedConditional.add(type);
            }
        });
        assertEquals(listedConditional, new TreeSet<>(acceptedByIdentifier));
        assertFalse(listedConditional.isEmpty());
    }

    /** Every nl-core profile the Nictiz zib2020 examples claim is a supported profile of its type. */
    @Test
    void nl_core_profiles_of_the_examples_are_supported() {
        Map<String, Set<String>> supported = new TreeMap<>();
        for (CapabilityStatementRestResourceComponent resource : statement().getRestFirstRep().getResource()) {
            Set<String> profiles = new HashSet<>();
            resource.getSupportedProfile().forEach(profile -> profiles.add(profile.getValue()));
            supported.put(resource.getType(), profiles);
        }
        List<String> missing = new ArrayList<>();
        for (FhirFixtures.Fixture fixture : FhirFixtures.nictiz()) {
            fixture.parse().getMeta().getProfile().forEach(profile -> {
                if (!supported.getOrDefault(fixture.resourceType(), Set.of()).contains(profile.getValue())) {
                    missing.add(fixture.resourceType() + " " + profile.getValue());
                }
            });
        }
        assertEquals(List.of(), missing);
    }

    private static CapabilityStatement statement() {
        String json = given().when().get("/fhir/metadata").then().statusCode(200).extract().asString();
        return Fhir.CONTEXT.newJsonParser().parseResource(CapabilityStatement.class, json);
    }

    private static List<String> batch(String token, Bundle bundle) {
        return given().auth().oauth2(token).contentType("application/fhir+json")
                .body(Fhir.CONTEXT.newJsonParser().encodeResourceToString(bundle))
                .when().post("/fhir")
                .then().statusCode(200)
                .body("type", equalTo("batch-response"))
                .extract().jsonPath().getList("entry.response.status");
    }
}
