package nl.clientapp.dossier;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.ext.web.RoutingContext;
import nl.clientapp.common.problem.OverloadConfig;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.problem.ServerBusy;

/**
 * Slots for document downloads, which hold the whole document in the heap until the response is
 * sent: at most {@code clientapp.overload.max-concurrent-downloads} at once, further downloads
 * wait in arrival order for at most {@code clientapp.overload.download-wait}.
 */
@ApplicationScoped
class DownloadSlots {

    @Inject
    OverloadConfig config;

    @Inject
    ServerBusy serverBusy;

    /** Free slots; package-private so tests can hold them. */
    Semaphore slots;

    @PostConstruct
    void createSlots() {
        if (config.maxConcurrentDownloads() < 1) {
            throw new IllegalStateException("clientapp.overload.max-concurrent-downloads must be at least 1, got "
                    + config.maxConcurrentDownloads());
        }
        slots = new Semaphore(config.maxConcurrentDownloads(), true);
    }

    /**
     * Takes a slot, which the caller must {@link #release}.
     *
     * @throws ProblemException 503 {@code server-busy} when no slot was free within the wait
     */
    void acquire() {
        serverBusy.acquire(slots, config.downloadWait(), ServerBusy.Cause.DOWNLOADS);
    }

    void release() {
        slots.release();
    }

    /**
     * Releases the caller's slot once the response of {@code routing} has been sent or its
     * connection has closed. In the benchmark, an end handler added after the client had closed
     * the connection (while the request waited for its slot) was never called, so a response that
     * is already closed releases the slot at once. The slot is released once either way.
     */
    void releaseWhenSent(RoutingContext routing) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable releaseOnce = () -> {
            if (released.compareAndSet(false, true)) {
                release();
            }
        };
        routing.addEndHandler(ended -> releaseOnce.run());
        if (routing.response().closed() || routing.response().ended()) {
            releaseOnce.run();
        }
    }
}
