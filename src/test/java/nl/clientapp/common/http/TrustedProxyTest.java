package nl.clientapp.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Plain HTTP is rejected, not redirected, unless a trusted proxy (127.0.0.1 in the test profile)
 * states that the client used HTTPS. 127.0.0.2 stands for an untrusted sender.
 */
@QuarkusTest
@TestProfile(TrustedProxyProfile.class)
class TrustedProxyTest {

    @Test
    void plain_http_is_rejected_with_problem() {
        Response dutch = given().get("/app/v1/me");
        Response english = given().header("Accept-Language", "en").get("/app/v1/me");

        assertEquals(403, dutch.statusCode());
        assertNull(dutch.header("Location"));
        assertEquals("application/problem+json", dutch.contentType());
        assertEquals("urn:clientapp:problem:https-required", dutch.path("type"));
        assertEquals("Alleen via HTTPS", dutch.path("title"));
        assertEquals("HTTPS only", english.path("title"));
        assertNull(dutch.header("Strict-Transport-Security"));
    }

    @Test
    void https_from_trusted_proxy_is_served() {
        Response response = given().header("X-Forwarded-Proto", "https").get("/app/v1/me");

        assertEquals(401, response.statusCode());
        assertEquals(SecurityHeaders.HSTS, response.header("Strict-Transport-Security"));
    }

    @Test
    void forwarded_proto_from_untrusted_sender_is_ignored() throws IOException {
        String response = requestFrom("127.0.0.2", "GET /app/v1/me HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 403"), response.lines().findFirst().orElse(""));
        assertTrue(response.contains("https-required"), "problem type missing");
    }

    private static String requestFrom(String source, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
