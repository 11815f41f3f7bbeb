package nl.clientapp.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * Ends the memberships of clients whose care ended more than 6 weeks ago, per the terms of use.
 * The job is level-triggered: every run ends everything overdue, however long ago it fell due.
 * Each batch claims its rows with {@code FOR UPDATE SKIP LOCKED}, so instances running the job at
 * the same time never end one membership twice. The per-request membership check applies the
 * same rule, so a late run never extends access.
 */
@ApplicationScoped
public class AccessEndJob {

    /** Reason stored on memberships this job ends. */
    public static final String CARE_ENDED = "CARE_ENDED";

    /** Memberships ended per transaction, which keeps row locks short. */
    static final int BATCH_SIZE = 100;

    /** Settings of this job, under {@code clientapp.access.end-job}. */
    @ConfigMapping(prefix = "clientapp.access.end-job")
    public interface Settings {
        /** Interval between runs, such as {@code 15m}, or {@code off} to not schedule the job. */
        @WithDefault("15m")
        String every();
    }

    private static final Logger LOG = Logger.getLogger(AccessEndJob.class);

    // A client qualifies when it has care relationships, none of them open, and the latest end
    // date is at least 6 weeks before today (AccessPeriod: access ends at the start of that day).
    private static final String CLAIM_DUE = """
            select m.id, m.client_id
              from membership m
             where m.status = 'ACTIVE'
               and exists (select 1 from care_relationship cr where cr.client_id = m.client_id)
               and not exists (select 1 from care_relationship cr where cr.client_id = m.client_id and cr.end_date is null)
               and (select max(cr.end_date) from care_relationship cr where cr.client_id = m.client_id) <= :lastEndDate
             order by m.id
             limit :batchSize
               for update of m skip locked
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    // Injected so the mapping is registered; the schedule reads the same property.
    @Inject
    Settings settings;

    @Scheduled(identity = "access-end-job", every = "{clientapp.access.end-job.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        endOverdueMemberships();
    }

    /**
     * Ends every membership that is overdue now, in batches of {@value #BATCH_SIZE}.
     *
     * @return how many memberships this call ended
     */
    public int endOverdueMemberships() {
        int ended = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::endNextBatch);
            ended += batch;
        } while (batch == BATCH_SIZE);
        return ended;
    }

    private int endNextBatch() {
        Instant now = clock.instant();
        LocalDate lastEndDate = DutchTime.today(clock).minus(AccessPeriod.AFTER_CARE_ENDS);
        @SuppressWarnings("unchecked")
        List<Object[]> due = entityManager.createNativeQuery(CLAIM_DUE)
                .setParameter("lastEndDate", lastEndDate)
                .setParameter("batchSize", BATCH_SIZE)
                .getResultList();
        if (due.isEmpty()) {
            return 0;
        }

        List<UUID> ids = due.stream().map(row -> (UUID) row[0]).toList();
        int updated = entityManager.createNativeQuery("""
                update membership
                   set status = 'ENDED', ended_at = :now, end_reason = :reason
                 where id in (:ids) and status = 'ACTIVE'""")
                .setParameter("now", now)
                .setParameter("reason", CARE_ENDED)
                .setParameter("ids", ids)
                .executeUpdate();
        // NOTE: ending access does not yet revoke refresh tokens, mail the users or write an
        // audit entry; the per-request check already refuses these memberships.
        for (Object[] row : due) {
            LOG.infof("Ended membership %s of client %s because care ended more than 6 weeks ago", row[0], row[1]);
        }
        return updated;
    }
}
