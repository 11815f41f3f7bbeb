package nl.clientapp.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Duration;

/**
 * A clock the tests set. It starts at the real time, so tokens and data made by different tests
 * never collide, and moves only when a test sets or advances it.
 *
 * <p>NOTE: SmallRye JWT checks token expiry against the system clock, not this one. A test that
 * moves this clock should sign its tokens while the clock is near the real time.
 */
public class TestClock extends Clock {

    private volatile Instant now = Instant.now();

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Returns the clock to the real time, for tests that depend on a recent "now". */
    public void reset() {
        now = Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock parent = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId otherZone) {
                return parent.withZone(otherZone);
            }

            @Override
            public Instant instant() {
                return parent.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now;
    }
}
