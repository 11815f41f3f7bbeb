package nl.clientapp.common.http;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import nl.clientapp.fhir.TooLargeOutcome;

/**
 * Rejects an over-long URL with 414 and over-large request headers with 431, both with a problem (an
 * OperationOutcome on /fhir) in the caller's language. Vert.x enforces higher hard limits while it parses a request
 * ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}); above those it
 * responds 414 or 431 itself, with an empty body and without the security headers, because Quarkus
 * offers no hook for that answer. These lower limits give every request below the hard limits a
 * problem body.
 */
@ApplicationScoped
class RequestHeadLimit {

    private static final Logger LOG = Logger.getLogger(RequestHeadLimit.class);

    /** After {@link SecurityHeaders} (1000), before {@link RequestBodyLimit} (900). */
    private static final int PRIORITY = 950;

    /** Bytes of the separators around a header line: ": " and CRLF. */
    private static final int SEPARATOR_BYTES = 4;

    @Inject
    HttpSecurityConfig config;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    void apply(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        boolean fhir = routing.normalizedPath().startsWith("/fhir");
        if (request.uri().length() > config.maxRequestTargetLength()) {
            LOG.debugf("Rejected a request target of %d characters", request.uri().length());
            if (fhir) {
                Locale locale = EarlyProblems.locale(routing);
                EarlyProblems.end(routing, 414, EarlyProblems.FHIR_JSON, locale, TooLargeOutcome.uriTooLong(locale, config.maxRequestTargetLength()), false);
            } else {
                EarlyProblems.send(routing, json, 414, "uri-too-long", false, config.maxRequestTargetLength());
            }
            return;
        }
        if (request.headers().size() > config.maxHeaderCount() || headerBytes(request) > config.maxHeaderBytes()) {
            LOG.debugf("Rejected %d request headers to %s", request.headers().size(), routing.normalizedPath());
            int maxKilobytes = config.maxHeaderBytes() / 1024;
            if (fhir) {
                Locale locale = EarlyProblems.locale(routing);
                EarlyProblems.end(routing, 431, EarlyProblems.FHIR_JSON, locale, TooLargeOutcome.headersTooLarge(locale, config.maxHeaderCount(), maxKilobytes),
                        false);
            } else {
                EarlyProblems.send(routing, json, 431, "request-headers-too-large", false, config.maxHeaderCount(), maxKilobytes);
            }
            return;
        }
        routing.next();
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + SEPARATOR_BYTES;
        }
        return bytes;
    }
}
