package nl.clientapp.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import nl.clientapp.common.DutchTime;
import nl.clientapp.common.problem.ProblemException;

/**
 * The period of an audit log query, from the {@code from} and {@code to} query parameters. Each
 * is a date ({@code 2026-03-10}, a day in Europe/Amsterdam) or an instant with an offset
 * ({@code 2026-03-10T08:15:00Z}). {@code from} includes its day or instant; {@code to} includes
 * its whole day, and excludes an instant. Either may be left out.
 *
 * @param from the first instant in the period, or null for no lower bound
 * @param until the first instant after the period, or null for no upper bound
 */
public record AuditPeriod(Instant from, Instant until) {

    /** Longest accepted parameter value, an instant with nanoseconds and an offset. */
    private static final int MAX_LENGTH = 40;

    /**
     * Parses the parameters.
     *
     * @throws ProblemException 400 {@code invalid-period} when a value is neither a date nor an
     *         instant, or {@code from} is not before {@code to}
     */
    public static AuditPeriod parse(String from, String to) {
        Instant start = bound("from", from, false);
        Instant end = bound("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.badRequest("invalid-period", "from", from);
        }
        return new AuditPeriod(start, end);
    }

    private static Instant bound(String parameter, String value, boolean upper) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("invalid-period", parameter, value.substring(0, MAX_LENGTH));
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return DutchTime.startOfDay(upper ? day.plusDays(1) : day);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("invalid-period", parameter, value);
        }
    }
}
