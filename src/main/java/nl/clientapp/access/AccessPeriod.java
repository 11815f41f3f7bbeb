package nl.clientapp.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

import nl.clientapp.common.DutchTime;

/**
 * When access to a client ends, per the terms of use: 6 weeks after the end date of the care
 * relationship, and at the latest 6 weeks after the date a written request to end access was
 * received. Dates are Dutch calendar dates. Access ends at 00:00 Europe/Amsterdam on the day 6
 * weeks after them; the last day of access is the day before.
 */
public final class AccessPeriod {

    public static final Period AFTER_CARE_ENDS = Period.ofWeeks(6);
    public static final Period AFTER_TERMINATION_REQUEST = Period.ofWeeks(6);

    private AccessPeriod() {
    }

    /** Returns the instant access ends for a care relationship that ended on {@code careEndDate}. */
    public static Instant accessEndAfterCare(LocalDate careEndDate) {
        return DutchTime.startOfDay(careEndDate.plus(AFTER_CARE_ENDS));
    }

    /** Returns the last possible end day of access for a written request received on {@code receivedOn}. */
    public static LocalDate latestEndDayAfterRequest(LocalDate receivedOn) {
        return receivedOn.plus(AFTER_TERMINATION_REQUEST);
    }

    /** Returns the instant access ends when it ends on {@code endDay}: 00:00 Europe/Amsterdam of that day. */
    public static Instant startOfEndDay(LocalDate endDay) {
        return DutchTime.startOfDay(endDay);
    }
}
