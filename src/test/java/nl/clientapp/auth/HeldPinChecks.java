package nl.clientapp.auth;

import java.util.concurrent.Semaphore;

import io.quarkus.arc.ClientProxy;

/**
 * Holds back every Argon2 run of {@link PinHasher} until {@link #close}, so a test can act while
 * PIN logins wait between their two transactions. Logins that wait here have finished their first
 * transaction and start the second only after the check.
 */
final class HeldPinChecks implements AutoCloseable {

    private static final long WAIT_MILLIS = 60_000;

    private final Semaphore runs;
    private final int heldPermits;

    HeldPinChecks(PinHasher pinHasher) {
        this.runs = ClientProxy.unwrap(pinHasher).runs;
        this.heldPermits = runs.drainPermits();
    }

    /** Waits until {@code count} PIN checks wait for a permit; fails after a minute. */
    void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (runs.getQueueLength() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Expected " + count + " PIN checks waiting, found " + runs.getQueueLength());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        runs.release(heldPermits);
    }
}
