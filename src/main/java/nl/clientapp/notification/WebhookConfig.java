package nl.clientapp.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of webhook delivery, under the prefix {@code clientapp.webhooks}. */
@ConfigMapping(prefix = "clientapp.webhooks")
public interface WebhookConfig {

    @WithDefault("PT2S")
    Duration connectTimeout();

    @WithDefault("PT10S")
    Duration requestTimeout();

    /**
     * Whether webhook URLs may point to a loopback address (http or https), for local stand-in
     * receivers in dev mode and tests. Off by default, and so in production.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /** Webhook endpoints one organisation may register. */
    @WithDefault("10")
    int maxEndpointsPerOrganisation();
}
