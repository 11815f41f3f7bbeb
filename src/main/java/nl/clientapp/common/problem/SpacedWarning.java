package nl.clientapp.common.problem;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * A WARN line about an overload that repeats for every request it hits. The first is logged at
 * once, later ones at most every 10 seconds with how many occurred since the last line, so an
 * overload does not also flood the log.
 */
final class SpacedWarning {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Logger log;
    private final String format;

    /** {@link System#nanoTime()} of the last line; a monotonic clock, because this only spaces out log lines. */
    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    /** Occurrences since the last line, reported in the next one. */
    private final AtomicLong sinceLast = new AtomicLong();

    /** {@code format} receives the number of occurrences and then the arguments of {@link #occurred}. */
    SpacedWarning(Logger log, String format) {
        this.log = log;
        this.format = format;
    }

    /** Counts one occurrence and logs it when the last line is 10 seconds old. */
    void occurred(Object... arguments) {
        long occurrences = sinceLast.incrementAndGet();
        long now = System.nanoTime();
        long last = lastNanos.get();
        if (now - last >= INTERVAL_NANOS && lastNanos.compareAndSet(last, now)) {
            sinceLast.addAndGet(-occurrences);
            Object[] values = new Object[arguments.length + 1];
            values[0] = occurrences;
            System.arraycopy(arguments, 0, values, 1, arguments.length);
            log.warnf(format, values);
        }
    }
}
