package nl.clientapp.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestIntegrators;

@QuarkusTest
class IntegratorTokenTest {

    @Inject
    TestIntegrators integrators;

    @Test
    void client_credentials_grant_issues_short_lived_bearer_token() {
        TestIntegrators.Credentials credentials = integrators.create();

        given().auth().preemptive().basic(credentials.clientId(), credentials.clientSecret())
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("scope", equalTo("fhir:write members:write terms:write audit:read audit:write webhooks:write chat:write"))
                .body("access_token", notNullValue());
    }

    @Test
    void secret_in_form_fields_is_accepted() {
        TestIntegrators.Credentials credentials = integrators.create();

        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", credentials.clientId())
                .formParam("client_secret", credentials.clientSecret())
                .when().post("/oauth/token")
                .then().statusCode(200);
    }

    @Test
    void wrong_secret_and_unknown_client_get_identical_401() {
        TestIntegrators.Credentials credentials = integrators.create();

        String wrongSecret = given().auth().preemptive().basic(credentials.clientId(), "wrong")
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"))
                .extract().asString();
        String unknownClient = given().auth().preemptive().basic("no-such-client", "wrong")
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(401)
                .extract().asString();

        org.junit.jupiter.api.Assertions.assertEquals(wrongSecret, unknownClient);
    }

    @Test
    void scope_beyond_the_clients_scopes_is_rejected() {
        TestIntegrators.Credentials credentials = integrators.create("fhir:write");

        given().auth().preemptive().basic(credentials.clientId(), credentials.clientSecret())
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "members:write")
                .when().post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void other_grant_types_are_rejected() {
        TestIntegrators.Credentials credentials = integrators.create();

        given().auth().preemptive().basic(credentials.clientId(), credentials.clientSecret())
                .formParam("grant_type", "password")
                .when().post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }
}
