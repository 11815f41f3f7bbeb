package nl.clientapp.dossier;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;

import nl.clientapp.common.problem.ProblemException;

/**
 * The date range of an agenda request, in Europe/Amsterdam calendar dates, both ends inclusive:
 * from today to 4 weeks later by default, at most one year long.
 */
record AgendaRange(LocalDate from, LocalDate to) {

    static final Period DEFAULT_LENGTH = Period.ofWeeks(4);
    static final Period MAX_LENGTH = Period.ofYears(1);

    /**
     * Parses the {@code from} and {@code to} query parameters; a missing {@code from} is today,
     * a missing {@code to} is 4 weeks after {@code from}.
     *
     * @throws ProblemException 400 {@code invalid-date} or {@code invalid-date-range}
     */
    static AgendaRange parse(String fromParameter, String toParameter, LocalDate today) {
        LocalDate from = fromParameter == null || fromParameter.isEmpty() ? today : date("from", fromParameter);
        LocalDate to = toParameter == null || toParameter.isEmpty() ? from.plus(DEFAULT_LENGTH) : date("to", toParameter);
        if (to.isBefore(from) || to.isAfter(from.plus(MAX_LENGTH))) {
            throw ProblemException.badRequest("invalid-date-range");
        }
        return new AgendaRange(from, to);
    }

    private static LocalDate date(String parameter, String value) {
        try {
            // ISO_LOCAL_DATE also accepts years beyond 9999 with a sign, which the length check keeps out.
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // Falls through to the problem below.
        }
        throw ProblemException.badRequest("invalid-date", parameter);
    }
}
