package nl.clientapp.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import nl.clientapp.common.DutchTime;
import nl.clientapp.common.JobShutdown;

/**
 * Removes audit entries that are older than their organisation's maximum retention (N2). Entries
 * are kept at least {@value #MINIMUM_YEARS} years and, without a setting, indefinitely. The job is
 * level-triggered: every run removes everything overdue. Each transaction claims one
 * organisation's setting with {@code FOR UPDATE SKIP LOCKED} and removes up to
 * {@value #BATCH_SIZE} entries through the SQL function {@code audit_entry_purge}, the only way to
 * delete audit entries, which itself spares every entry younger than 5 years.
 */
@ApplicationScoped
public class AuditRetentionJob {

    /** The legal minimum retention of audit entries, in years. */
    public static final int MINIMUM_YEARS = 5;

    /** Entries removed per transaction. */
    static final int BATCH_SIZE = 1000;

    private static final UUID FIRST = new UUID(0, 0);

    /** Settings of this job, under {@code clientapp.audit.retention-job}. */
    @ConfigMapping(prefix = "clientapp.audit.retention-job")
    public interface Settings {
        /** Interval between runs, such as {@code 6h}, or {@code off} to not schedule the job. */
        @WithDefault("6h")
        String every();
    }

    private static final Logger LOG = Logger.getLogger(AuditRetentionJob.class);

    private static final String CLAIM_NEXT = """
            select organisation_id, max_retention_years
              from audit_retention
             where organisation_id >= :from
             order by organisation_id
             limit 1
               for update skip locked
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    JobShutdown jobShutdown;

    // Injected so the mapping is registered; the schedule reads the same property.
    @Inject
    Settings settings;

    @Scheduled(identity = "audit-retention-job", every = "{clientapp.audit.retention-job.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        removeExpiredEntries();
    }

    /** One batch: the organisation claimed, or null when none is left, and the entries removed. */
    private record Batch(UUID organisationId, int removed) {
    }

    /**
     * Removes every entry past its organisation's maximum retention now, or until the application
     * shuts down; the rest is removed by a later run.
     *
     * @return how many entries this call removed
     */
    public int removeExpiredEntries() {
        int removed = 0;
        UUID from = FIRST;
        while (true) {
            UUID start = from;
            if (!jobShutdown.enterBatch()) {
                return removed;
            }
            Batch batch;
            try {
                batch = QuarkusTransaction.requiringNew().call(() -> removeBatch(start));
            } finally {
                jobShutdown.exitBatch();
            }
            if (batch.organisationId() == null) {
                return removed;
            }
            removed += batch.removed();
            if (batch.removed() > 0) {
                LOG.infof("Removed %d audit entries of organisation %s past its maximum retention", batch.removed(), batch.organisationId());
            }
            if (batch.removed() < BATCH_SIZE) {
                // Done with this organisation: continue after it.
                from = successor(batch.organisationId());
            } else {
                from = batch.organisationId();
            }
            if (from == null) {
                return removed;
            }
        }
    }

    private Batch removeBatch(UUID from) {
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = entityManager.createNativeQuery(CLAIM_NEXT).setParameter("from", from).getResultList();
        if (claimed.isEmpty()) {
            return new Batch(null, 0);
        }
        UUID organisationId = (UUID) claimed.get(0)[0];
        int years = ((Number) claimed.get(0)[1]).intValue();
        Instant cutoff = clock.instant().atZone(DutchTime.ZONE).minusYears(Math.max(years, MINIMUM_YEARS)).toInstant()
                .truncatedTo(ChronoUnit.MICROS);
        Number removed = (Number) entityManager.createNativeQuery("select audit_entry_purge(:organisation, :before, :limit)")
                .setParameter("organisation", organisationId)
                .setParameter("before", cutoff)
                .setParameter("limit", BATCH_SIZE)
                .getSingleResult();
        return new Batch(organisationId, removed.intValue());
    }

    /** Returns the next UUID in PostgreSQL's order, which compares the bytes unsigned, or null after the last one. */
    static UUID successor(UUID id) {
        long low = id.getLeastSignificantBits() + 1;
        long high = id.getMostSignificantBits();
        if (low == 0) {
            if (high == -1L) {
                return null;
            }
            high++;
        }
        return new UUID(high, low);
    }
}
