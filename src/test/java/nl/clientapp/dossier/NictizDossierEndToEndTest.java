package nl.clientapp.dossier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.fhir.FhirFixtures;
import nl.clientapp.support.TestIntegrators;

/**
 * The first slice end to end, on the Dutch Nictiz example client: the organisation imports her
 * dossier as FHIR, registers a relative, and the relative activates the app with the e-mailed code,
 * the SMS code, a PIN and a device key, logs in again with the PIN, and reads every section.
 */
@QuarkusTest
class NictizDossierEndToEndTest {

    private static final String PATIENT = "nl-core-Patient-01";
    private static final String PIN = "40719";

    @Inject
    TestIntegrators integrators;

    @Inject
    LoginFlow login;

    @Test
    void relative_reads_imported_nictiz_dossier_after_pin_login() {
        TestIntegrators.Credentials integrator = integrators.create();
        String integratorToken = integrator.accessToken();
        importNictizFolder(integratorToken);
        UUID clientId = UUID.fromString(given().auth().oauth2(integratorToken)
                .queryParam("patientId", PATIENT)
                .when().get("/integration/v1/clients")
                .then().statusCode(200)
                .body("displayName", equalTo("Johanna Petronella Maria van Putten-van der Giessen"))
                .extract().path("id"));

        register(integratorToken, integrator, clientId, "FULL_ACCESS_ADMIN", "CONTACT_PERSON");
        LoginFlow.Invitee relative = register(integratorToken, integrator, clientId, "FULL_ACCESS", "INVITED");
        String accessToken = activateAndLogInWithPin(relative);

        RequestSpecification app = given().auth().oauth2(accessToken).header("Accept-Language", "nl");
        app.when().get("/app/v1/clients")
                .then().statusCode(200)
                .body("clientId", hasItem(clientId.toString()))
                .body("find { it.clientId == '%s' }.role".formatted(clientId), equalTo("FULL_ACCESS"));

        String base = "/app/v1/clients/" + clientId;
        given().auth().oauth2(accessToken).when().get(base + "/profile")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("displayName", equalTo("Johanna Petronella Maria van Putten-van der Giessen"))
                .body("birthDate", equalTo("1934-04-28"))
                .body("careRelationships.startDate", hasItem("2014-04-05"));
        given().auth().oauth2(accessToken).when().get(base + "/measurements")
                .then().statusCode(200)
                .body("items.find { it.code == '29463-7' }.value", equalTo(2400))
                .body("items.find { it.code == '29463-7' }.unit", equalTo("gram"));
        given().auth().oauth2(accessToken).when().get(base + "/reports")
                .then().statusCode(200)
                .body("items.title", hasItem("Geneesmiddelbijwerking"))
                // The text of the SOEP line Observation, imported after its report, not the report's narrative.
                .body("items.find { it.title == 'Geneesmiddelbijwerking' }.sections.find { it.code == 'S' }.text",
                        startsWith("Sinds 2 maanden hoesten. Begonnen na start enalapril."));
        given().auth().oauth2(accessToken).when().get(base + "/network")
                .then().statusCode(200)
                .body("relatives.name", hasItem("J.P.M. van Putten-van der Giessen"))
                .body("relatives.find { it.name == 'J.P.M. van Putten-van der Giessen' }.relation",
                        containsString("contactpersoon"))
                .body("professionals.size()", org.hamcrest.Matchers.greaterThan(0));
        given().auth().oauth2(accessToken).when().get(base + "/care-plan")
                .then().statusCode(200)
                .body("domains.activities.flatten().title", hasItem("voorlichten over pijnmanagement"));
        given().auth().oauth2(accessToken).when().get(base + "/agenda")
                .then().statusCode(200);
        given().auth().oauth2(accessToken).when().get(base + "/documents")
                .then().statusCode(200);
        given().auth().oauth2(accessToken).when().get(base + "/timeline?limit=100")
                .then().statusCode(200)
                .body("items.kind", hasItems("REPORT", "MEASUREMENT"))
                .body("items.find { it.kind == 'REPORT' }.report.text", containsString("Sinds 2 maanden hoesten"));
    }

