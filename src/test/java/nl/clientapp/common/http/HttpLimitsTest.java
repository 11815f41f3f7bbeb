package nl.clientapp.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.support.RawHttp;
import nl.clientapp.support.TestIntegrators;

/**
 * Request size limits at the HTTP layer, sent over plain sockets so that each transfer style is
 * exact: a body above 10 MB with Content-Length, chunked, and under {@code Expect: 100-continue};
 * an over-long URL; over-large and too many headers; and bytes that are not UTF-8.
 */
@QuarkusTest
class HttpLimitsTest {

    /** One KiB above quarkus.http.limits.max-body-size (10M). */
    private static final long ABOVE_LIMIT = 10L * 1024 * 1024 + 1024;

    private static final String ACTIVATIONS = "POST /app/v1/auth/activations HTTP/1.1";

    @Inject
    TestIntegrators integrators;

    @Inject
    ObjectMapper json;

    @Test
    void declared_body_above_limit_gets_413_problem() throws IOException {
        RawHttp.Response response = RawHttp.exchange(RawHttp.head(ACTIVATIONS, headers("en", "Content-Length: " + ABOVE_LIMIT)),
                RawHttp.plain(ABOVE_LIMIT));

        assertPayloadTooLarge(response, "en");
    }

    @Test
    void declared_body_with_expect_continue_rejected_before_sending() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                RawHttp.head(ACTIVATIONS, headers("nl", "Content-Length: " + ABOVE_LIMIT, "Expect: 100-continue")), null);

        assertPayloadTooLarge(response, "nl");
        assertEquals(List.of(), response.interimStatuses(), "the server invited a body it rejects");
    }

    @Test
    void old_jdk_client_gets_empty_413() throws IOException {
        // The JDK's HTTP client before version 20 hangs on a final response with a body in place of 100 Continue.
        RawHttp.Response old = RawHttp.exchange(RawHttp.head(ACTIVATIONS,
                headers("en", "Content-Length: " + ABOVE_LIMIT, "Expect: 100-continue", "User-Agent: Java-http-client/17.0.15")), null);
        RawHttp.Response fixed = RawHttp.exchange(RawHttp.head(ACTIVATIONS,
                headers("en", "Content-Length: " + ABOVE_LIMIT, "Expect: 100-continue", "User-Agent: Java-http-client/21.0.2")), null);

        assertEquals(413, old.status());
        assertEquals("", old.body());
        assertPayloadTooLarge(fixed, "en");
    }

    @Test
    void chunked_body_stopped_at_limit_without_its_end() throws IOException {
        // The last chunk never comes: a server that read to the end of the body would time out here.
        RawHttp.Response response = RawHttp.exchange(RawHttp.head(ACTIVATIONS, headers("en", "Transfer-Encoding: chunked")),
                RawHttp.chunks(ABOVE_LIMIT, false));

        assertPayloadTooLarge(response, "en");
    }

    @Test
    void chunked_body_with_expect_continue_stopped_at_limit() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                RawHttp.head(ACTIVATIONS, headers("nl", "Transfer-Encoding: chunked", "Expect: 100-continue")),
                RawHttp.chunks(ABOVE_LIMIT, false));

        assertPayloadTooLarge(response, "nl");
    }

    @Test
    void chunked_body_below_limit_reaches_resource() throws IOException {
        byte[] valid = "{\"activationCode\": \"unknown-code\"}".getBytes(StandardCharsets.UTF_8);
        byte[] nearLimit = ("{\"activationCode\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        RawHttp.Response accepted = RawHttp.exchange(RawHttp.head(ACTIVATIONS, headers("en", "Transfer-Encoding: chunked")),
                RawHttp.chunks(valid));
        RawHttp.Response invalid = RawHttp.exchange(RawHttp.head(ACTIVATIONS, headers("en", "Transfer-Encoding: chunked")),
                RawHttp.chunks(nearLimit));

        assertEquals(202, accepted.status(), accepted.body());
        assertEquals(400, invalid.status(), "9 MB is below the limit, so the resource's own validation answers: " + invalid.body());
    }

    @Test
    void chunked_fhir_body_gets_operation_outcome() throws IOException {
        String token = integrators.create().accessToken();

        RawHttp.Response response = RawHttp.exchange(RawHttp.head("PUT /fhir/Patient/p1 HTTP/1.1",
                List.of("Authorization: Bearer " + token, "Content-Type: application/fhir+json", "Accept-Language: en",
                        "Transfer-Encoding: chunked")),
                RawHttp.chunks(ABOVE_LIMIT, false));

        assertEquals(413, response.status());
        assertTrue(response.header("content-type").startsWith("application/fhir+json"), response.header("content-type"));
        Map<?, ?> outcome = json.readValue(response.body(), Map.class);
        assertEquals("OperationOutcome", outcome.get("resourceType"));
    }

    @Test
    void java_http_client_reads_413_for_streamed_body() throws Exception {
        // A publisher without a length makes the JDK client send the body chunked, after 100 Continue.
        byte[] block = new byte[64 * 1024];
        List<ByteBuffer> blocks = Collections.nCopies((int) (ABOVE_LIMIT / block.length) + 2, ByteBuffer.wrap(block));
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/app/v1/auth/activations"))
                .header("Content-Type", "application/json")
                .header("Accept-Language", "en")
                .header("X-Forwarded-For", LoginFlow.randomIpAddress())
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.fromPublisher(subscriber -> {
                    java.util.concurrent.SubmissionPublisher<ByteBuffer> publisher = new java.util.concurrent.SubmissionPublisher<>();
                    publisher.subscribe(subscriber);
                    java.util.concurrent.CompletableFuture.runAsync(() -> {
                        blocks.forEach(buffer -> publisher.submit(buffer.duplicate()));
                        publisher.close();
                    });
                }))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        assertEquals("Request too large", json.readValue(response.body(), Map.class).get("title"));
    }

    @Test
    void long_url_gets_414_problem() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                RawHttp.head("GET /app/v1/clients?cursor=" + "a".repeat(3000) + " HTTP/1.1", headers("en")), null);

        assertProblem(response, 414, "uri-too-long", "URL too long", "en");
    }

    @Test
    void url_beyond_parser_limit_gets_empty_414() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                RawHttp.head("GET /app/v1/clients?cursor=" + "a".repeat(10_000) + " HTTP/1.1", headers("en")), null);

        assertEquals(414, response.status());
        assertEquals("", response.body(), "Vert.x's own answer above quarkus.http.limits.max-initial-line-length is documented as empty");
    }

    @Test
    void large_header_gets_431_problem() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                RawHttp.head("GET /app/v1/clients HTTP/1.1", headers("nl", "X-Filler: " + "a".repeat(9000))), null);

        assertProblem(response, 431, "request-headers-too-large", "Headers te groot", "nl");
    }

    @Test
    void too_many_headers_get_431_problem() throws IOException {
        List<String> many = headers("en");
        for (int i = 0; i < 120; i++) {
            many.add("X-Filler-" + i + ": " + i);
        }

        RawHttp.Response response = RawHttp.exchange(RawHttp.head("GET /app/v1/clients HTTP/1.1", many), null);

        assertProblem(response, 431, "request-headers-too-large", "Headers too large", "en");
    }

    @Test
    void headers_beyond_parser_limit_get_empty_431() throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                RawHttp.head("GET /app/v1/clients HTTP/1.1", headers("en", "X-Filler: " + "a".repeat(30_000))), null);

        assertEquals(431, response.status());
        assertEquals("", response.body(), "Vert.x's own answer above quarkus.http.limits.max-header-size is documented as empty");
    }

    @Test
    void invalid_utf8_in_url_and_headers_gets_problem() throws IOException {
        String token = integrators.create().accessToken();
        String authorization = "Authorization: Bearer " + token;
        // Header values and the request line are sent as the bytes of these ISO-8859-1 strings: \u00ff\u00fe is FF FE.
        List<RawHttp.Response> responses = List.of(
                RawHttp.exchange(RawHttp.head("GET /integration/v1/clients/%FF%FE/members HTTP/1.1", headers("en", authorization)), null),
                RawHttp.exchange(RawHttp.head("GET /integration/v1/clients/\u00ff\u00fe/members HTTP/1.1", headers("en", authorization)), null),
                RawHttp.exchange(RawHttp.head("GET /integration/v1/clients?patientId=%FF%FE%C3 HTTP/1.1", headers("en", authorization)), null),
                RawHttp.exchange(RawHttp.head("GET /app/v1/clients HTTP/1.1", headers("en", "Authorization: Bearer \u00ff\u00fe")), null),
                RawHttp.exchange(RawHttp.head("GET /app/v1/clients HTTP/1.1", List.of("Accept-Language: \u00ff\u00fe")), null));

        for (RawHttp.Response response : responses) {
            assertTrue(response.status() >= 400, response.status() + " " + response.body());
            assertTrue(response.status() < 500, response.status() + " " + response.body());
            assertTrue(String.valueOf(response.header("content-type")).startsWith("application/problem+json"), response.body());
            assertFalse(response.body().contains("Exception"), response.body());
        }
        assertEquals("nl", responses.get(4).header("content-language"), "an unreadable Accept-Language falls back to Dutch");
    }

    private static List<String> headers(String language, String... extra) {
        List<String> headers = new ArrayList<>(List.of("Content-Type: application/json", "Accept-Language: " + language,
                "X-Forwarded-For: " + LoginFlow.randomIpAddress()));
        headers.addAll(List.of(extra));
        return headers;
    }

    private void assertPayloadTooLarge(RawHttp.Response response, String language) throws IOException {
        assertProblem(response, 413, "payload-too-large", language.equals("en") ? "Request too large" : "Verzoek te groot", language);
        assertEquals("close", response.header("connection"));
    }

    private void assertProblem(RawHttp.Response response, int status, String type, String title, String language) throws IOException {
        assertEquals(status, response.status(), response.body());
        assertEquals("application/problem+json", response.header("content-type"));
        assertEquals(language, response.header("content-language"));
        assertEquals("nosniff", response.header("x-content-type-options"), "the security headers are missing");
        Map<?, ?> problem = json.readValue(response.body(), Map.class);
        assertEquals("urn:clientapp:problem:" + type, problem.get("type"));
        assertEquals(title, problem.get("title"));
        assertNotEquals(null, problem.get("detail"));
    }
}
