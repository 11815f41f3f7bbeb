package nl.clientapp.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.support.TestHostResolver;
import nl.clientapp.support.TestIntegrators;
import nl.clientapp.support.TestOutbox;

/** Registering webhook endpoints, the URL rules, and the events an integrator receives. */
@QuarkusTest
class WebhookEndpointTest {

    private static final String PATH = "/integration/v1/webhook-endpoints";

    @Inject
    TestIntegrators integrators;

    @Inject
    LoginFlow flow;

    @Inject
    TestOutbox outbox;

    @Inject
    Outbox messages;

    @Inject
    TestHostResolver hosts;

    private WireMockServer receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    @Test
    void endpoint_is_registered_listed_without_secret_and_deleted() {
        String token = integrators.create().accessToken();
        Response registered = register(token, Map.of("url", "https://hooks.example.test/clientapp"));
        registered.then().statusCode(201)
                .body("url", equalTo("https://hooks.example.test/clientapp"))
                .body("secret", startsWith("whsec_"));
        String id = registered.path("id");
        assertEquals(32, Base64.getDecoder().decode(registered.<String>path("secret").substring(6)).length);

        given().auth().oauth2(token).get(PATH).then().statusCode(200)
                .body("id", equalTo(List.of(id)))
                .body("[0].secret", nullValue());
        given().auth().oauth2(integrators.create().accessToken()).delete(PATH + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(token).delete(PATH + "/{id}", id).then().statusCode(204);
        given().auth().oauth2(token).delete(PATH + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(token).get(PATH).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void own_secret_is_kept_when_it_follows_the_standard() {
        String token = integrators.create().accessToken();
        String secret = "whsec_" + Base64.getEncoder().encodeToString(SecureTokens.randomBytes(24));

        register(token, Map.of("url", "https://hooks.example.test/a", "secret", secret)).then().statusCode(201)
                .body("secret", equalTo(secret));
        for (String bad : List.of("geheim", "whsec_" + Base64.getEncoder().encodeToString(new byte[16]), "whsec_@@@")) {
            register(token, Map.of("url", "https://hooks.example.test/a", "secret", bad)).then().statusCode(400)
                    .body("type", equalTo("urn:clientapp:problem:webhook-secret-invalid"));
        }
    }

    @Test
    void urls_must_be_https_or_loopback_http_outside_production() {
        String token = integrators.create().accessToken();

        register(token, Map.of("url", "http://hooks.example.test/a")).then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:webhook-url-not-https"))
                .body("title", equalTo("Webhook-URL zonder https"));
        register(token, Map.of("url", "ftp://127.0.0.1/a")).then().statusCode(400)
                .body("type", equalTo("urn:clientapp:problem:webhook-url-not-https"));
        for (String bad : List.of("geen url", "https://user:pw@hooks.example.test/", "/relative", "https://hooks.example.test/#x")) {
            register(token, Map.of("url", bad)).then().statusCode(400)
                    .body("type", equalTo("urn:clientapp:problem:webhook-url-invalid"));
        }
        register(token, Map.of("url", "http://127.0.0.1:9/a")).then().statusCode(201);
        given().auth().oauth2(token).get(PATH).then().body("$", hasSize(1));
    }

    @Test
    void non_public_hosts_rejected_with_422() {
        String token = integrators.create().accessToken();
        hosts.map("intranet.example.test", "10.0.0.5");

        for (String url : List.of("https://10.0.0.5/a", "https://169.254.169.254/latest/meta-data/", "https://[fd00::1]/a",
                "https://intranet.example.test/a")) {
            register(token, Map.of("url", url)).then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:clientapp:problem:webhook-url-not-public"))
                    .body("title", equalTo("Webhook-URL niet openbaar"));
        }
        given().auth().oauth2(token).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(Map.of("url", "https://intranet.example.test/b"))
                .post(PATH)
                .then().statusCode(422)
                .body("title", equalTo("Webhook URL not public"));

        given().auth().oauth2(token).get(PATH).then().body("$", hasSize(0));
    }

    @Test
    void delivery_checks_the_address_again() {
        TestIntegrators.Credentials integrator = integrators.create();
        String host = "rebind-" + UUID.randomUUID() + ".example.test";
        register(integrator.accessToken(), Map.of("url", "https://" + host + "/events")).then().statusCode(201);
        hosts.map(host, "169.254.169.254");
        UUID id = QuarkusTransaction.requiringNew().call(() -> messages.webhook(integrator.organisationId(),
                WebhookEvent.TERMS_ACCEPTED, Map.of())).get(0);

        outbox.deliver();

        TestOutbox.State state = outbox.state(id);
        assertEquals("FAILED", state.status(), "a webhook to a name now pointing at a private address is not retried");
        assertEquals(1, state.attempts());
    }

    @Test
    void production_accepts_https_only() {
        assertEquals("https://hooks.example.test/a", WebhookAddresses.requireHttpsUrl("https://hooks.example.test/a", false).toString());
        for (String url : List.of("http://127.0.0.1/a", "http://localhost/a", "http://[::1]/a")) {
            ProblemException refused = assertThrows(ProblemException.class, () -> WebhookAddresses.requireHttpsUrl(url, false));
            assertEquals(400, refused.status());
        }
        assertThrows(ProblemException.class, () -> WebhookAddresses.requireHttpsUrl("http://127.0.0.1.example.test/a", true));
    }

    @Test
    void organisation_has_at_most_ten_endpoints() {
        String token = integrators.create().accessToken();
        for (int i = 0; i < 10; i++) {
            register(token, Map.of("url", "https://hooks.example.test/" + i)).then().statusCode(201);
        }
        register(token, Map.of("url", "https://hooks.example.test/11")).then().statusCode(409)
                .body("type", equalTo("urn:clientapp:problem:webhook-endpoint-limit"));
    }

    @Test
    void integrator_receives_signed_member_and_terms_events() throws Exception {
        LoginFlow.Invitee invitee = flow.invite();
        Response endpoint = register(invitee.integratorToken(), Map.of("url", "http://127.0.0.1:" + receiver.port() + "/events"));
        String secret = endpoint.path("secret");
        Response second = flow.register(invitee.integratorToken(), invitee.clientId(), "kleinzoon-" + java.util.UUID.randomUUID()
                + "@example.test", LoginFlow.randomDutchMobile(), "nl");
        second.then().statusCode(201);
        LoginFlow.ActivatedDevice device = flow.activate(invitee);
        String versionId = given().auth().oauth2(invitee.integratorToken()).contentType(ContentType.JSON)
                .body(Map.of("versionLabel", "webhooks", "text", "Voorwaarden", "effectiveDate", LocalDate.now().plusYears(5).toString()))
                .post("/integration/v1/terms-versions").then().statusCode(201).extract().path("id");
        given().auth().oauth2(device.accessToken()).post("/app/v1/terms/{id}/acceptance", versionId).then().statusCode(201);
        given().auth().oauth2(invitee.integratorToken())
                .delete("/integration/v1/clients/{clientId}/members/{membershipId}", invitee.clientId(), second.path("membershipId"))
                .then().statusCode(204);

        outbox.deliver();

        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(anyUrl()));
        Set<String> types = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (LoggedRequest request : requests) {
            Map<?, ?> payload = json.readValue(request.getBodyAsString(), Map.class);
            types.add((String) payload.get("type"));
            ids.add(request.getHeader("webhook-id"));
            assertEquals(OutboxTest.hmac(secret, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                    request.getBodyAsString()), request.getHeader("webhook-signature"));
            Map<?, ?> data = (Map<?, ?>) payload.get("data");
            if (!"terms.accepted".equals(payload.get("type"))) {
                assertEquals(invitee.clientId().toString(), data.get("clientId"));
            }
        }
        assertEquals(Set.of("member.activated", "member.registered", "membership.ended", "terms.accepted"), types);
        assertEquals(4, requests.size());
        assertEquals(4, new TreeSet<>(ids).size(), "every message has its own webhook-id");
    }

    private static Response register(String token, Map<String, String> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(PATH);
    }
}
