package nl.clientapp.common;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The loop of a level-triggered job that claims due rows in batches. Each batch runs in its own
 * transaction and claims its rows with {@code FOR UPDATE SKIP LOCKED}, so several instances
 * running the job at once never claim the same row and row locks stay short. What the batch must
 * do after its commit (e-mails) runs then, and the loop goes on while a batch came back full.
 */
public final class ClaimedBatches {

    /** The outcome of one batch; {@link #claimed()} is how many rows its claim query returned. */
    public interface Batch {
        int claimed();
    }

    private ClaimedBatches() {
    }

    /**
     * Runs {@code claimNext} in a new transaction until a batch claims fewer than {@code batchSize}
     * rows, handing each committed batch to {@code afterCommit}.
     */
    public static <B extends Batch> void drain(int batchSize, Supplier<B> claimNext, Consumer<B> afterCommit) {
        B batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(claimNext::get);
            afterCommit.accept(batch);
        } while (batch.claimed() == batchSize);
    }
}
