package nl.clientapp.common.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type stable URI of the problem kind; integrators switch on it
 * @param title short text in the request's language
 * @param status HTTP status code
 * @param detail explanation of this occurrence, in the request's language
 * @param errorId id of a server fault, also written to the log; only for 5xx
 * @param errors the invalid fields of a request, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String errorId, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:clientapp:problem:";

    /** One invalid field: its path in the request and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
