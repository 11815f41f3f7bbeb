package nl.clientapp.common.problem;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.ConfigProvider;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.UnauthorizedException;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.http.RequestBodyTooLargeException;
import nl.clientapp.fhir.TooLargeOutcome;
import nl.clientapp.fhir.UnavailableOutcome;

/**
 * The one place where exceptions become problem+json responses. Responses never carry stack
 * traces, SQL, class names or tokens; a server fault is logged once with an error id that the
 * response repeats.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    DatabaseBusy databaseBusy;

    @ServerExceptionMapper
    public Response problem(ProblemException problem, HttpHeaders headers) {
        return ProblemResponses.of(headers, problem);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException exception, HttpHeaders headers) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return ProblemResponses.invalidFields(headers, errors);
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException exception, HttpHeaders headers) {
        return ProblemResponses.of(headers, 400, "unknown-field", exception.getPropertyName());
    }

    /**
     * A value of the wrong JSON type or format. Without this mapper Quarkus's own mapper for this
     * exception answers plain JSON that echoes the rejected value.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException exception, HttpHeaders headers, UriInfo uri) {
        return jsonMapping(exception, headers, uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException exception, HttpHeaders headers, UriInfo uri) {
        if (RequestBodyTooLargeException.explains(exception)) {
            return payloadTooLarge(headers, uri);
        }
        return ProblemResponses.of(headers, 400, "invalid-json-field", jsonPath(exception));
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException exception, HttpHeaders headers, UriInfo uri) {
        if (RequestBodyTooLargeException.explains(exception)) {
            return payloadTooLarge(headers, uri);
        }
        return ProblemResponses.of(headers, 400, "invalid-json");
    }

    /** Maps a body that could not be read: cut off at the body size limit ({@code RequestBodyLimit}) to 413, a broken connection to 500. */
    @ServerExceptionMapper
    public Response unreadableBody(IOException exception, HttpHeaders headers, UriInfo uri) {
        if (RequestBodyTooLargeException.explains(exception)) {
            return payloadTooLarge(headers, uri);
        }
        return serverFault(exception, headers);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException exception, HttpHeaders headers) {
        return ProblemResponses.of(headers, 401, "unauthorized");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException exception, HttpHeaders headers) {
        return ProblemResponses.of(headers, 401, "unauthorized");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, HttpHeaders headers) {
        return ProblemResponses.of(headers, 403, "forbidden");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException exception, HttpHeaders headers) {
        return ProblemResponses.of(headers, 404, "not-found");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException exception, HttpHeaders headers) {
        Response response = ProblemResponses.of(headers, 405, "method-not-allowed");
        return Response.fromResponse(response).allow(exception.getResponse().getAllowedMethods()).build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException exception, HttpHeaders headers) {
        return ProblemResponses.of(headers, 415, "unsupported-media-type");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException exception, HttpHeaders headers) {
        return ProblemResponses.of(headers, 406, "not-acceptable");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, HttpHeaders headers, UriInfo uri) {
        if (RequestBodyTooLargeException.explains(exception)) {
            return payloadTooLarge(headers, uri);
        }
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return serverFault(exception, headers);
        }
        return ProblemResponses.of(headers, status, status == 413 ? "payload-too-large" : "bad-request");
    }

    /**
     * Maps any other exception to 500, except a request that found no free database connection
     * in time (Hibernate's "Unable to acquire JDBC Connection" caused by Agroal's acquisition
     * timeout), which gets 503 with Retry-After.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable exception, HttpHeaders headers, UriInfo uri) {
        if (RequestBodyTooLargeException.explains(exception)) {
            return payloadTooLarge(headers, uri);
        }
        if (DatabaseBusy.explains(exception)) {
            return databaseBusy(headers, uri);
        }
        return serverFault(exception, headers);
    }

    /**
     * Returns the 413 for a streamed body cut off at {@code quarkus.http.limits.max-body-size}: an
     * OperationOutcome on /fhir, as FHIR clients expect, and a problem elsewhere.
     */
    private static Response payloadTooLarge(HttpHeaders headers, UriInfo uri) {
        if (!uri.getRequestUri().getPath().startsWith("/fhir")) {
            return ProblemResponses.of(headers, 413, "payload-too-large");
        }
        Locale locale = RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        long limitMegabytes = ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue()
                / (1024 * 1024);
        return Response.status(413)
                .type("application/fhir+json; charset=UTF-8")
                .header(HttpHeaders.CONTENT_LANGUAGE, RequestLanguage.code(locale))
                .entity(TooLargeOutcome.json(locale, limitMegabytes))
                .build();
    }

    /** Returns the 503 for a request that found no free database connection: an OperationOutcome on /fhir, a problem elsewhere. */
    private Response databaseBusy(HttpHeaders headers, UriInfo uri) {
        ProblemException problem = databaseBusy.unavailable();
        if (!uri.getRequestUri().getPath().startsWith("/fhir")) {
            return ProblemResponses.of(headers, problem);
        }
        Locale locale = RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        return Response.status(503)
                .type("application/fhir+json; charset=UTF-8")
                .header(HttpHeaders.CONTENT_LANGUAGE, RequestLanguage.code(locale))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Retry-After", problem.retryAfterSeconds())
                .entity(UnavailableOutcome.databaseBusyJson(locale, problem.retryAfterSeconds()))
                .build();
    }

    private static Response serverFault(Throwable exception, HttpHeaders headers) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(exception, "Request failed with an unexpected error, error id %s", errorId);
        return ProblemResponses.serverError(headers, errorId);
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // Paths look like "method.argument.field"; the caller knows only the field part.
        String path = violation.getPropertyPath().toString();
        int second = path.indexOf('.', path.indexOf('.') + 1);
        return second < 0 ? path : path.substring(second + 1);
    }

    private static String jsonPath(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }
}
