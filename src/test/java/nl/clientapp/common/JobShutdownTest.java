package nl.clientapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Job batches at shutdown. Each test uses its own {@link JobShutdown}, not the application's bean,
 * so stopping it does not stop the application's jobs.
 */
@QuarkusTest
class JobShutdownTest {

    /** A batch that always claims a full batch of one row, so drain would go on forever. */
    private record Full() implements SkipLockedBatches.Batch {
        @Override
        public int claimed() {
            return 1;
        }
    }

    @Test
    void drain_claims_no_batch_after_shutdown_began() {
        JobShutdown shutdown = new JobShutdown();
        AtomicInteger claims = new AtomicInteger();

        int claimed = SkipLockedBatches.drain(shutdown, 1, () -> {
            claims.incrementAndGet();
            return new Full();
        }, batch -> shutdown.stopAndAwait(Duration.ZERO));

        assertEquals(1, claimed, "the batch in progress finishes and no further batch is claimed");
        assertEquals(1, claims.get());
        assertFalse(shutdown.enterBatch());
    }

    @Test
    void shutdown_waits_for_the_running_batch() throws Exception {
        JobShutdown shutdown = new JobShutdown();
        CountDownLatch batchStarted = new CountDownLatch(1);
        CountDownLatch releaseBatch = new CountDownLatch(1);
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> SkipLockedBatches.drain(shutdown, 1, () -> {
            batchStarted.countDown();
            await(releaseBatch);
            return new Full();
        }, batch -> {
        }));
        assertTrue(batchStarted.await(30, TimeUnit.SECONDS));

        Thread stopper = new Thread(() -> shutdown.stopAndAwait(Duration.ofSeconds(60)));
        stopper.start();
        while (!shutdown.stopping() || stopper.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        boolean stopperWaitedForBatch = stopper.isAlive() && !job.isDone();
        releaseBatch.countDown();
        stopper.join(30_000);

        assertTrue(stopperWaitedForBatch, "shutdown waits while a batch runs");
        assertFalse(stopper.isAlive(), "shutdown ends once the batch ended");
        assertEquals(1, job.get(30, TimeUnit.SECONDS), "the running batch completed and no other began");
    }

    @Test
    void shutdown_gives_up_waiting_after_the_timeout() {
        JobShutdown shutdown = new JobShutdown();
        assertTrue(shutdown.enterBatch());

        boolean allEnded = shutdown.stopAndAwait(Duration.ofMillis(50));

        assertFalse(allEnded);
        shutdown.exitBatch();
        assertTrue(shutdown.stopAndAwait(Duration.ZERO));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the batch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
