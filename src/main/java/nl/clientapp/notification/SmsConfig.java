package nl.clientapp.notification;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the SMS gateway, under the prefix {@code clientapp.sms}. */
@ConfigMapping(prefix = "clientapp.sms")
public interface SmsConfig {

    /** URL the gateway adapter POSTs each message to as JSON {@code {"to", "text"}}; required outside dev and test. */
    Optional<URI> gatewayUrl();

    /** Bearer token for the gateway, from the environment. */
    Optional<String> gatewayApiKey();

    /** Time allowed to open the connection to the gateway. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** Time allowed for the gateway's response. */
    @WithDefault("PT5S")
    Duration requestTimeout();
}
