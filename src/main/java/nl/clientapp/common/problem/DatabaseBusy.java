package nl.clientapp.common.problem;

import java.sql.SQLException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Recognises a request that failed because the connection pool had no free connection within
 * {@code quarkus.datasource.jdbc.acquisition-timeout}, logs it and counts it as
 * {@code clientapp_database_pool_exhausted_total}. The exception mappers return 503 with
 * {@code Retry-After} for such a request instead of 500, because the overload is temporary and the
 * client can repeat the request.
 */
@Startup
@ApplicationScoped
public class DatabaseBusy {

    private static final Logger LOG = Logger.getLogger(DatabaseBusy.class);

    /** Pool class of Agroal 3.0 that throws the acquisition timeout. */
    private static final String AGROAL_POOL = "io.agroal.pool.ConnectionPool";

    /**
     * Message of that exception. Agroal 3.0 throws a plain {@link SQLException} without SQL state
     * or cause, so the message and the throwing class are all that set it apart.
     */
    private static final String ACQUISITION_TIMEOUT = "Sorry, acquisition timeout!";

    private static final SpacedWarning WARNING = new SpacedWarning(LOG, "%d request(s) found no free database connection "
            + "within quarkus.datasource.jdbc.acquisition-timeout and got 503 with Retry-After %d s. Check the pool size "
            + "(quarkus.datasource.jdbc.max-size) and slow queries.");

    @Inject
    DatabaseBusyConfig config;

    @Inject
    MeterRegistry registry;

    private Counter exhausted;

    @PostConstruct
    void registerCounter() {
        // Present from the start at 0, so an alert on its rate has a series to read.
        exhausted = Counter.builder("clientapp.database.pool.exhausted")
                .description("Requests answered 503 because no database connection was free within the acquisition timeout")
                .register(registry);
    }

    /** Returns whether {@code failure} or one of its causes is Agroal's acquisition timeout. */
    public static boolean explains(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isAcquisitionTimeout(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts the failure, logs it at WARN and returns the 503 problem to send. The first failure is
     * logged at once and later ones at most every 10 seconds, with how many there were. The log
     * line contains settings, not request data, so it contains no personal data.
     */
    public ProblemException unavailable() {
        exhausted.increment();
        WARNING.occurred(retryAfterSeconds());
        return ProblemException.unavailable("database-busy", retryAfterSeconds());
    }

    /** Returns the {@code Retry-After} of the 503, in seconds. */
    public long retryAfterSeconds() {
        return config.retryAfter().toSeconds();
    }

    private static boolean isAcquisitionTimeout(Throwable cause) {
        if (cause.getClass() != SQLException.class || !ACQUISITION_TIMEOUT.equals(cause.getMessage())) {
            return false;
        }
        StackTraceElement[] frames = cause.getStackTrace();
        return frames.length > 0 && AGROAL_POOL.equals(frames[0].getClassName());
    }
}
