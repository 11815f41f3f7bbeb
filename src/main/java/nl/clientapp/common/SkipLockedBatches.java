package nl.clientapp.common;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one claim pattern of jobs that several instances may run at the same time: each batch claims
 * due rows with {@code FOR UPDATE SKIP LOCKED} (or a conditional insert) in a transaction of its own,
 * so instances never wait for each other and never claim the same row; the caller acts on the batch
 * after the commit; batches repeat until one comes back short, so a run catches up on everything due,
 * or until the application shuts down ({@link JobShutdown}).
 * {@code AccessEndJob}, {@code AccessEndNotices} and {@code OutboxRelay} use it.
 */
public final class SkipLockedBatches {

    /** What one claiming transaction returns: at least how many rows it claimed. */
    public interface Batch {
        int claimed();
    }

    private SkipLockedBatches() {
    }

    /**
     * Runs {@code claim} in a new transaction, hands the committed batch to {@code afterCommit}, and
     * repeats while a batch claims {@code batchSize} rows. Once shutdown has begun it claims no
     * further batch; the batch in progress, with its {@code afterCommit}, still finishes.
     *
     * @return how many rows all batches claimed
     */
    public static <B extends Batch> int drain(JobShutdown shutdown, int batchSize, Supplier<B> claim, Consumer<B> afterCommit) {
        int claimed = 0;
        B batch;
        do {
            if (!shutdown.enterBatch()) {
                break;
            }
            try {
                batch = QuarkusTransaction.requiringNew().call(claim::get);
                claimed += batch.claimed();
                afterCommit.accept(batch);
            } finally {
                shutdown.exitBatch();
            }
        } while (batch.claimed() >= batchSize);
        return claimed;
    }
}
