package nl.clientapp.common.observability;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request of the main HTTP interface a request id: a valid incoming
 * {@code X-Request-Id} (from a reverse proxy or the app), else a new random UUID. The id is
 * returned in the {@code X-Request-Id} response header and put in the logging MDC as
 * {@code requestId}, so every log line written for the request carries it (the JSON log of
 * production writes the MDC as fields). Quarkus keeps the MDC in the request's Vert.x context,
 * so it also reaches the worker thread that runs a blocking endpoint.
 */
@ApplicationScoped
class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";

    /**
     * Letters, digits and {@code - _ . :}, at most 100 characters: UUIDs, W3C trace ids and the
     * usual proxy formats fit, and nothing that could forge a log line or carry personal data
     * (no spaces, no {@code @}, no {@code +}).
     */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** Runs before {@code SecurityHeaders} (1000), so a rejected plain HTTP request gets an id too. */
    private static final int PRIORITY = 2000;

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    void apply(RoutingContext routing) {
        String requestId = accepted(routing.request().getHeader(HEADER));
        routing.response().headers().set(HEADER, requestId);
        MDC.put(MDC_KEY, requestId);
        routing.addEndHandler(ignored -> MDC.remove(MDC_KEY));
        routing.next();
    }

    /** Returns {@code incoming} when it is a valid request id, else a new random one. */
    static String accepted(String incoming) {
        if (incoming != null && VALID.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }
}
