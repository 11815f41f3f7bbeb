package nl.clientapp.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds security headers to every response of the main HTTP interface and, when
 * {@code clientapp.http.require-https} is on, rejects plain HTTP with a 403 problem instead of
 * redirecting it, so a client that sent a token over plain HTTP learns it must not. The scheme is
 * the one Quarkus resolved: TLS, or {@code X-Forwarded-Proto} from a trusted proxy only.
 */
@ApplicationScoped
class SecurityHeaders {

    static final String HSTS = "max-age=31536000; includeSubDomains";
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    private static final Logger LOG = Logger.getLogger(SecurityHeaders.class);
    /** Runs before the routes and the other filters, so even errors of the HTTP layer carry the headers. */
    private static final int PRIORITY = 1000;

    @Inject
    HttpSecurityConfig config;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    void apply(RoutingContext routing) {
        boolean https = "https".equalsIgnoreCase(routing.request().scheme());
        MultiMap headers = routing.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        // Dev UI and Swagger UI (dev mode only) are pages that need scripts; every other response is data.
        if (!routing.normalizedPath().startsWith("/q/")) {
            headers.set("Content-Security-Policy", API_CSP);
        }
        if (https) {
            headers.set("Strict-Transport-Security", HSTS);
        }

        if (config.requireHttps() && !https) {
            rejectPlainHttp(routing);
            return;
        }
        routing.next();
    }

    private void rejectPlainHttp(RoutingContext routing) {
        LOG.debugf("Rejected a plain HTTP request to %s", routing.normalizedPath());
        EarlyProblems.send(routing, json, 403, "https-required", false);
    }
}
