package nl.clientapp.common.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Transport security settings, under the prefix {@code clientapp.http}. */
@ConfigMapping(prefix = "clientapp.http")
public interface HttpSecurityConfig {

    /**
     * Whether plain HTTP requests are rejected with 403. A request counts as HTTPS when it arrived
     * over TLS, or from a trusted proxy ({@code quarkus.http.proxy.trusted-proxies}) that sent
     * {@code X-Forwarded-Proto: https}. On in the production profile.
     */
    @WithDefault("false")
    boolean requireHttps();
}
