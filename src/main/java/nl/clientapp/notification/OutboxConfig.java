package nl.clientapp.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay, under the prefix {@code clientapp.outbox}. */
@ConfigMapping(prefix = "clientapp.outbox")
public interface OutboxConfig {

    /** Interval between relay runs, such as {@code 10s}, or {@code off} to not schedule the relay. */
    @WithDefault("10s")
    String relayEvery();

    /** Messages claimed per transaction. */
    @WithDefault("20")
    int batchSize();

    /** Attempts before a message is marked FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after the first failed attempt; it doubles after each further failure. */
    @WithDefault("PT1M")
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("PT6H")
    Duration maxBackoff();

    /**
     * How long a claimed message is reserved for the relay that claimed it. A relay that stops
     * while sending leaves the message to be claimed again after this time. Must exceed a batch's
     * sending time; the relay stops sending a batch when the lease is nearly over.
     */
    @WithDefault("PT5M")
    Duration lease();
}
