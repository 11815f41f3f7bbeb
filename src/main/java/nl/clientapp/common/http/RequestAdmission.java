package nl.clientapp.common.http;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import nl.clientapp.common.problem.OverloadConfig;
import nl.clientapp.common.problem.ServerBusy;
import nl.clientapp.fhir.UnavailableOutcome;

/**
 * Admission filter: serves at most {@code clientapp.overload.max-concurrent-requests} requests at
 * once and rejects any further request at once with 503 {@code server-busy} and {@code Retry-After}
 * (an OperationOutcome on /fhir). It runs on the event loop, before the request takes a worker
 * thread, a database connection or heap for its body. When requests arrive faster than they finish, the
 * requests already admitted keep their latency and the heap stays bounded, instead of a queue that
 * grows until the JVM runs out of memory.
 */
@ApplicationScoped
class RequestAdmission {

    /** After {@link SecurityHeaders} (1000), so the 503 has the security headers; before {@link RequestHeadLimit} (950). */
    private static final int PRIORITY = 980;

    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    OverloadConfig config;

    @Inject
    ServerBusy serverBusy;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    void apply(RoutingContext routing) {
        if (inFlight.incrementAndGet() > config.maxConcurrentRequests()) {
            inFlight.decrementAndGet();
            reject(routing);
            return;
        }
        // Runs once when the response has been sent, or when the connection closed before that.
        routing.addEndHandler(ended -> inFlight.decrementAndGet());
        routing.next();
    }


    private void reject(RoutingContext routing) {
        long retryAfterSeconds = serverBusy.unavailable(ServerBusy.Cause.REQUESTS).retryAfterSeconds();
        routing.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        // A body left unread on the connection cannot be followed by another request.
        boolean closeConnection = hasBody(routing.request());
        if (routing.normalizedPath().startsWith("/fhir")) {
            Locale locale = EarlyProblems.locale(routing);
            EarlyProblems.end(routing, 503, EarlyProblems.FHIR_JSON, locale, outcome(locale, retryAfterSeconds), closeConnection);
        } else {
            EarlyProblems.send(routing, json, 503, "server-busy", closeConnection);
        }
    }

    private String outcome(Locale locale, long retryAfterSeconds) {
        try {
            return json.writeValueAsString(UnavailableOutcome.serverBusy(locale, retryAfterSeconds));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the server-busy outcome", e);
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.equals("0"));
    }
}
