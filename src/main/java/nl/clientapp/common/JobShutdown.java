package nl.clientapp.common;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;

/**
 * Lets scheduled jobs finish their current batch when the application shuts down, and start no
 * new one. Quarkus stops triggering jobs at shutdown but does not wait for a running one, so
 * without this the datasource could close in the middle of a batch.
 *
 * <p>Jobs run each batch between {@link #enterBatch()} and {@link #exitBatch()}
 * ({@link SkipLockedBatches} does it for them). On shutdown this bean pauses the scheduler, rejects
 * new batches and waits for the running ones, at most {@code quarkus.shutdown.timeout}. The work
 * a job leaves undone is due again, so another instance or the next start picks it up.
 */
@ApplicationScoped
public class JobShutdown {

    private static final Logger LOG = Logger.getLogger(JobShutdown.class);

    /** Wait for running batches when {@code quarkus.shutdown.timeout} is not set. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    @Inject
    Scheduler scheduler;

    @ConfigProperty(name = "quarkus.shutdown.timeout")
    Optional<Duration> shutdownTimeout;

    private boolean stopping;
    private int runningBatches;

    /**
     * Registers the start of a batch.
     *
     * @return false when shutdown has begun; the caller then claims nothing
     */
    public synchronized boolean enterBatch() {
        if (stopping) {
            return false;
        }
        runningBatches++;
        return true;
    }

    /** Registers the end of a batch that {@link #enterBatch()} admitted. */
    public synchronized void exitBatch() {
        runningBatches--;
        notifyAll();
    }

    /** Returns whether shutdown has begun, for jobs that check between items of a batch. */
    public synchronized boolean stopping() {
        return stopping;
    }

    // Runs before the other shutdown observers, while the datasource is still open.
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        scheduler.pause();
        stopAndAwait(shutdownTimeout.filter(timeout -> !timeout.isZero()).orElse(DEFAULT_WAIT));
    }

    /**
     * Rejects new batches and waits until the running ones end or {@code maxWait} has passed.
     *
     * @return true when no batch is running any more
     */
    synchronized boolean stopAndAwait(Duration maxWait) {
        stopping = true;
        long deadline = System.nanoTime() + maxWait.toNanos();
        if (runningBatches > 0) {
            LOG.infof("Shutdown: waiting for %d running job batches", runningBatches);
        }
        while (runningBatches > 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                LOG.warnf("Shutdown: %d job batches still running after %s; their work is done again later", runningBatches,
                        maxWait);
                return false;
            }
            try {
                Duration left = Duration.ofNanos(remaining);
                wait(Math.max(1, left.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
