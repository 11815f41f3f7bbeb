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

    /**
     * Maximum length in characters of a request's path and query; longer requests get 414 with a
     * problem. Must stay below {@code quarkus.http.limits.max-initial-line-length}, above which
     * Vert.x responds with 414 without a body.
     */
    @WithDefault("2048")
    int maxRequestTargetLength();

    /**
     * Maximum size in bytes of all request headers, each counted as name, value and 4 bytes of
     * separators; larger requests get 431 with a problem. Must stay below
     * {@code quarkus.http.limits.max-header-size}, above which Vert.x responds with 431 without a body.
     */
    @WithDefault("8192")
    int maxHeaderBytes();

    /** Maximum number of request headers; more get 431 with a problem. */
    @WithDefault("100")
    int maxHeaderCount();
}
