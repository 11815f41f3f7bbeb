package nl.clientapp.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestOutbox;

/** The escalation job: each question without an answer on its expected date is escalated once, however many runs. */
@QuarkusTest
class ChatEscalationJobTest {

    /** Monday 9 March 2026, 01:00 in Amsterdam. */
    private static final Instant MONDAY = Instant.parse("2026-03-09T00:00:00Z");

    @Inject
    TestAppUsers users;

    @Inject
    ChatRows rows;

    @Inject
    TestClock clock;

    @Inject
    ChatEscalationJob job;

    @Inject
    TestOutbox outbox;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void parallel_runs_escalate_each_once() throws Exception {
        Organisation withManager = organisation(true);
        Organisation teamOnly = organisation(false);
        Organisation unconfigured = new Organisation(users.createClient("Meneer Jansen").id, null, null);
        // Asked Monday 2 March: expected Monday 9 March, today.
        UUID dueToday = question(withManager, "2026-03-02T10:00:00Z");
        // Asked Tuesday 3 March: expected Tuesday 10 March.
        UUID dueTomorrow = question(withManager, "2026-03-03T10:00:00Z");
        // Expected Friday 27 February: a run that was missed is caught up on.
        UUID longOverdue = question(teamOnly, "2026-02-20T10:00:00Z");
        UUID answered = question(withManager, "2026-03-02T11:00:00Z");
        rows.answer(withManager.clientId(), answered, Instant.parse("2026-03-05T10:00:00Z"));
        UUID noAddress = question(unconfigured, "2026-03-02T10:00:00Z");
        clock.set(MONDAY);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(job::escalateOverdueQuestions);
            }
            for (Future<Integer> run : pool.invokeAll(runs)) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }

        assertNotNull(rows.escalatedAt(dueToday));
        assertNotNull(rows.escalatedAt(longOverdue));
        assertNotNull(rows.escalatedAt(noAddress));
        assertNull(rows.escalatedAt(dueTomorrow));
        assertNull(rows.escalatedAt(answered));
        assertEquals(1, outbox.sentCount(withManager.teamEmail()));
        assertEquals(1, outbox.sentCount(withManager.escalationEmail()));
        assertEquals(1, outbox.sentCount(teamOnly.teamEmail()));
        String text = outbox.mailsTo(teamOnly.teamEmail()).get(0).getText();
        assertTrue(text.contains(longOverdue.toString()), text);
        assertTrue(text.contains("27-2-2026"), text);
        assertFalse(text.contains("Vraag over"), text);

        job.escalateOverdueQuestions();
        assertEquals(1, outbox.sentCount(withManager.teamEmail()));

        clock.set(MONDAY.plusSeconds(24 * 3600));
        job.escalateOverdueQuestions();
        assertNotNull(rows.escalatedAt(dueTomorrow));
        assertEquals(2, outbox.sentCount(withManager.teamEmail()));
        assertEquals(1, outbox.sentCount(teamOnly.teamEmail()));
    }

    @Test
    void answered_question_is_not_escalated() {
        Organisation organisation = organisation(false);
        UUID question = question(organisation, "2026-03-02T10:00:00Z");
        rows.answer(organisation.clientId(), question, Instant.parse("2026-03-02T15:00:00Z"));
        clock.set(MONDAY.plusSeconds(30 * 24 * 3600L));

        job.escalateOverdueQuestions();

        assertNull(rows.escalatedAt(question));
        assertEquals(0, outbox.sentCount(organisation.teamEmail()));
    }

    /** A client and the chat addresses of its organisation. */
    private record Organisation(UUID clientId, String teamEmail, String escalationEmail) {
    }

    private Organisation organisation(boolean withEscalationAddress) {
        var client = users.createClient("Mevrouw Bakker");
        String team = "team-" + UUID.randomUUID() + "@zorg.example.test";
        String manager = withEscalationAddress ? "manager-" + UUID.randomUUID() + "@zorg.example.test" : null;
        rows.settings(client.organisationId, team, manager);
        return new Organisation(client.id, team, manager);
    }

    private UUID question(Organisation organisation, String askedAt) {
        UUID member = users.memberOf(organisation.clientId(), Role.FULL_ACCESS).userId();
        return rows.question(organisation.clientId(), member, "Vraag over de zorg", Instant.parse(askedAt));
    }
}
