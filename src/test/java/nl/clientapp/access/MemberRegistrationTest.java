package nl.clientapp.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.auth.LoginRecords;
import nl.clientapp.client.Client;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestIntegrators;

/** Registration of app users by integrators: validation, normalisation, reuse of users and organisation boundaries. */
@QuarkusTest
class MemberRegistrationTest {

    @Inject
    LoginFlow flow;

    @Inject
    LoginRecords records;

    @Inject
    TestIntegrators integrators;

    @Inject
    TestAppUsers appUsers;

    @ParameterizedTest
    @ValueSource(strings = { "06-%s", "+31 6 %s", "00316%s", "0031 (0)6 %s" })
    void dutch_mobile_notations_become_e164(String notation) {
        String digits = String.format("1%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        Setup setup = setup();

        Response response = flow.register(setup.token(), setup.clientId(), newEmail(), notation.formatted(digits), "nl");

        response.then().statusCode(201);
        assertEquals("+316" + digits, records.storedMobile(UUID.fromString(response.path("userId"))));
    }

    @Test
    void dutch_notations_of_one_number_give_one_e164() {
        Setup setup = setup();
        List<String> stored = new ArrayList<>();

        for (String notation : List.of("06-12345678", "+31 6 1234 5678", "0031612345678", "06 12 34 56 78")) {
            Response response = flow.register(setup.token(), setup.clientId(), newEmail(), notation, "nl");
            response.then().statusCode(201);
            stored.add(records.storedMobile(UUID.fromString(response.path("userId"))));
        }

        assertEquals(List.of("+31612345678", "+31612345678", "+31612345678", "+31612345678"), stored);
    }

    @Test
    void belgian_mobile_is_accepted() {
        Setup setup = setup();

        flow.register(setup.token(), setup.clientId(), newEmail(), "+32 470 12 34 56", "nl").then().statusCode(201);
    }

    @Test
    void mobile_from_disallowed_country_is_rejected() {
        Setup setup = setup();

        flow.register(setup.token(), setup.clientId(), newEmail(), "+44 7400 123456", "nl").then().statusCode(400)
                .body("errors[0].field", equalTo("mobile"))
                .body("errors[0].message", equalTo("Sms-codes kunnen niet naar nummers uit dit land worden gestuurd."));
    }

    @Test
    void landline_number_is_rejected() {
        Setup setup = setup();

        flow.register(setup.token(), setup.clientId(), newEmail(), "020-5551234", "nl").then().statusCode(400)
                .body("errors[0].field", equalTo("mobile"))
                .body("errors[0].message", equalTo("Dit is geen geldig mobiel nummer."));
    }

    @Test
    void registration_response_omits_activation_code() {
        Setup setup = setup();

        Response response = flow.register(setup.token(), setup.clientId(), newEmail(), LoginFlow.randomDutchMobile(), "nl");

        response.then().statusCode(201);
        assertEquals(Set.of("membershipId", "userId", "invitationExpiresAt"), response.jsonPath().getMap("$").keySet());
    }

    @Test
    void same_email_reuses_the_user_for_another_client() {
        Setup setup = setup();
        Client secondClient = appUsers.createClient(setup.credentials().organisationId(), "Meneer Bakker");
        String email = newEmail();

        Response first = flow.register(setup.token(), setup.clientId(), email.toUpperCase(), LoginFlow.randomDutchMobile(), "nl");
        Response second = flow.register(setup.token(), secondClient.id, email, LoginFlow.randomDutchMobile(), "nl");

        first.then().statusCode(201);
        second.then().statusCode(201);
        assertEquals((String) first.path("userId"), second.path("userId"));
        assertEquals(email, records.storedEmail(UUID.fromString(first.path("userId"))));
    }

    @Test
    void second_registration_for_the_same_client_is_409() {
        Setup setup = setup();
        String email = newEmail();
        flow.register(setup.token(), setup.clientId(), email, LoginFlow.randomDutchMobile(), "nl").then().statusCode(201);

        flow.register(setup.token(), setup.clientId(), email, LoginFlow.randomDutchMobile(), "nl").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:member-exists"));
    }

    @Test
    void parallel_registrations_create_one_membership() throws Exception {
        Setup setup = setup();
        String email = newEmail();
        int requests = 10;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();

        for (int i = 0; i < requests; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return flow.register(setup.token(), setup.clientId(), email, LoginFlow.randomDutchMobile(), "nl").statusCode();
            }));
        }
        start.countDown();
        Map<Integer, Integer> counts = new HashMap<>();
        for (Future<Integer> status : statuses) {
            counts.merge(status.get(), 1, Integer::sum);
        }
        pool.shutdown();

        assertEquals(1, counts.getOrDefault(201, 0), "statuses: " + counts);
        assertEquals(requests - 1, counts.getOrDefault(409, 0), "statuses: " + counts);
    }

    @Test
    void client_of_another_organisation_is_404() {
        Setup setup = setup();
        Setup other = setup();

        flow.register(setup.token(), other.clientId(), newEmail(), LoginFlow.randomDutchMobile(), "nl").then().statusCode(404);
        given().auth().oauth2(setup.token())
                .post("/integration/v1/clients/{clientId}/members/{membershipId}/invitation", other.clientId(), UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void invitation_of_another_clients_membership_is_404() {
        LoginFlow.Invitee invitee = flow.invite();
        Client otherClient = appUsers.createClient(invitee.integrator().organisationId(), "Meneer Bakker");

        given().auth().oauth2(invitee.integratorToken())
                .post("/integration/v1/clients/{clientId}/members/{membershipId}/invitation", otherClient.id,
                        invitee.membershipId())
                .then().statusCode(404);
    }

    @Test
    void oversized_and_missing_fields_are_rejected() {
        Setup setup = setup();
        Map<String, Object> body = new HashMap<>(Map.of("name", "x".repeat(201), "email", newEmail(),
                "mobile", LoginFlow.randomDutchMobile(), "role", "FULL_ACCESS"));

        Response response = given().auth().oauth2(setup.token()).contentType(ContentType.JSON).body(body)
                .post("/integration/v1/clients/{clientId}/members", setup.clientId());

        response.then().statusCode(400).body("type", equalTo("urn:clientapp:problem:invalid-request"));
        assertTrue(response.asString().contains("\"name\""));
        assertTrue(response.asString().contains("\"basis\""));
    }

    @Test
    void registration_needs_members_write_scope() {
        TestIntegrators.Credentials fhirOnly = integrators.create("fhir:write");
        Client client = appUsers.createClient(fhirOnly.organisationId(), "Mevrouw Jansen");
        TestAppUsers.SignedInUser appUser = appUsers.memberOf(client.id, Role.FULL_ACCESS_ADMIN);

        flow.register(fhirOnly.accessToken(), client.id, newEmail(), LoginFlow.randomDutchMobile(), "nl").then().statusCode(403);
        flow.register(appUser.accessToken(), client.id, newEmail(), LoginFlow.randomDutchMobile(), "nl").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/integration/v1/clients/{clientId}/members", client.id)
                .then().statusCode(401);
    }

    @Test
    void client_lookup_stays_within_organisation() {
        Setup setup = setup();
        Setup other = setup();

        given().auth().oauth2(setup.token()).queryParam("patientId", "test-" + setup.clientId()).get("/integration/v1/clients")
                .then().statusCode(200)
                .body("id", equalTo(setup.clientId().toString()))
                .body("displayName", equalTo("Mevrouw Jansen"));
        given().auth().oauth2(other.token()).queryParam("patientId", "test-" + setup.clientId()).get("/integration/v1/clients")
                .then().statusCode(404);
    }

    private record Setup(TestIntegrators.Credentials credentials, String token, UUID clientId) {
    }

    private Setup setup() {
        TestIntegrators.Credentials credentials = integrators.create();
        Client client = appUsers.createClient(credentials.organisationId(), "Mevrouw Jansen");
        return new Setup(credentials, credentials.accessToken(), client.id);
    }

    private static String newEmail() {
        return "naaste-" + UUID.randomUUID() + "@example.test";
    }
}
