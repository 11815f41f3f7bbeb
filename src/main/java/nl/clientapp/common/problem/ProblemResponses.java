package nl.clientapp.common.problem;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;

/** Builds problem+json responses with texts in the request's language. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(HttpHeaders headers, int status, String kind, Object... detailArguments) {
        return build(headers, status, kind, detailArguments, null, List.of(), null);
    }

    public static Response of(HttpHeaders headers, ProblemException problem) {
        return build(headers, problem.status(), problem.kind(), problem.detailArguments(), null, problem.fieldErrors(),
                problem.retryAfterSeconds());
    }

    public static Response invalidFields(HttpHeaders headers, List<Problem.FieldError> errors) {
        return build(headers, 400, "invalid-request", new Object[0], null, errors, null);
    }

    public static Response serverError(HttpHeaders headers, String errorId) {
        return build(headers, 500, "server-error", new Object[] { errorId }, errorId, List.of(), null);
    }

    private static Response build(HttpHeaders headers, int status, String kind, Object[] detailArguments, String errorId,
            List<Problem.FieldError> errors, Long retryAfterSeconds) {
        Locale locale = RequestLanguage.fromAcceptLanguage(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Problem problem = new Problem(
                Problem.TYPE_PREFIX + kind,
                Messages.get(locale, "problem." + kind + ".title"),
                status,
                Messages.get(locale, "problem." + kind + ".detail", detailArguments),
                errorId,
                errors == null || errors.isEmpty() ? null : errors);
        Response.ResponseBuilder response = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, RequestLanguage.code(locale))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem);
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds);
        }
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }
}
