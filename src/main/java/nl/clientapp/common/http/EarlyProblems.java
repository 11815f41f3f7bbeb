package nl.clientapp.common.http;

import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.problem.Problem;

/**
 * Problem responses of the Vert.x filters, which respond before any REST resource or exception
 * mapper runs: the same problem+json as {@code ProblemMappers}, in the caller's language.
 */
final class EarlyProblems {

    /** Content type of the OperationOutcome that the filters send on /fhir. */
    static final String FHIR_JSON = "application/fhir+json; charset=UTF-8";

    private EarlyProblems() {
    }

    /** Returns the caller's language from {@code Accept-Language}; Dutch when none is acceptable. */
    static Locale locale(RoutingContext routing) {
        return RequestLanguage.fromAcceptLanguage(routing.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /**
     * Ends the response with the problem {@code type} and its texts {@code problem.<type>.title} and
     * {@code .detail}, the detail formatted with {@code arguments}.
     */
    static void send(RoutingContext routing, ObjectMapper json, int status, String type, boolean closeConnection, Object... arguments) {
        Locale locale = locale(routing);
        Problem problem = new Problem(Problem.TYPE_PREFIX + type, Messages.get(locale, "problem." + type + ".title"), status,
                Messages.get(locale, "problem." + type + ".detail", arguments), null, null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the " + type + " problem", e);
        }
        end(routing, status, Problem.MEDIA_TYPE, locale, body, closeConnection);
    }

    /**
     * Ends the response with {@code body}; with {@code closeConnection} the connection closes once
     * the response is written, because the rest of the request body is still unread on it.
     */
    static void end(RoutingContext routing, int status, String contentType, Locale locale, String body, boolean closeConnection) {
        HttpServerResponse response = routing.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, RequestLanguage.code(locale))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (closeConnection) {
            response.putHeader("Connection", "close");
            response.endHandler(ended -> routing.request().connection().close());
        }
        response.end(body);
    }
}
