package nl.clientapp.common.problem;

import java.util.List;

/**
 * A failure that reaches the caller as a problem detail. The title and detail come from the
 * message bundle under {@code problem.<kind>.title} and {@code problem.<kind>.detail}, so they
 * are shown in the request's language.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final Object[] detailArguments;
    private final List<Problem.FieldError> fieldErrors;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String kind, Object... detailArguments) {
        this(status, kind, List.of(), null, detailArguments);
    }

    private ProblemException(int status, String kind, List<Problem.FieldError> fieldErrors, Long retryAfterSeconds, Object... detailArguments) {
        super(kind, null, false, false);
        this.status = status;
        this.kind = kind;
        this.detailArguments = detailArguments;
        this.fieldErrors = fieldErrors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 404 for an object that does not exist or that the caller may not see. */
    public static ProblemException notFound() {
        return new ProblemException(404, "not-found");
    }

    public static ProblemException badRequest(String kind, Object... detailArguments) {
        return new ProblemException(400, kind, detailArguments);
    }

    public static ProblemException invalidFields(List<Problem.FieldError> fieldErrors) {
        return new ProblemException(400, "invalid-request", fieldErrors, null);
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(429, "too-many-requests", List.of(), retryAfterSeconds);
    }

    public static ProblemException unavailable(String kind, long retryAfterSeconds) {
        return new ProblemException(503, kind, List.of(), retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public Object[] detailArguments() {
        return detailArguments;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
