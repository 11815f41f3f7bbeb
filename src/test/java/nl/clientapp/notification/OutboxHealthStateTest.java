package nl.clientapp.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The outbox health states at and around each configured threshold. */
class OutboxHealthStateTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    /** Degraded from 10 messages or 5 minutes, down from 100 messages or 30 minutes. */
    private static final MonitoringConfig.Outbox LIMITS = new MonitoringConfig.Outbox() {
        @Override
        public long degradedBacklog() {
            return 10;
        }

        @Override
        public long downBacklog() {
            return 100;
        }

        @Override
        public Duration degradedAge() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration downAge() {
            return Duration.ofMinutes(30);
        }

        @Override
        public Duration snapshotMaxAge() {
            return Duration.ofSeconds(15);
        }
    };

    @Test
    void empty_outbox_is_ok() {
        assertEquals("OK", state(0, null));
    }

    @Test
    void backlog_thresholds() {
        assertEquals("OK", state(9, Duration.ofMinutes(1)));
        assertEquals("DEGRADED", state(10, Duration.ofMinutes(1)));
        assertEquals("DEGRADED", state(99, Duration.ofMinutes(1)));
        assertEquals("DOWN", state(100, Duration.ofMinutes(1)));
    }

    @Test
    void age_thresholds() {
        assertEquals("OK", state(1, Duration.ofMinutes(5).minusSeconds(1)));
        assertEquals("DEGRADED", state(1, Duration.ofMinutes(5)));
        assertEquals("DEGRADED", state(1, Duration.ofMinutes(30).minusSeconds(1)));
        assertEquals("DOWN", state(1, Duration.ofMinutes(30)));
    }

    @Test
    void down_wins_over_degraded() {
        assertEquals("DOWN", state(50, Duration.ofHours(2)));
        assertEquals("DOWN", state(500, Duration.ofMinutes(6)));
    }

    @Test
    void message_from_future_has_no_age() {
        OutboxBacklog.Snapshot snapshot = new OutboxBacklog.Snapshot(1, NOW.plusSeconds(60), NOW);

        assertEquals(Duration.ZERO, snapshot.oldestAge());
    }

    private static String state(long pending, Duration oldestAge) {
        Instant oldest = oldestAge == null ? null : NOW.minus(oldestAge);
        return OutboxHealthCheck.state(new OutboxBacklog.Snapshot(pending, oldest, NOW), LIMITS);
    }
}
