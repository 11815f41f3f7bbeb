package nl.clientapp.common;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The loop of a level-triggered job that claims its rows with {@code FOR UPDATE SKIP LOCKED}: each
 * batch runs in a transaction of its own, so row locks stay short and instances running the job at
 * the same time each take other rows; the loop ends when a batch claims fewer rows than the batch
 * size, because then nothing due was left unclaimed.
 */
public final class ClaimedBatches {

    /** The result of one batch. */
    public interface Batch {
        /** Rows the batch's claim query returned, handled or not. */
        int claimed();
    }

    private ClaimedBatches() {
    }

    /**
     * Runs {@code claimNext} in a new transaction per batch and hands each batch, once committed, to
     * {@code afterCommit} (for e-mails and counts), until a batch claims fewer than {@code batchSize} rows.
     */
    public static <B extends Batch> void drain(int batchSize, Supplier<B> claimNext, Consumer<B> afterCommit) {
        B batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(claimNext::get);
            afterCommit.accept(batch);
        } while (batch.claimed() >= batchSize);
    }
}
