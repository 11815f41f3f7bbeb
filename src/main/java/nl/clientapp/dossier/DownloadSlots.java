package nl.clientapp.dossier;

import java.util.concurrent.Semaphore;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
}
