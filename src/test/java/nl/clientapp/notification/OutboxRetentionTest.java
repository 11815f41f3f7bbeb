package nl.clientapp.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestClock;

/** Deletion of finished outbox rows after their retention periods (30 days sent, 90 days failed). */
@QuarkusTest
class OutboxRetentionTest {

    @Inject
    OutboxRetentionJob job;

    @Inject
    EntityManager entityManager;

    @Inject
    TestClock clock;

    private Instant now;

    @BeforeEach
    void setClock() {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void finished_rows_deleted_after_their_periods() {
        UUID sentLongAgo = insert("SENT", now.minus(Duration.ofDays(400)));
        UUID sentExpired = insert("SENT", now.minus(Duration.ofDays(30)).minusSeconds(1));
        UUID sentRecent = insert("SENT", now.minus(Duration.ofDays(29)));
        UUID failedRecent = insert("FAILED", now.minus(Duration.ofDays(31)));
        UUID failedExpired = insert("FAILED", now.minus(Duration.ofDays(90)).minusSeconds(1));
        UUID pendingOld = insert("PENDING", now.minus(Duration.ofDays(400)));

        int deleted = job.deleteExpired();

        assertTrue(deleted >= 3, "deleted " + deleted);
        Set<UUID> left = existing(List.of(sentLongAgo, sentExpired, sentRecent, failedRecent, failedExpired, pendingOld));
        assertEquals(Set.of(sentRecent, failedRecent, pendingOld), left);
    }

    @Test
    void rows_expiring_later_deleted_by_a_later_run() {
        UUID sent = insert("SENT", now.minus(Duration.ofDays(29)));

        job.deleteExpired();
        assertEquals(Set.of(sent), existing(List.of(sent)));

        clock.advance(Duration.ofDays(2));
        job.deleteExpired();
        assertEquals(Set.of(), existing(List.of(sent)));
    }

    @Test
    void runs_in_batches_and_in_parallel() throws Exception {
        // The test profile deletes 5 rows per transaction; 3 runs at once share 40 expired rows.
        List<UUID> expired = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expired.add(insert("SENT", now.minus(Duration.ofDays(60)).plusSeconds(i)));
            expired.add(insert("FAILED", now.minus(Duration.ofDays(120)).plusSeconds(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> runs = new ArrayList<>();

        try {
            Callable<Integer> run = job::deleteExpired;
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(run));
            }
            int deleted = 0;
            for (Future<Integer> result : runs) {
                deleted += result.get();
            }

            assertTrue(deleted >= expired.size(), "deleted " + deleted + " of " + expired.size());
            assertEquals(Set.of(), existing(expired));
        } finally {
            pool.shutdownNow();
        }
    }

    private UUID insert(String status, Instant finishedAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into outbox_message (id, channel, recipient, body, topic, status, attempts, next_attempt_at,
                                            created_at, sent_at, failed_at)
                values (:id, 'EMAIL', 'retention@example.test', '', 'retention-test', :status, 1, :createdAt,
                        :createdAt,
                        case when :status = 'SENT' then cast(:finishedAt as timestamptz) end,
                        case when :status = 'FAILED' then cast(:finishedAt as timestamptz) end)
                """)
                .setParameter("id", id)
                .setParameter("status", status)
                .setParameter("createdAt", finishedAt.minusSeconds(60))
                .setParameter("finishedAt", finishedAt)
                .executeUpdate());
        return id;
    }

    private Set<UUID> existing(List<UUID> ids) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> found = entityManager.createNativeQuery("select id from outbox_message where id in (:ids)")
                    .setParameter("ids", ids)
                    .getResultList();
            return found.stream().collect(Collectors.toSet());
        });
    }
}
