package nl.clientapp.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import nl.clientapp.client.Organisation;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.integration.IntegratorClient;

/** Creates organisations and integrators with fresh random credentials, one set per test. */
@ApplicationScoped
public class TestIntegrators {

    /** Credentials of a test integrator and the organisation it belongs to. */
    public record Credentials(UUID organisationId, String clientId, String clientSecret) {

        /** Returns a fresh access token for these credentials from the token endpoint. */
        public String accessToken() {
            // From an address of its own, so the suite's many tokens stay under the per-IP request cap.
            return given().header("X-Forwarded-For", "10.200." + ThreadLocalRandom.current().nextInt(256) + "."
                    + ThreadLocalRandom.current().nextInt(1, 255))
                    .auth().preemptive().basic(clientId, clientSecret)
                    .formParam("grant_type", "client_credentials")
                    .post("/oauth/token")
                    .then().statusCode(200)
                    .extract().path("access_token");
        }
    }

    @Transactional
    public Credentials create(String scopes) {
        Organisation organisation = new Organisation();
        organisation.id = UUID.randomUUID();
        organisation.name = "Testorganisatie " + organisation.id;
        organisation.createdAt = Instant.now();
        organisation.persist();

        String secret = SecureTokens.randomToken(32);
        IntegratorClient integrator = new IntegratorClient();
        integrator.id = UUID.randomUUID();
        integrator.organisationId = organisation.id;
        integrator.clientId = "test-" + UUID.randomUUID();
        integrator.secretHash = SecureTokens.sha256Hex(secret);
        integrator.scopes = scopes;
        integrator.name = "Test integrator";
        integrator.active = true;
        integrator.createdAt = Instant.now();
        integrator.persist();
        return new Credentials(organisation.id, integrator.clientId, secret);
    }

    public Credentials create() {
        return create("fhir:write members:write terms:write audit:read audit:write webhooks:write chat:write");
    }
}
