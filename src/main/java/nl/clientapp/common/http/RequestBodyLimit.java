package nl.clientapp.common.http;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.fhir.TooLargeOutcome;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with 413
 * and a problem+json (an OperationOutcome on /fhir) in the caller's language (I1, I3). Quarkus's own
 * limit check, which runs after this filter, answers the same status with an empty body; a body sent
 * without Content-Length still meets that check while it is read.
 */
@ApplicationScoped
class RequestBodyLimit {

    private static final Logger LOG = Logger.getLogger(RequestBodyLimit.class);

    /** After {@link SecurityHeaders} (1000), so that the 413 carries the security headers too. */
    private static final int PRIORITY = 900;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    void apply(RoutingContext routing) {
        String length = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        // NOTE: a client that sent Expect: 100-continue waits for Quarkus's own check, whose 413 has no body:
        // answering it here left the JDK HTTP client waiting for the end of the response.
        boolean expectsContinue = "100-continue".equalsIgnoreCase(routing.request().getHeader("Expect"));
        if (length != null && !expectsContinue && exceeds(length)) {
            reject(routing);
            return;
        }
        routing.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            // Vert.x rejects a malformed Content-Length itself.
            return false;
        }
    }

    private void reject(RoutingContext routing) {
        LOG.debugf("Rejected a body above the limit for %s", routing.normalizedPath());
        Locale locale = RequestLanguage.fromAcceptLanguage(routing.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        long limitMegabytes = maxBodySize.asLongValue() / (1024 * 1024);
        String contentType;
        String body;
        if (routing.normalizedPath().startsWith("/fhir")) {
            contentType = "application/fhir+json; charset=UTF-8";
            body = TooLargeOutcome.json(locale, limitMegabytes);
        } else {
            contentType = Problem.MEDIA_TYPE;
            body = problem(locale);
        }
        // The unread body stays on the connection, so the connection cannot serve another request.
        routing.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, RequestLanguage.code(locale))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Connection", "close")
                .end(body);
    }

    private String problem(Locale locale) {
        Problem problem = new Problem(Problem.TYPE_PREFIX + "payload-too-large", Messages.get(locale, "problem.payload-too-large.title"),
                413, Messages.get(locale, "problem.payload-too-large.detail"), null, null);
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the payload-too-large problem", e);
        }
    }
}
