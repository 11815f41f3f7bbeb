package nl.clientapp.common.problem;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The 503 {@code server-busy} of a request turned away because the server already has as much work
 * as it can finish: counted as {@code clientapp_server_busy_total} by cause, and logged at WARN at
 * most every 10 seconds. The client may repeat the request after {@code Retry-After}.
 */
@Startup
@ApplicationScoped
public class ServerBusy {

    private static final Logger LOG = Logger.getLogger(ServerBusy.class);

    /** Cause of a rejected request, with the settings that set its limit. */
    public enum Cause {
        /** More requests in flight than {@code clientapp.overload.max-concurrent-requests}. */
        REQUESTS("requests", "clientapp.overload.max-concurrent-requests"),
        /** No Argon2 run free within {@code clientapp.auth.pin-check-wait}. */
        PIN_CHECKS("pin-checks", "clientapp.auth.pin-check-concurrency and clientapp.auth.pin-check-wait"),
        /** No download slot free within {@code clientapp.overload.download-wait}. */
        DOWNLOADS("downloads", "clientapp.overload.max-concurrent-downloads and clientapp.overload.download-wait");

        private final String tag;
        private final String settings;

        Cause(String tag, String settings) {
            this.tag = tag;
            this.settings = settings;
        }
    }

    @Inject
    OverloadConfig config;

    @Inject
    MeterRegistry registry;

    private final Map<Cause, Counter> counters = new EnumMap<>(Cause.class);
    private final Map<Cause, SpacedWarning> warnings = new EnumMap<>(Cause.class);

    @PostConstruct
    void registerCounters() {
        for (Cause cause : Cause.values()) {
            // Present from the start at 0, so an alert on its rate has a series to read.
            counters.put(cause, Counter.builder("clientapp.server.busy")
                    .description("Requests answered 503 server-busy because the server had as much work as it can finish")
                    .tag("cause", cause.tag)
                    .register(registry));
            warnings.put(cause, new SpacedWarning(LOG, "%d request(s) got 503 server-busy with Retry-After %d s: limit of "
                    + cause.settings + " reached"));
        }
    }

    /**
     * Takes a permit of {@code permits}, waiting at most {@code wait} in arrival order when the
     * semaphore is fair.
     *
     * @throws ProblemException 503 {@code server-busy}, counted for {@code cause}, when no permit was free in time
     */
    public void acquire(Semaphore permits, Duration wait, Cause cause) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a permit (" + cause.tag + ")", e);
        }
        if (!acquired) {
            throw unavailable(cause);
        }
    }

    /** Counts a request turned away for {@code cause}, logs it and returns the 503 problem to send. */
    public ProblemException unavailable(Cause cause) {
        counters.get(cause).increment();
        warnings.get(cause).occurred(retryAfterSeconds());
        return ProblemException.unavailable("server-busy", retryAfterSeconds());
    }

    /** Returns the {@code Retry-After} of the 503, in seconds. */
    public long retryAfterSeconds() {
        return config.retryAfter().toSeconds();
    }
}
