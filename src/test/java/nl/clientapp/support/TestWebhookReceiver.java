package nl.clientapp.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.http.ContentType;

/**
 * A webhook endpoint on loopback that an integrator registers through the API. It reads what the
 * outbox relay delivered and checks each request's Standard Webhooks signature with the secret the
 * API handed out, so a test sees only events that a real receiver would accept.
 */
public final class TestWebhookReceiver implements AutoCloseable {

    /** One delivered event: its type and data. */
    public record Event(String type, Map<String, Object> data) {
    }

    private final WireMockServer server;
    private final String secret;

    private TestWebhookReceiver(WireMockServer server, String secret) {
        this.server = server;
        this.secret = secret;
    }

    /** Starts a receiver and registers it as a webhook endpoint of the integrator's organisation. */
    public static TestWebhookReceiver register(String integratorToken) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
        String secret = given().auth().oauth2(integratorToken).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + server.port() + "/events"))
                .post("/integration/v1/webhook-endpoints")
                .then().statusCode(201)
                .extract().path("secret");
        return new TestWebhookReceiver(server, secret);
    }

    /** The events received so far, oldest first; fails when a request's signature does not verify. */
    @SuppressWarnings("unchecked")
    public List<Event> events() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Event> events = new ArrayList<>();
        for (LoggedRequest request : server.findAll(postRequestedFor(anyUrl()))) {
            String body = request.getBodyAsString();
            assertEquals(signature(secret, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"), body),
                    request.getHeader("webhook-signature"));
            Map<String, Object> payload = json.readValue(body, Map.class);
            events.add(new Event((String) payload.get("type"), (Map<String, Object>) payload.get("data")));
        }
        return events;
    }

    /** The Standard Webhooks signature {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
    public static String signature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
