package nl.clientapp.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Posts one SMS to CM.com's business messaging gateway ({@code POST /v1.0/message}, JSON, product
 * token in the {@code X-CM-PRODUCTTOKEN} header). A message counts as sent only when the gateway
 * responds with 2xx with {@code errorCode} 0 and the message's status {@code Accepted}.
 *
 * <p>Each attempt has a connect and a request timeout; timeouts, connection failures and 5xx
 * responses are retried twice with a short jittered delay. The circuit breaker opens after half of
 * the last 4 calls failed, and then fails calls at once for 30 seconds, so a dead gateway does not
 * hold a request thread and a database connection for every SMS request.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "clientapp.sms.provider", stringValue = "cm", enableIfMissing = true)
class CmSmsGateway {

    static final String CIRCUIT_BREAKER = "sms-gateway";
    static final String PRODUCT_TOKEN_HEADER = "X-CM-PRODUCTTOKEN";

    @Inject
    SmsConfig config;

    @Inject
    ObjectMapper json;

    private HttpClient http;
    private URI messageUrl;
    private String productToken;

    @PostConstruct
    void start() {
        URI baseUrl = config.baseUrl().orElseThrow(() -> new IllegalStateException(
                "clientapp.sms.base-url is missing: set CLIENTAPP_SMS_BASE_URL to the CM.com gateway, https://gateway.cmtelecom.com"));
        productToken = config.productToken().filter(token -> !token.isBlank()).orElseThrow(() -> new IllegalStateException(
                "clientapp.sms.product-token is missing: set CLIENTAPP_SMS_PRODUCT_TOKEN to the CM.com product token"));
        messageUrl = baseUrl.resolve("/v1.0/message");
        http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    /**
     * Sends {@code text} to {@code mobile} (E.164) with {@code reference} as CM.com's message reference.
     *
     * @throws SmsRejectedException when the gateway rejected the message
     * @throws SmsFailedException when the gateway failed, timed out or could not be reached
     */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = SmsFailedException.class, abortOn = SmsRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName(CIRCUIT_BREAKER)
    void post(String mobile, String text, String reference) {
        HttpRequest request = HttpRequest.newBuilder(messageUrl)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(PRODUCT_TOKEN_HEADER, productToken)
                .POST(HttpRequest.BodyPublishers.ofString(body(mobile, text, reference), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SmsFailedException("SMS gateway failed or timed out: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsFailedException("Interrupted while sending an SMS", e);
        }
        requireAccepted(response);
    }

    private void requireAccepted(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            throw new SmsFailedException("SMS gateway returned HTTP " + status, null);
        }
        if (status >= 400) {
            throw new SmsRejectedException("SMS gateway rejected the message with HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new SmsRejectedException("SMS gateway returned a body that is not JSON, with HTTP " + status);
        }
        JsonNode message = answer == null ? null : answer.path("messages").path(0);
        if (answer == null || answer.path("errorCode").asInt(-1) != 0 || !"Accepted".equals(message.path("status").asText())) {
            throw new SmsRejectedException("SMS gateway did not accept the message: errorCode "
                    + (answer == null ? "missing" : answer.path("errorCode").asText("missing")));
        }
    }

    private String body(String mobile, String text, String reference) {
        Map<String, Object> message = Map.of(
                "from", config.sender(),
                "to", List.of(Map.of("number", mobile)),
                "body", Map.of("type", "auto", "content", text),
                "reference", reference);
        try {
            return json.writeValueAsString(Map.of("messages", Map.of("msg", List.of(message))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the SMS request body", e);
        }
    }
}