    @Test
    void timeline_only_relative_sees_no_nictiz_dossier_data() {
        TestIntegrators.Credentials integrator = integrators.create();
        String integratorToken = integrator.accessToken();
        importNictizFolder(integratorToken);
        UUID clientId = UUID.fromString(given().auth().oauth2(integratorToken)
                .queryParam("patientId", PATIENT)
                .when().get("/integration/v1/clients")
                .then().statusCode(200)
                .extract().path("id"));

        register(integratorToken, integrator, clientId, "FULL_ACCESS_ADMIN", "CONTACT_PERSON");
        LoginFlow.Invitee volunteer = register(integratorToken, integrator, clientId, "TIMELINE_ONLY", "INVITED");
        String accessToken = activateAndLogInWithPin(volunteer);

        String base = "/app/v1/clients/" + clientId;
        for (String section : new String[] { "/reports", "/measurements", "/profile", "/network", "/care-plan", "/agenda", "/documents" }) {
            given().auth().oauth2(accessToken).when().get(base + section)
                    .then().statusCode(404);
        }
        given().auth().oauth2(accessToken).when().get(base + "/timeline?limit=100")
                .then().statusCode(200)
                .body("items.kind", everyItem(equalTo("NEWS_POST")))
                .body("items.kind", not(hasItem("REPORT")));
    }

    /** Imports every file of the Nictiz folder as the import script does, naming the example patient. */
    private static void importNictizFolder(String integratorToken) {
        for (FhirFixtures.Fixture fixture : FhirFixtures.nictiz()) {
            int status = given().auth().oauth2(integratorToken)
                    .queryParam("patient", PATIENT)
                    .contentType(fixture.mediaType())
                    .body(fixture.content())
                    .when().put("/fhir/" + fixture.resourceType() + "/" + fixture.resourceId())
                    .statusCode();
            assertTrue(status == 200 || status == 201, fixture.path() + " answered " + status);
        }
    }

    private LoginFlow.Invitee register(String integratorToken, TestIntegrators.Credentials integrator, UUID clientId, String role,
            String basis) {
        String email = "Naaste-" + UUID.randomUUID() + "@Example.test";
        String mobile = LoginFlow.randomDutchMobile();
        Response registration = given().auth().oauth2(integratorToken).contentType(ContentType.JSON)
                .body(Map.of("name", "Anna van Putten", "relation", "dochter", "email", email, "mobile", mobile,
                        "role", role, "basis", basis, "language", "nl"))
                .when().post("/integration/v1/clients/{clientId}/members", clientId);
        registration.then().statusCode(201);
        return new LoginFlow.Invitee(integrator, integratorToken, clientId, UUID.fromString(registration.path("membershipId")),
                UUID.fromString(registration.path("userId")), email.toLowerCase(java.util.Locale.ROOT),
                "+31" + mobile.substring(1).replace("-", ""), LoginFlow.randomIpAddress());
    }

    /** Activates a device from the invitation e-mail and SMS, then logs in again with the PIN and returns that access token. */
    private String activateAndLogInWithPin(LoginFlow.Invitee invitee) {
        UUID activationId = login.startActivation(invitee);
        KeyPair deviceKey = LoginFlow.newDeviceKey();
        Response activation = login.complete(invitee, activationId, login.smsCode(invitee.mobile()), PIN, deviceKey);
        activation.then().statusCode(201);
        LoginFlow.ActivatedDevice device = new LoginFlow.ActivatedDevice(invitee, UUID.fromString(activation.path("deviceId")),
                deviceKey, PIN, activation.path("accessToken"), activation.path("refreshToken"));

        Response pinLogin = login.pinLogin(device, PIN);
        pinLogin.then().statusCode(200);
        return pinLogin.path("accessToken");
    }
}
