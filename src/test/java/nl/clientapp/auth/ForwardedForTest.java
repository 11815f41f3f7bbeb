package nl.clientapp.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import nl.clientapp.support.TestClock;

/**
 * The client IP address used by the per-IP throttles (request caps and failure limits) comes from
 * {@code X-Forwarded-For} only when the request arrives from a trusted proxy. The test profile trusts 127.0.0.1; requests sent
 * from 127.0.0.2 (also loopback) stand for an untrusted sender that forges the header.
 */
@QuarkusTest
class ForwardedForTest {

    /** {@code clientapp.throttle.requests-per-ip-per-hour.startActivation}. */
    private static final int CAP_PER_HOUR = 30;
    /** {@code clientapp.throttle.requests-per-ip-per-hour.fhirCapabilityStatement} in the test profile. */
    private static final int METADATA_CAP_PER_HOUR = 40;
    /** {@code clientapp.throttle.failures-per-ip-per-hour}. */
    private static final int FAILURES_PER_HOUR = 30;
    private static final String UNTRUSTED_SOURCE = "127.0.0.2";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void forged_forwarded_for_does_not_escape_ip_cap() throws IOException {
        // An hour of its own, so activation requests of earlier runs from 127.0.0.2 do not count.
        clock.advance(Duration.ofHours(ThreadLocalRandom.current().nextInt(100, 1_000_000)));

        for (int i = 0; i < CAP_PER_HOUR; i++) {
            assertEquals(202, startActivationFromUntrustedSource(forgedAddress()), "request " + (i + 1));
        }

        assertEquals(429, startActivationFromUntrustedSource(forgedAddress()));
        assertEquals(202, given().contentType(ContentType.JSON).header("X-Forwarded-For", forgedAddress())
                .body("{\"activationCode\":\"" + randomCode() + "\"}")
                .post("/app/v1/auth/activations").statusCode(), "a trusted proxy's X-Forwarded-For names the client");
    }

    @Test
    void forged_forwarded_for_does_not_escape_request_cap_of_fhir_metadata() throws IOException {
        clock.advance(Duration.ofHours(ThreadLocalRandom.current().nextInt(100, 1_000_000)));

        for (int i = 0; i < METADATA_CAP_PER_HOUR; i++) {
            assertEquals(200, sendFromUntrustedSource("GET", "/fhir/metadata", null, null, forgedAddress()), "request " + (i + 1));
        }

        assertEquals(429, sendFromUntrustedSource("GET", "/fhir/metadata", null, null, forgedAddress()));
    }

    @Test
    void forged_forwarded_for_does_not_escape_failure_limit_of_client_secrets() throws IOException {
        clock.advance(Duration.ofHours(ThreadLocalRandom.current().nextInt(100, 1_000_000)));
        String form = "application/x-www-form-urlencoded";

        for (int i = 0; i < FAILURES_PER_HOUR; i++) {
            assertEquals(401, sendFromUntrustedSource("POST", "/oauth/token", form,
                    "grant_type=client_credentials&client_id=" + randomCode() + "&client_secret=wrong", forgedAddress()),
                    "request " + (i + 1));
        }

        assertEquals(429, sendFromUntrustedSource("POST", "/oauth/token", form,
                "grant_type=client_credentials&client_id=" + randomCode() + "&client_secret=wrong", forgedAddress()));
    }

    private static int startActivationFromUntrustedSource(String forwardedFor) throws IOException {
        return sendFromUntrustedSource("POST", "/app/v1/auth/activations", "application/json",
                "{\"activationCode\":\"" + randomCode() + "\"}", forwardedFor);
    }

    /** Sends a request over a socket bound to 127.0.0.2 and returns the HTTP status. */
    private static int sendFromUntrustedSource(String method, String path, String contentType, String content,
            String forwardedFor) throws IOException {
        byte[] body = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\n"
                + "Host: localhost:" + RestAssured.port + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "X-Forwarded-For: " + forwardedFor + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(UNTRUSTED_SOURCE), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static String forgedAddress() {
        return "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    private static String randomCode() {
        return "forged-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
