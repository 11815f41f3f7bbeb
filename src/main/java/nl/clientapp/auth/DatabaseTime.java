package nl.clientapp.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current time at the precision PostgreSQL stores. A timestamptz keeps microseconds and rounds
 * finer values, so an instant truncated first compares exactly with the same instant read back.
 */
final class DatabaseTime {

    private DatabaseTime() {
    }

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
