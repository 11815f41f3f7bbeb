package nl.clientapp.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * POSTs one signed webhook message to an integrator's endpoint, with the Standard Webhooks headers
 * {@code webhook-id} (the outbox message id, the same on every attempt), {@code webhook-timestamp}
 * (seconds, the time of this attempt) and {@code webhook-signature}. Any 2xx answer counts as
 * delivered; redirects are not followed.
 */
@ApplicationScoped
class WebhookSender {

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    @Inject
    WebhookAddresses addresses;

    private HttpClient http;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends one message after checking that the endpoint's host still resolves to public addresses.
     *
     * @throws DeliveryFailedException when the address check, the call or the receiver fails
     */
    void send(URI url, String endpointId, String secret, String messageId, String payload) {
        // NOTE: the HTTP client resolves the name again when it connects, so a DNS answer that changes
        // between this check and the connection (DNS rebinding) is not caught.
        addresses.requirePublicTarget(url, endpointId);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, messageId, timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryFailedException("Webhook endpoint failed or timed out", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("Interrupted while calling a webhook endpoint", false, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailedException("Webhook endpoint returned HTTP " + response.statusCode(), false, null);
        }
    }
}
