package nl.clientapp.common.throttle;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caps the requests per client IP address to this endpoint, before anything else runs (also before
 * input validation), with the limit {@code clientapp.throttle.requests-per-ip-per-hour.<value>}.
 * Every endpoint without authentication carries it; {@code UnauthenticatedThrottleTest} checks that.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Throttled {

    /** The endpoint's operationId, which names its limit. */
    String value();
}
