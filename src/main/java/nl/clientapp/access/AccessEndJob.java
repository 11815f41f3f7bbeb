package nl.clientapp.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import nl.clientapp.audit.ActorType;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;
import nl.clientapp.common.DutchTime;
import nl.clientapp.common.JobShutdown;
import nl.clientapp.common.SkipLockedBatches;
import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.WebhookEvent;

/**
 * Ends memberships whose access has ended: care ended more than 6 weeks ago, a written
 * termination request's end date has passed, or the user is blocked for misuse. The job is
 * level-triggered: every run ends everything overdue, however long ago it fell due, so it catches
 * up after downtime. Each batch claims its rows with {@code FOR UPDATE SKIP LOCKED} and updates
 * only rows still {@code ACTIVE}, so instances running the job at the same time end each
 * membership exactly once. The per-request membership check applies the same rules, so a late or
 * failed run never extends access.
 *
 * <p>Ending access deletes nothing of the dossier. It records {@code ended_at}, {@code end_reason}
 * and {@code ended_by}, writes one audit entry and queues the {@code membership.ended} webhook per
 * membership in the same transaction, e-mails the user once through the outbox, and revokes the user's login sessions and devices once the user has no active
 * membership left (see {@link #revokeLoginsWithoutMembership}).
 */
@ApplicationScoped
public class AccessEndJob {

    /** Stored in {@code membership.ended_by} for memberships this job ends. */
    public static final String ENDED_BY = "access-end-job";

    /** Stored in {@code login_session.revoke_reason} for sessions revoked because access ended. */
    static final String SESSION_REVOKE_REASON = "ACCESS_ENDED";

    /** Event of the audit entry written for each membership this job ends. */
    public static final String AUDIT_EVENT = "membership.access-ended";

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

