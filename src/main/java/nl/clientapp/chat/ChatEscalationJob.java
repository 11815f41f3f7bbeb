package nl.clientapp.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import nl.clientapp.common.JobShutdown;
import nl.clientapp.common.SkipLockedBatches;
import nl.clientapp.common.DutchTime;

/**
 * Escalates questions that have no answer from the care team on their expected answer date, from
 * 00:00 Europe/Amsterdam that day, so the team can still keep the promise of the terms of use. The
 * job is level-triggered: every run escalates every such question, however long ago its date came.
 * Each batch claims threads with {@code FOR UPDATE SKIP LOCKED} and sets {@code escalated_at} on
 * threads where it is still null, so each question is escalated exactly once across instances and
 * runs. The e-mails to the team address and the escalation address are queued on the outbox in the
 * claiming transaction, so an escalation and its e-mails commit together, exactly once.
 */
@ApplicationScoped
public class ChatEscalationJob {

    /** Threads escalated per transaction. */
    static final int BATCH_SIZE = 100;

    /** Settings of this job, under {@code clientapp.chat.escalation-job}. */
    @ConfigMapping(prefix = "clientapp.chat.escalation-job")
    public interface Settings {
        /** Interval between runs, such as {@code 15m}, or {@code off} to not schedule the job. */
        @WithDefault("15m")
        String every();
    }

    private static final Logger LOG = Logger.getLogger(ChatEscalationJob.class);

    private static final String CLAIM_DUE = """
            select t.id, t.expected_answer_on, s.team_email, s.escalation_email
              from chat_thread t
              join client c on c.id = t.client_id
              left join chat_settings s on s.organisation_id = c.organisation_id
             where t.escalated_at is null
               and t.expected_answer_on <= :today
               and not exists (select 1 from chat_message m where m.thread_id = t.id and m.author_type = 'CARE_TEAM')
             order by t.id
             limit :batchSize
               for update of t skip locked
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    JobShutdown jobShutdown;

    @Inject
    Clock clock;

    @Inject
    ChatNotifications notifications;

    // Injected so the mapping is registered; the schedule reads the same property.
    @Inject
    Settings settings;

    /** The result of one batch: threads claimed and how many of them this batch escalated. */
    private record EscalatedBatch(int claimed, int escalated) implements SkipLockedBatches.Batch {
    }

    @Scheduled(identity = "chat-escalation-job", every = "{clientapp.chat.escalation-job.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        escalateOverdueQuestions();
    }

    /**
     * Escalates every question without an answer whose expected date has come.
     *
     * @return how many questions this call escalated
     */
    public int escalateOverdueQuestions() {
        int[] escalated = { 0 };
        SkipLockedBatches.drain(jobShutdown, BATCH_SIZE, this::escalateNextBatch, batch -> escalated[0] += batch.escalated());
        return escalated[0];
    }

    private EscalatedBatch escalateNextBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<Object[]> due = entityManager.createNativeQuery(CLAIM_DUE)
                .setParameter("today", DutchTime.today(clock))
                .setParameter("batchSize", BATCH_SIZE)
                .getResultList();

        int escalated = 0;
        for (Object[] row : due) {
            UUID threadId = (UUID) row[0];
            int updated = entityManager.createNativeQuery("update chat_thread set escalated_at = :now where id = :id and escalated_at is null")
                    .setParameter("now", now)
                    .setParameter("id", threadId)
                    .executeUpdate();
            if (updated == 0) {
                continue;
            }
            List<String> addresses = Stream.of((String) row[2], (String) row[3]).filter(address -> address != null).distinct().toList();
            if (addresses.isEmpty()) {
                LOG.warnf("Escalated question %s, but its organisation configured no chat e-mail address", threadId);
            } else {
                LOG.infof("Escalated question %s, expected answer date %s", threadId, row[1]);
            }
            notifications.escalate(threadId, toLocalDate(row[1]), addresses);
            escalated++;
        }
        return new EscalatedBatch(due.size(), escalated);
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
