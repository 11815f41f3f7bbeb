package nl.clientapp.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.arc.profile.UnlessBuildProfile;

/**
 * The FCM HTTP v1 adapter against WireMock on loopback, and the rule that in-memory adapters never
 * exist in a production build.
 */
class PushAdaptersTest {

    private WireMockServer fcm;

    @BeforeEach
    void startFcm() {
        fcm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        fcm.start();
    }

    @AfterEach
    void stopFcm() {
        fcm.stop();
    }

    @Test
    void in_memory_adapters_exist_in_dev_and_test_builds_only() {
        for (Class<?> adapter : new Class<?>[] { InMemoryPushSender.class, InMemorySmsSender.class }) {
            IfBuildProfile profile = adapter.getAnnotation(IfBuildProfile.class);
            assertArrayEquals(new String[] { "dev", "test" }, profile.anyOf(), adapter.getSimpleName());
            assertEquals("", profile.value(), adapter.getSimpleName());
        }
        assertArrayEquals(new String[] { "dev", "test" },
                FcmPushSender.StartupCheck.class.getAnnotation(UnlessBuildProfile.class).anyOf(),
                "production checks the FCM settings at start");
        assertNull(FcmPushSender.class.getAnnotation(IfBuildProfile.class), "the FCM adapter exists in every build");
    }

    @Test
    void sender_without_settings_fails_at_start() {
        FcmPushSender sender = sender(null, "project", "token");
        IllegalStateException failure = assertThrows(IllegalStateException.class, sender::start);
        assertTrue(failure.getMessage().contains("CLIENTAPP_PUSH_FCM_BASE_URL"));

        FcmPushSender withoutToken = sender(URI.create("http://127.0.0.1:" + fcm.port()), "project", null);
        assertTrue(assertThrows(IllegalStateException.class, withoutToken::start).getMessage()
                .contains("CLIENTAPP_PUSH_FCM_ACCESS_TOKEN"));
    }

    @Test
    void sender_posts_fcm_v1_message_with_bearer_token() {
        fcm.stubFor(post(urlEqualTo("/v1/projects/clientapp-test/messages:send")).willReturn(aResponse().withStatus(200)
                .withBody("{\"name\":\"projects/clientapp-test/messages/1\"}")));
        FcmPushSender sender = sender(URI.create("http://127.0.0.1:" + fcm.port()), "clientapp-test", "test-only-fcm-token");
        sender.start();

        sender.send("device-token", "Titel", "Tekst", Map.of("kind", "NEWS"));

        fcm.verify(postRequestedFor(urlEqualTo("/v1/projects/clientapp-test/messages:send"))
                .withHeader("Authorization", equalTo("Bearer test-only-fcm-token"))
                .withRequestBody(equalToJson("""
                        {"message": {"token": "device-token", "notification": {"title": "Titel", "body": "Tekst"},
                                     "data": {"kind": "NEWS"}}}""")));
    }

    @Test
    void unknown_token_is_permanent_and_server_error_is_retried() {
        fcm.stubFor(post(urlEqualTo("/v1/projects/p/messages:send")).willReturn(aResponse().withStatus(404)));
        FcmPushSender sender = sender(URI.create("http://127.0.0.1:" + fcm.port()), "p", "test-only-fcm-token");
        sender.start();
        DeliveryFailedException unregistered = assertThrows(DeliveryFailedException.class,
                () -> sender.send("gone", "Titel", "Tekst", Map.of()));
        assertTrue(unregistered.permanent());

        fcm.stubFor(post(urlEqualTo("/v1/projects/p/messages:send")).willReturn(aResponse().withStatus(503)));
        DeliveryFailedException unavailable = assertThrows(DeliveryFailedException.class,
                () -> sender.send("device", "Titel", "Tekst", Map.of()));
        assertFalse(unavailable.permanent());
        assertEquals("Push service returned HTTP 503", unavailable.getMessage());
    }

    @Test
    void silent_push_service_times_out() {
        fcm.stubFor(post(urlEqualTo("/v1/projects/p/messages:send")).willReturn(aResponse().withStatus(200).withFixedDelay(4000)));
        FcmPushSender sender = sender(URI.create("http://127.0.0.1:" + fcm.port()), "p", "test-only-fcm-token");
        sender.start();

        DeliveryFailedException failure = assertThrows(DeliveryFailedException.class,
                () -> sender.send("device", "Titel", "Tekst", Map.of()));
        assertFalse(failure.permanent());
    }

    private static FcmPushSender sender(URI baseUrl, String projectId, String accessToken) {
        FcmPushSender sender = new FcmPushSender();
        sender.json = new ObjectMapper();
        sender.config = new PushConfig() {
            @Override
            public String provider() {
                return "fcm";
            }

            @Override
            public Fcm fcm() {
                return new Fcm() {
                    @Override
                    public Optional<URI> baseUrl() {
                        return Optional.ofNullable(baseUrl);
                    }

                    @Override
                    public Optional<String> projectId() {
                        return Optional.ofNullable(projectId);
                    }

                    @Override
                    public Optional<String> accessToken() {
                        return Optional.ofNullable(accessToken);
                    }

                    @Override
                    public Duration connectTimeout() {
                        return Duration.ofSeconds(1);
                    }

                    @Override
                    public Duration requestTimeout() {
                        return Duration.ofSeconds(2);
                    }
                };
            }
        };
        return sender;
    }
}
