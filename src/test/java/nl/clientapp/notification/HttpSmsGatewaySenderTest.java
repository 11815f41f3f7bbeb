package nl.clientapp.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** The production SMS adapter against a gateway stub on the loopback interface. */
class HttpSmsGatewaySenderTest {

    private HttpServer gateway;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopGateway() {
        release.countDown();
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void sender_without_gateway_url_fails_at_start() {
        HttpSmsGatewaySender sender = sender(null, Duration.ofSeconds(2));

        IllegalStateException failure = assertThrows(IllegalStateException.class, sender::start);

        assertEquals(true, failure.getMessage().contains("CLIENTAPP_SMS_GATEWAY_URL"));
    }

    @Test
    void sender_posts_json_with_bearer_key() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> authorization = new AtomicReference<>();
        URI url = startGateway(exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            respond(exchange, 202);
        });
        HttpSmsGatewaySender sender = sender(url, Duration.ofSeconds(5));
        sender.start();

        sender.send("+31612345678", "Uw code is 123456.");

        assertEquals(Map.of("to", "+31612345678", "text", "Uw code is 123456."), new ObjectMapper().readValue(body.get(), Map.class));
        assertEquals("Bearer test-only-gateway-key", authorization.get());
    }

    @Test
    void gateway_error_status_raises_sms_failed() throws Exception {
        URI url = startGateway(exchange -> respond(exchange, 503));
        HttpSmsGatewaySender sender = sender(url, Duration.ofSeconds(5));
        sender.start();

        SmsFailedException failure = assertThrows(SmsFailedException.class, () -> sender.send("+31612345678", "text"));

        assertEquals("SMS gateway returned HTTP 503", failure.getMessage());
    }

    @Test
    void silent_gateway_times_out() throws Exception {
        URI url = startGateway(exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 202);
        });
        HttpSmsGatewaySender sender = sender(url, Duration.ofMillis(300));
        sender.start();

        assertThrows(SmsFailedException.class, () -> sender.send("+31612345678", "text"));
    }

    private URI startGateway(HttpHandler handler) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/sms", handler);
        gateway.start();
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms");
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static HttpSmsGatewaySender sender(URI url, Duration requestTimeout) {
        HttpSmsGatewaySender sender = new HttpSmsGatewaySender();
        sender.json = new ObjectMapper();
        sender.config = new SmsConfig() {
            @Override
            public Optional<URI> gatewayUrl() {
                return Optional.ofNullable(url);
            }

            @Override
            public Optional<String> gatewayApiKey() {
                return Optional.of("test-only-gateway-key");
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration requestTimeout() {
                return requestTimeout;
            }
        };
        return sender;
    }
}
