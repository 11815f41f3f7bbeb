package nl.clientapp.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestDossier;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.TestOutbox;

/**
 * Dutch and Irish names keep their diacritics and apostrophes on every path: a FHIR Patient import
 * to the client's profile, member registration by the integration API, the invitation e-mail,
 * {@code GET /app/v1/me} and both members lists.
 */
@QuarkusTest
class AccentedNamesTest {

    private static final String CLIENT_GIVEN = "Zoë";
    private static final String CLIENT_FAMILY = "van 't Hof";
    private static final String CITY = "'s-Gravenhage";
    private static final String ADMINISTRATOR = "Zoë van 't Hof";
    private static final String ADMINISTRATOR_RELATION = "cliënt";
    private static final String RELATIVE = "Seán O'Neill";
    private static final String RELATIVE_RELATION = "buurman uit 's-Gravenhage";

    @Inject
    TestIntegrators integrators;

    @Inject
    TestDossier dossier;

    @Inject
    TestOutbox outbox;

    @Inject
    LoginFlow flow;

    @Inject
    TestClock clock;

    /** Tokens are signed at the test clock's time and verified at the real time, so the test starts at the real time. */
    @BeforeEach
    void startClockNow() {
        clock.reset();
    }

    @Test
    void accented_names_survive_every_path() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        String patientId = "accenten-" + UUID.randomUUID();
        importPatient(token, patientId);
        Response lookup = given().auth().oauth2(token).queryParam("patientId", patientId).get("/integration/v1/clients");
        lookup.then().statusCode(200);
        UUID clientId = UUID.fromString(lookup.path("id"));
        dossier.careRelationship(clientId, LocalDate.of(2024, 1, 1), null);

        LoginFlow.Invitee administrator = register(integrator, clientId, ADMINISTRATOR, ADMINISTRATOR_RELATION,
                "FULL_ACCESS_ADMIN", "CLIENT");
        LoginFlow.Invitee relative = register(integrator, clientId, RELATIVE, RELATIVE_RELATION, "FULL_ACCESS", "INVITED");

        assertEquals(CLIENT_GIVEN + " " + CLIENT_FAMILY, lookup.path("displayName"));
        assertTrue(invitation(administrator.email()).getText().startsWith("Beste " + ADMINISTRATOR + ",\n"),
                "invitation greets " + ADMINISTRATOR);
        assertTrue(invitation(relative.email()).getText().startsWith("Beste " + RELATIVE + ",\n"), "invitation greets " + RELATIVE);
        String accessToken = flow.activate(administrator).accessToken();
        given().auth().oauth2(accessToken).get("/app/v1/me")
                .then().statusCode(200)
                .body("name", equalTo(ADMINISTRATOR))
                .body("clients[0].displayName", equalTo(CLIENT_GIVEN + " " + CLIENT_FAMILY));
        given().auth().oauth2(accessToken).get("/app/v1/clients/{clientId}/members", clientId)
                .then().statusCode(200)
                .body("name", hasItems(ADMINISTRATOR, RELATIVE))
                .body("relation", hasItems(ADMINISTRATOR_RELATION, RELATIVE_RELATION));
        given().auth().oauth2(token).get("/integration/v1/clients/{clientId}/members", clientId)
                .then().statusCode(200)
                .body("name", hasItems(ADMINISTRATOR, RELATIVE))
                .body("relation", hasItems(ADMINISTRATOR_RELATION, RELATIVE_RELATION));
        given().auth().oauth2(accessToken).get("/app/v1/clients/{clientId}/profile", clientId)
                .then().statusCode(200)
                .body("displayName", equalTo(CLIENT_GIVEN + " " + CLIENT_FAMILY))
                .body("personalDetails.name", equalTo(CLIENT_GIVEN + " " + CLIENT_FAMILY))
                .body("personalDetails.addresses[0].city", equalTo(CITY))
                .body("personalDetails.addresses[0].lines[0]", equalTo("Prinses Beatrixlaan 2"));
    }

    /** Sends the Patient as an integrator would: UTF-8 bytes of hand-written FHIR JSON. */
    private static void importPatient(String token, String patientId) {
        String patient = """
                {
                  "resourceType": "Patient",
                  "id": "%s",
                  "name": [ { "use": "official", "given": [ "%s" ], "family": "%s" } ],
                  "birthDate": "1938-05-04",
                  "address": [ { "use": "home", "line": [ "Prinses Beatrixlaan 2" ], "city": "%s", "postalCode": "2595 AL" } ]
                }
                """.formatted(patientId, CLIENT_GIVEN, CLIENT_FAMILY, CITY);
        given().auth().oauth2(token).contentType("application/fhir+json; charset=UTF-8")
                .body(patient.getBytes(StandardCharsets.UTF_8))
                .put("/fhir/Patient/{id}", patientId)
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    private static LoginFlow.Invitee register(TestIntegrators.Credentials integrator, UUID clientId, String name, String relation,
            String role, String basis) {
        String national = LoginFlow.randomDutchMobile();
        String email = "accent-" + UUID.randomUUID() + "@example.test";
        Response registered = given().auth().oauth2(integrator.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "relation", relation, "email", email, "mobile", national, "role", role, "basis", basis))
                .post("/integration/v1/clients/{clientId}/members", clientId);
        registered.then().statusCode(201);
        return new LoginFlow.Invitee(integrator, integrator.accessToken(), clientId,
                UUID.fromString(registered.path("membershipId")), UUID.fromString(registered.path("userId")), email,
                "+31" + national.substring(1).replace("-", ""), LoginFlow.randomIpAddress());
    }

    private Mail invitation(String email) {
        List<Mail> mails = outbox.mailsTo(email);
        assertEquals(1, mails.size(), "one invitation e-mail");
        return mails.get(0);
    }
}
