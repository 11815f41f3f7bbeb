package nl.clientapp.notification;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the SMS provider, under the prefix {@code clientapp.sms}. */
@ConfigMapping(prefix = "clientapp.sms")
public interface SmsConfig {

    /**
     * The SMS adapter, chosen when the application is built: {@code cm} (CM.com's JSON gateway)
     * or {@code memory} (kept in server memory; only dev and test builds contain it).
     */
    @WithDefault("cm")
    String provider();

    /** Base URL of the CM.com gateway, such as {@code https://gateway.cmtelecom.com}; required for {@code cm}. */
    Optional<URI> baseUrl();

    /** CM.com product token, sent in the {@code X-CM-PRODUCTTOKEN} header; required for {@code cm}. */
    Optional<String> productToken();

    /** Sender shown on the phone: at most 11 letters and digits, or a phone number. */
    @WithDefault("CliëntApp")
    String sender();

    /** Time allowed to open the connection to the gateway. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** Time allowed for the gateway's response to one attempt. */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /** {@code Retry-After} sent with a 503 when no SMS can be sent; matches the circuit breaker's open time. */
    @WithDefault("PT30S")
    Duration retryAfter();
}
