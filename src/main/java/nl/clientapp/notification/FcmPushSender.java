package nl.clientapp.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends push notifications through the FCM HTTP v1 API: one POST to
 * {@code {base-url}/v1/projects/{project-id}/messages:send} per message with the JSON body
 * {@code {"message": {"token", "notification": {"title", "body"}, "data"}}} and a bearer token.
 * 400 and 404 (invalid or unregistered token) are permanent; other errors are retried by the relay.
 *
 * <p>NOTE: the bearer token comes from configuration; minting it from a service account key
 * (OAuth 2.0 JWT grant) is left to the deployment, which must refresh it before it expires.
 */
@ApplicationScoped
@LookupIfProperty(name = "clientapp.push.provider", stringValue = "fcm", lookupIfMissing = true)
public class FcmPushSender implements PushSender {

    @Inject
    PushConfig config;

    @Inject
    ObjectMapper json;

    private HttpClient http;
    private URI sendUrl;

    /** Makes a production build fail at start when FCM is not configured, as the SMS gateway does. */
    @ApplicationScoped
    @UnlessBuildProfile(anyOf = { "dev", "test" })
    static class StartupCheck {
        void check(@Observes StartupEvent event, FcmPushSender sender) {
            sender.start();
        }
    }

    @PostConstruct
    void start() {
        PushConfig.Fcm fcm = config.fcm();
        URI base = fcm.baseUrl().orElseThrow(() -> missing("clientapp.push.fcm.base-url", "CLIENTAPP_PUSH_FCM_BASE_URL"));
        String project = fcm.projectId().orElseThrow(() -> missing("clientapp.push.fcm.project-id", "CLIENTAPP_PUSH_FCM_PROJECT_ID"));
        fcm.accessToken().orElseThrow(() -> missing("clientapp.push.fcm.access-token", "CLIENTAPP_PUSH_FCM_ACCESS_TOKEN"));
        String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
        sendUrl = base.resolve(path + "v1/projects/" + project + "/messages:send");
        http = HttpClient.newBuilder().connectTimeout(fcm.connectTimeout()).build();
    }

    private static IllegalStateException missing(String key, String variable) {
        return new IllegalStateException(key + " is missing: set " + variable);
    }

    @Override
    public void send(String token, String title, String body, Map<String, String> data) {
        HttpRequest request = HttpRequest.newBuilder(sendUrl)
                .timeout(config.fcm().requestTimeout())
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Authorization", "Bearer " + config.fcm().accessToken().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(body(token, title, body, data)))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryFailedException("Push service failed or timed out", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("Interrupted while sending a push message", false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new DeliveryFailedException("Push service returned HTTP " + status, status == 400 || status == 404, null);
        }
    }

    private String body(String token, String title, String text, Map<String, String> data) {
        Map<String, Object> message = Map.of("token", token, "notification", Map.of("title", title, "body", text), "data", data);
        try {
            return json.writeValueAsString(Map.of("message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the push request body", e);
        }
    }
}
