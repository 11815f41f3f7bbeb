package nl.clientapp.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

import nl.clientapp.common.DutchTime;

/**
 * When access to a client ends because care ended: per the terms of use, 6 weeks after the end
 * date of the care relationship. The end date is a Dutch calendar date, so access ends at 00:00
 * Europe/Amsterdam on the day 6 weeks after it; the last day of access is the day before.
 */
public final class AccessPeriod {

    public static final Period AFTER_CARE_ENDS = Period.ofWeeks(6);

    private AccessPeriod() {
    }

    /** Returns the instant access ends for a care relationship that ended on {@code careEndDate}. */
    public static Instant accessEndAfterCare(LocalDate careEndDate) {
        return DutchTime.startOfDay(careEndDate.plus(AFTER_CARE_ENDS));
    }

    /**
     * Decides whether care still grants access at {@code now}.
     *
     * @param anyOpenRelationship whether some care relationship has no end date; null when the client has none
     * @param lastEndDate the latest end date of the client's care relationships, or null
     */
    public static boolean careAllowsAccess(Boolean anyOpenRelationship, LocalDate lastEndDate, Instant now) {
        if (anyOpenRelationship == null || anyOpenRelationship || lastEndDate == null) {
            return true;
        }
        return now.isBefore(accessEndAfterCare(lastEndDate));
    }
}
