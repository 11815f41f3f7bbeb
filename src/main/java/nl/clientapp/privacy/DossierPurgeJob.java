package nl.clientapp.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import nl.clientapp.audit.ActorType;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;
import nl.clientapp.common.JobShutdown;
import nl.clientapp.common.SkipLockedBatches;
import nl.clientapp.fhir.ClientDossierPurge;

/**
 * Data minimisation: removes the dossier data mirrored from the ECD of every client whose
 * memberships have all ended, once the latest ended {@link Settings#after()} ago. Nobody can read
 * that data any more, and the ECD keeps the record. A client with an active or invited membership,
 * or with no membership at all (the organisation may import before it invites), is never touched.
 *
 * <p>The job is level-triggered: each run purges every client that is due, however long ago it
 * became due. Batches claim client rows with {@code FOR UPDATE SKIP LOCKED}, the same row lock
 * member registration and the FHIR import's references take, so a purge and a new invitation or
 * import of the same client run one after the other. A client is purged once per time its
 * memberships all ended: {@code client.dossier_purged_at} records the purge, and only a membership
 * ending later makes the client due again.
 */
@ApplicationScoped
public class DossierPurgeJob {

    /** Actor id of the audit entries this job writes. */
    public static final String ACTOR = "dossier-purge-job";

    /** Event of the audit entry written per purged client. */
    public static final String AUDIT_EVENT = "dossier.purged";

    /** Clients purged per transaction. */
    static final int BATCH_SIZE = 20;

    /** Settings of this job, under {@code clientapp.privacy.dossier-purge}. */
    @ConfigMapping(prefix = "clientapp.privacy.dossier-purge")
    public interface Settings {
        /** Interval between runs, such as {@code 1h}, or {@code off} to not schedule the job. */
        @WithDefault("1h")
        String every();

        /** How long after the last membership ended the client's dossier data is removed. */
        @WithDefault("P90D")
        Duration after();
    }

    private static final Logger LOG = Logger.getLogger(DossierPurgeJob.class);

    private static final String CLAIM_DUE = """
            select c.id
              from client c
              join lateral (select max(e.ended_at) as last_ended_at, bool_or(e.status = 'ACTIVE') as any_active
                              from membership e where e.client_id = c.id) m on true
             where m.any_active = false
               and m.last_ended_at <= :endedBefore
               and (c.dossier_purged_at is null or c.dossier_purged_at < m.last_ended_at)
             order by c.id
             limit :batchSize
               for update of c skip locked
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    JobShutdown jobShutdown;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @Inject
    ClientDossierPurge dossierPurge;

    @Inject
    @Any
    Instance<ClientDataPurgeStep> steps;

    @Inject
    AuditLog auditLog;

    /** The result of one batch. */
    private record PurgedBatch(int claimed, int purged) implements SkipLockedBatches.Batch {
    }

    @Scheduled(identity = "dossier-purge-job", every = "{clientapp.privacy.dossier-purge.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purgeDueClients();
    }

    /**
     * Purges every client that is due now.
     *
     * @return how many clients this call purged
     */
    public int purgeDueClients() {
        AtomicInteger purged = new AtomicInteger();
        SkipLockedBatches.drain(jobShutdown, BATCH_SIZE, this::purgeNextBatch, batch -> purged.addAndGet(batch.purged()));
        return purged.get();
    }

    private PurgedBatch purgeNextBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<UUID> due = entityManager.createNativeQuery(CLAIM_DUE)
                .setParameter("endedBefore", now.minus(settings.after()))
                .setParameter("batchSize", BATCH_SIZE)
                .getResultList();
        int purged = 0;
        for (UUID clientId : due) {
            if (purge(clientId, now)) {
                purged++;
            }
        }
        return new PurgedBatch(due.size(), purged);
    }

    private boolean purge(UUID clientId, Instant now) {
        // A fresh statement under the row lock: a membership committed after the claim query's
        // snapshot is seen here, and none can be added until this transaction ends.
        Number active = (Number) entityManager.createNativeQuery(
                "select count(*) from membership where client_id = :client and status = 'ACTIVE'")
                .setParameter("client", clientId)
                .getSingleResult();
        if (active.intValue() > 0) {
            return false;
        }
        steps.stream().sorted(Comparator.comparing(step -> step.getClass().getName())).forEach(step -> step.purge(clientId));
        dossierPurge.purge(clientId, now);
        auditLog.record(new AuditEntry(AUDIT_EVENT, AuditAction.DELETE, AuditOutcome.SUCCESS, ActorType.SYSTEM, ACTOR,
                null, clientId, null, "dossier", clientId.toString(), null, null));
        LOG.infof("Removed the mirrored dossier data of client %s, whose memberships all ended", clientId);
        return true;
    }
}
