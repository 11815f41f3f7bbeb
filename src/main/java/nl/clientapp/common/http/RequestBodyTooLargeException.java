package nl.clientapp.common.http;

import java.io.IOException;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The failure that {@link RequestBodyLimit} delivers to the reader of a streamed request body once
 * the body crossed {@code quarkus.http.limits.max-body-size}. RESTEasy Reactive reports it wrapped
 * in other exceptions, and its JSON reader replaces it with a plain 400, so the request is also
 * marked, and the exception mappers ask {@link #explains}.
 */
public final class RequestBodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Key of the routing-context entry that marks a request whose body was cut off at the limit. */
    static final String CUT_OFF = "clientapp.request-body-cut-off";

    RequestBodyTooLargeException() {
        super("The request body exceeds the body size limit");
    }

    /**
     * Returns whether the body limit explains {@code failure}: a {@link RequestBodyTooLargeException}
     * is among its causes, or the current request's body was cut off at the limit.
     */
    public static boolean explains(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException) {
                return true;
            }
        }
        if (!Arc.container().requestContext().isActive()) {
            return false;
        }
        InstanceHandle<CurrentVertxRequest> request = Arc.container().instance(CurrentVertxRequest.class);
        RoutingContext routing = request.isAvailable() ? request.get().getCurrent() : null;
        return routing != null && Boolean.TRUE.equals(routing.get(CUT_OFF));
    }
}