    // A membership is due when a block applies, its termination end day has come, or the client
    // has care relationships, none open, and the latest end date is at least 6 weeks before today.
    // AccessFacts applies the same rules per request.
    private static final String CLAIM_DUE = """
            select m.id, m.user_id, m.client_id, u.email, u.language, o.name,
                   f.any_open_care, f.last_care_end, f.termination_ends_on, f.blocked
              from membership m
              join membership_access_facts f on f.membership_id = m.id
              join app_user u on u.id = m.user_id
              join client c on c.id = m.client_id
              join organisation o on o.id = c.organisation_id
             where m.status = 'ACTIVE'
               and (f.blocked
                    or f.termination_ends_on <= :today
                    or (f.any_open_care = false and f.last_care_end <= :lastCareEnd))
             order by m.id
             limit :batchSize
               for update of m skip locked
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    JobShutdown jobShutdown;

    @Inject
    Clock clock;

    @Inject
    AccessEndNotices notices;

    @Inject
    AuditLog auditLog;

    @Inject
    Outbox outbox;

    // Injected so the mapping is registered; the schedule reads the same property.
    @Inject
    Settings settings;

    @Scheduled(identity = "access-end-job", every = "{clientapp.access.end-job.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        notices.sendDueWarnings();
        endOverdueMemberships();
    }

    /**
     * Ends every membership that is overdue now, in batches of {@value #BATCH_SIZE}, queues each
     * user's e-mail and the organisation's webhooks in the batch's transaction, then revokes the logins of users left without an active
     * membership.
     *
     * @return how many memberships this call ended
     */
    public int endOverdueMemberships() {
        AtomicInteger ended = new AtomicInteger();
        SkipLockedBatches.drain(jobShutdown, BATCH_SIZE, this::endNextBatch, batch -> ended.addAndGet(batch.ended()));
        QuarkusTransaction.requiringNew().run(this::revokeLoginsWithoutMembership);
        return ended.get();
    }

    /** The result of one batch: rows claimed and memberships ended. */
    private record EndedBatch(int claimed, int ended) implements SkipLockedBatches.Batch {
    }

    private EndedBatch endNextBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = DutchTime.today(clock);
        @SuppressWarnings("unchecked")
        List<Object[]> due = entityManager.createNativeQuery(CLAIM_DUE)
                .setParameter("today", today)
                .setParameter("lastCareEnd", today.minus(AccessPeriod.AFTER_CARE_ENDS))
                .setParameter("batchSize", BATCH_SIZE)
                .getResultList();

        Map<EndReason, List<UUID>> idsByReason = new EnumMap<>(EndReason.class);
        List<AccessEndNotices.Notice> endedNotices = new ArrayList<>();
        for (Object[] row : due) {
            EndReason reason = AccessFacts.fromRow(row, 6).endReason(now);
            if (reason == null) {
                // The claim query and AccessFacts apply the same rules, so this does not happen.
                LOG.warnf("Membership %s was claimed as due but its access has not ended", row[0]);
                continue;
            }
            idsByReason.computeIfAbsent(reason, key -> new ArrayList<>()).add((UUID) row[0]);
            endedNotices.add(new AccessEndNotices.Notice(AccessEndNotices.Kind.ENDED, (UUID) row[0], (UUID) row[1],
                    (String) row[3], (String) row[4], (String) row[5], today, reason));
        }
        int ended = 0;
        for (Map.Entry<EndReason, List<UUID>> entry : idsByReason.entrySet()) {
            @SuppressWarnings("unchecked")
            List<Object[]> endedRows = entityManager.createNativeQuery("""
                    update membership
                       set status = 'ENDED', ended_at = :now, end_reason = :reason, ended_by = :endedBy
                     where id in (:ids) and status = 'ACTIVE'
                    returning id, client_id, user_id""")
                    .setParameter("now", now)
                    .setParameter("reason", entry.getKey().name())
                    .setParameter("endedBy", ENDED_BY)
                    .setParameter("ids", entry.getValue())
                    .getResultList();
            for (Object[] endedRow : endedRows) {
                auditLog.record(accessEndedEntry((UUID) endedRow[0], (UUID) endedRow[1]));
                outbox.webhookForClient((UUID) endedRow[1], WebhookEvent.MEMBERSHIP_ENDED,
                        membershipEndedData((UUID) endedRow[0], (UUID) endedRow[1], (UUID) endedRow[2], entry.getKey().name()));
            }
            ended += endedRows.size();
        }
        for (Object[] row : due) {
            LOG.infof("Ended membership %s of user %s at client %s", row[0], row[1], row[2]);
        }
        notices.claim(endedNotices, now);
        return new EndedBatch(due.size(), ended);
    }

    /** The data of a {@code membership.ended} webhook: ids and the reason, nothing about the person. */
    public static Map<String, Object> membershipEndedData(UUID membershipId, UUID clientId, UUID userId, String reason) {
        return Map.of("membershipId", membershipId.toString(), "clientId", clientId.toString(), "userId", userId.toString(),
                "reason", reason);
    }

    /** Builds the audit entry for one membership this job ended, written in the same transaction. */
    private static AuditEntry accessEndedEntry(UUID membershipId, UUID clientId) {
        return new AuditEntry(AUDIT_EVENT, AuditAction.UPDATE, AuditOutcome.SUCCESS, ActorType.SYSTEM, ENDED_BY,
                null, clientId, null, "membership", membershipId.toString(), null, null);
    }

    /**
     * Revokes the login sessions, and so the refresh tokens, and destroys the devices of users
     * whose access this job ended and who have no active membership left. Sessions and devices
     * belong to a user, not to one client: while the user still follows another client they stay
     * valid, and the per-request check already refuses the ended client. The step runs after the
     * batches commit and looks at all users, not only this run's, so two instances that each end
     * one of a user's last two memberships at the same time cannot both leave the sessions open.
     */
    void revokeLoginsWithoutMembership() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<Object[]> sessions = entityManager.createNativeQuery("""
                update login_session s set revoked_at = :now, revoke_reason = :reason
                 where s.revoked_at is null
                   and exists (select 1 from membership e
                                where e.user_id = s.user_id and e.status = 'ENDED' and e.ended_by = :endedBy)
                   and not exists (select 1 from membership a where a.user_id = s.user_id and a.status = 'ACTIVE')
                returning s.id, s.user_id""")
                .setParameter("now", now)
                .setParameter("reason", SESSION_REVOKE_REASON)
                .setParameter("endedBy", ENDED_BY)
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> devices = entityManager.createNativeQuery("""
                update device d set destroyed_at = :now
                 where d.destroyed_at is null
                   and exists (select 1 from membership e
                                where e.user_id = d.user_id and e.status = 'ENDED' and e.ended_by = :endedBy)
                   and not exists (select 1 from membership a where a.user_id = d.user_id and a.status = 'ACTIVE')
                returning d.id, d.user_id""")
                .setParameter("now", now)
                .setParameter("endedBy", ENDED_BY)
                .getResultList();
        for (Object[] session : sessions) {
            LOG.infof("Revoked login session %s of user %s because the user's access ended", session[0], session[1]);
        }
        for (Object[] device : devices) {
            LOG.infof("Destroyed device %s of user %s because the user's access ended", device[0], device[1]);
        }
    }
}
