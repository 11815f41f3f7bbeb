package nl.clientapp.support;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the system clock with {@link TestClock} in tests. */
public class TestClockProducer {

    private static final TestClock CLOCK = new TestClock();

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    Clock clock() {
        return CLOCK;
    }

    @Produces
    @Singleton
    TestClock testClock() {
        return CLOCK;
    }
}
