package nl.clientapp.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.Startup;

/**
 * Sends SMS messages through an HTTP gateway: one JSON POST {@code {"to", "text"}} per message,
 * with a bearer key, a connect timeout and a request timeout. Used in every profile except dev and
 * test. The application fails at start when {@code clientapp.sms.gateway-url} is missing.
 *
 * <p>NOTE: there are no retries here, because the planned outbox relay retries with backoff.
 */
@Startup
@ApplicationScoped
@UnlessBuildProfile(anyOf = { "dev", "test" })
class HttpSmsGatewaySender implements SmsSender {

    @Inject
    SmsConfig config;

    @Inject
    ObjectMapper json;

    private HttpClient http;
    private URI gatewayUrl;

    @PostConstruct
    void start() {
        gatewayUrl = config.gatewayUrl().orElseThrow(() -> new IllegalStateException(
                "clientapp.sms.gateway-url is missing: set CLIENTAPP_SMS_GATEWAY_URL to the SMS gateway's URL"));
        http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    @Override
    public void send(String mobile, String text) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gatewayUrl)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(mobile, text)));
        config.gatewayApiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new SmsFailedException("SMS gateway returned HTTP " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new SmsFailedException("SMS gateway failed or timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsFailedException("Interrupted while sending an SMS", e);
        }
    }

    private String body(String mobile, String text) {
        try {
            return json.writeValueAsString(Map.of("to", mobile, "text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the SMS request body", e);
        }
    }
}
