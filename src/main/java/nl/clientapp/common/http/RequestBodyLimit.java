package nl.clientapp.common.http;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import nl.clientapp.fhir.TooLargeOutcome;

/**
 * Rejects a request whose body exceeds {@code quarkus.http.limits.max-body-size} with 413 and a
 * problem+json (an OperationOutcome on /fhir) in the caller's language, and closes the
 * connection, whose unread body cannot serve another request. A declared {@code Content-Length}
 * above the limit is rejected before any of the body is read, also under
 * {@code Expect: 100-continue}, so the client never sends it. A chunked body is counted as it
 * arrives ({@link StreamedBodyCounter}) and its read fails at the first byte beyond the limit, so no
 * more than the limit is ever read; {@code ProblemMappers} then sends the 413. Old JDK HTTP
 * clients get Quarkus's empty 413 under {@code Expect: 100-continue}, see
 * {@link #hangsOnBodyInsteadOfContinue}. Quarkus's own check runs after this filter and answers an empty 413.
 */
@ApplicationScoped
class RequestBodyLimit {

    private static final Logger LOG = Logger.getLogger(RequestBodyLimit.class);

    /** After {@link SecurityHeaders} (1000) and {@link RequestHeadLimit} (950), so that the 413 carries the security headers too. */
    private static final int PRIORITY = 900;

    /** The User-Agent of the JDK's java.net.http client, followed by its version. */
    private static final String JDK_CLIENT = "Java-http-client/";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    void apply(RoutingContext routing) {
        String length = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (exceeds(length) && !hangsOnBodyInsteadOfContinue(routing)) {
                reject(routing);
                return;
            }
        } else if (routing.request().getHeader("Transfer-Encoding") != null && routing.request().version() != HttpVersion.HTTP_2) {
            // NOTE: HTTP/2 request bodies without a length (possible with TLS and ALPN) are not counted here;
            // RESTEasy Reactive stops them at the limit only where it reads the body as a blocking stream.
            boolean counted = StreamedBodyCounter.watch(routing.request().connection(), maxBodySize.asLongValue(),
                    () -> rejectStreamed(routing));
            if (!counted) {
                LOG.debugf("Cannot count the streamed body of a request to %s", routing.normalizedPath());
            }
        }
        routing.next();
    }

    /**
     * Returns whether the request comes from the JDK's HTTP client before version 20 with
     * {@code Expect: 100-continue}: that client hangs when a final response with a body comes instead
     * of 100 Continue (JDK-8286171), so it gets Quarkus's 413 without a body, which it does read.
     */
    private static boolean hangsOnBodyInsteadOfContinue(RoutingContext routing) {
        if (!"100-continue".equalsIgnoreCase(routing.request().getHeader("Expect"))) {
            return false;
        }
        String userAgent = routing.request().getHeader(HttpHeaders.USER_AGENT);
        if (userAgent == null || !userAgent.startsWith(JDK_CLIENT)) {
            return false;
        }
        String version = userAgent.substring(JDK_CLIENT.length());
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        // NOTE: the fix is dated before JDK 20; only the JDK 17 client was tried here.
        return end > 0 && end < 4 && Integer.parseInt(version.substring(0, end)) < 20;
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            // Vert.x rejects a malformed Content-Length itself.
            return false;
        }
    }

    /**
     * Rejects a streamed body that crossed the limit. Its reader, RESTEasy Reactive, is mid-read, so
     * the read fails with {@link RequestBodyTooLargeException}, which the exception mappers map to the
     * 413; writing the 413 here would leave RESTEasy writing a second response. A response already
     * under way can only be cut off.
     */
    private void rejectStreamed(RoutingContext routing) {
        HttpConnection connection = routing.request().connection();
        if (routing.response().headWritten()) {
            LOG.debugf("A streamed body to %s crossed the limit after the response began; closing the connection", routing.normalizedPath());
            connection.close();
            return;
        }
        LOG.debugf("Rejected a streamed body above the limit for %s", routing.normalizedPath());
        routing.put(RequestBodyTooLargeException.CUT_OFF, true);
        routing.response().putHeader("Connection", "close");
        // Not routing.addEndHandler: that also runs on the failure delivered below, before the 413 is written.
        routing.response().bodyEndHandler(written -> connection.close());
        if (!StreamedBodyCounter.failRead(connection, new RequestBodyTooLargeException())) {
            reject(routing);
        }
    }

    private void reject(RoutingContext routing) {
        LOG.debugf("Rejected a body above the limit for %s", routing.normalizedPath());
        if (routing.normalizedPath().startsWith("/fhir")) {
            Locale locale = EarlyProblems.locale(routing);
            long limitMegabytes = maxBodySize.asLongValue() / (1024 * 1024);
            EarlyProblems.end(routing, 413, EarlyProblems.FHIR_JSON, locale, TooLargeOutcome.json(locale, limitMegabytes), true);
            return;
        }
        EarlyProblems.send(routing, json, 413, "payload-too-large", true);
    }
}
