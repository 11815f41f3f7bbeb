package nl.clientapp.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The size of the outbox backlog and the age of its oldest pending message, for the health check
 * and the gauges {@code clientapp_outbox_pending_messages} and
 * {@code clientapp_outbox_oldest_pending_age_seconds}. Pending includes messages waiting for a
 * retry and messages claimed by a relay that has not finished them.
 *
 * <p>The outbox is one table shared by all instances, so every instance reports the same
 * values: aggregate them with {@code max}, never {@code sum}. One count runs on the partial
 * indexes of pending rows and is reused for {@code clientapp.monitoring.outbox.snapshot-max-age}.
 */
@Startup
@ApplicationScoped
public class OutboxBacklog {

    private static final String COUNT_PENDING = """
            select count(*), min(created_at) from outbox_message where status = 'PENDING'
            """;

    /** Pending messages and the creation time of the oldest, or null when none is pending. */
    public record Snapshot(long pending, Instant oldestCreatedAt, Instant takenAt) {

        /** Returns the age of the oldest pending message, zero when none is pending or it was created after {@code takenAt}. */
        public Duration oldestAge() {
            if (oldestCreatedAt == null || oldestCreatedAt.isAfter(takenAt)) {
                return Duration.ZERO;
            }
            return Duration.between(oldestCreatedAt, takenAt);
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    MonitoringConfig config;

    @Inject
    MeterRegistry registry;

    private Snapshot latest;

    @PostConstruct
    void registerGauges() {
        Gauge.builder("clientapp.outbox.pending", this, backlog -> backlog.cached().pending())
                .description("Messages in the outbox not yet sent or failed for good; the same on every instance")
                .baseUnit("messages")
                .register(registry);
        Gauge.builder("clientapp.outbox.oldest.pending.age", this, backlog -> backlog.cached().oldestAge().toMillis() / 1000.0)
                .description("Age of the oldest pending outbox message; the same on every instance")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Returns a snapshot no older than the configured maximum age, counting again when needed. */
    synchronized Snapshot cached() {
        Instant now = clock.instant();
        if (latest == null || latest.takenAt().plus(config.outbox().snapshotMaxAge()).isBefore(now)) {
            latest = count();
        }
        return latest;
    }

    /** Counts the pending messages now. */
    public Snapshot count() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(COUNT_PENDING);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            Timestamp oldest = rows.getTimestamp(2);
            return new Snapshot(rows.getLong(1), oldest == null ? null : oldest.toInstant(), clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the outbox backlog", e);
        }
    }
}
