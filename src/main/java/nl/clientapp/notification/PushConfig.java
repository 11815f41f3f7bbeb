package nl.clientapp.notification;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of push notifications, under the prefix {@code clientapp.push}. */
@ConfigMapping(prefix = "clientapp.push")
public interface PushConfig {

    /** {@code fcm} (the only choice outside dev and test builds) or {@code in-memory} (dev and test builds only). */
    @WithDefault("fcm")
    String provider();

    /** FCM HTTP v1 settings. */
    Fcm fcm();

    interface Fcm {
        /** Base URL of the FCM HTTP v1 API; production uses https://fcm.googleapis.com. */
        Optional<URI> baseUrl();

        /** The Firebase project whose {@code messages:send} endpoint is called. */
        Optional<String> projectId();

        /** OAuth 2.0 bearer token for the FCM API, from the environment. */
        Optional<String> accessToken();

        @WithDefault("PT2S")
        Duration connectTimeout();

        @WithDefault("PT5S")
        Duration requestTimeout();
    }
}
