package nl.clientapp.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import nl.clientapp.common.JobShutdown;
import nl.clientapp.common.SkipLockedBatches;

/**
 * Deletes finished outbox rows: sent ones {@link OutboxConfig#keepSent()} after sending, and ones
 * that failed for good {@link OutboxConfig#keepFailed()} after failing. Pending rows are never
 * touched. Each run deletes everything past its period, however long ago it expired, in batches
 * that lock their rows with {@code FOR UPDATE SKIP LOCKED}, so instances running at the same time
 * delete different rows without waiting for each other's row locks.
 */
@ApplicationScoped
public class OutboxRetentionJob {

    private static final Logger LOG = Logger.getLogger(OutboxRetentionJob.class);

    // The status and its timestamp column are fixed pairs, so each gets its own statement.
    private static final String DELETE_SENT = """
            delete from outbox_message
             where id in (select id from outbox_message
                           where status = 'SENT' and sent_at <= :before
                           order by sent_at
                           limit :batchSize
                             for update skip locked)
            """;

    private static final String DELETE_FAILED = """
            delete from outbox_message
             where id in (select id from outbox_message
                           where status = 'FAILED' and failed_at <= :before
                           order by failed_at
                           limit :batchSize
                             for update skip locked)
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    OutboxConfig config;

    @Inject
    JobShutdown jobShutdown;

    /** Rows one transaction deleted. */
    private record Deleted(int claimed) implements SkipLockedBatches.Batch {
    }

    @Scheduled(identity = "outbox-retention", every = "{clientapp.outbox.retention-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deleteExpired();
    }

    /**
     * Deletes every sent and failed row past its retention period at the clock's time.
     *
     * @return how many rows this call deleted
     */
    public int deleteExpired() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int sent = deleteInBatches(DELETE_SENT, now.minus(config.keepSent()));
        int failed = deleteInBatches(DELETE_FAILED, now.minus(config.keepFailed()));
        if (sent + failed > 0) {
            LOG.infof("Deleted %d sent and %d failed outbox messages past their retention", sent, failed);
        }
        return sent + failed;
    }

    private int deleteInBatches(String statement, Instant before) {
        return SkipLockedBatches.drain(jobShutdown, config.retentionBatchSize(), () -> new Deleted(entityManager.createNativeQuery(statement)
                .setParameter("before", before)
                .setParameter("batchSize", config.retentionBatchSize())
                .executeUpdate()), deleted -> {
                });
    }
}
