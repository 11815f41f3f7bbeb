package nl.clientapp.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the health checks and metrics of message delivery, under {@code clientapp.monitoring}. */
@ConfigMapping(prefix = "clientapp.monitoring")
public interface MonitoringConfig {

    Outbox outbox();

    Smtp smtp();

    /** When the outbox backlog counts as degraded or down. */
    interface Outbox {

        /** Pending messages from which the outbox check reports {@code DEGRADED} (still UP). */
        @WithDefault("500")
        long degradedBacklog();

        /** Pending messages from which the outbox check reports DOWN. */
        @WithDefault("5000")
        long downBacklog();

        /** Age of the oldest pending message from which the check reports {@code DEGRADED}. */
        @WithDefault("PT15M")
        Duration degradedAge();

        /** Age of the oldest pending message from which the check reports DOWN. */
        @WithDefault("PT1H")
        Duration downAge();

        /**
         * How long one count of the backlog is reused by the metrics. Every instance counts the
         * same shared table, so a scrape of several instances runs at most one query per
         * instance in this time.
         */
        @WithDefault("PT15S")
        Duration snapshotMaxAge();
    }

    /** The SMTP reachability check. */
    interface Smtp {

        /** Connect and greeting timeout of the SMTP check; it never sends a message. */
        @WithDefault("PT2S")
        Duration timeout();
    }
}
