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

    /** How long a sent message's row (id, channel, recipient, topic, times) is kept as a delivery record. */
    @WithDefault("P30D")
    Duration keepSent();

    /** How long a row that failed for good is kept for inspection; longer than {@link #keepSent()}. */
    @WithDefault("P90D")
    Duration keepFailed();

    /** Interval between runs of {@link OutboxRetentionJob}, such as {@code 1h}, or {@code off}. */
    @WithDefault("1h")
    String retentionEvery();

    /** Rows one retention transaction deletes. */
    @WithDefault("500")
    int retentionBatchSize();
}
