package nl.clientapp.access;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The facts that decide whether a membership still grants access, as the database view
 * {@code membership_access_facts} returns them. Access is allowed while no misuse block applies,
 * care ended less than 6 weeks ago (or goes on), and no termination request's end has passed.
 *
 * @param anyOpenCare whether some care relationship of the client has no end date; null when the client has none
 * @param lastCareEnd the latest end date of the client's care relationships, or null
 * @param terminationEndsOn the earliest day on which a termination request ends this membership, or null
 * @param blocked whether a misuse block applies to this user and client
 */
public record AccessFacts(Boolean anyOpenCare, LocalDate lastCareEnd, LocalDate terminationEndsOn, boolean blocked) {

    /** Columns to select from {@code membership_access_facts}, in the order {@link #fromRow} reads them. */
    public static final String COLUMNS = "any_open_care, last_care_end, termination_ends_on, blocked";

    /** Reads the four columns of {@link #COLUMNS} starting at {@code offset} of a native query row. */
    public static AccessFacts fromRow(Object[] row, int offset) {
        return new AccessFacts((Boolean) row[offset], toLocalDate(row[offset + 1]), toLocalDate(row[offset + 2]),
                Boolean.TRUE.equals(row[offset + 3]));
    }

    /** Decides whether the membership grants access at {@code now}. */
    public boolean allowsAccess(Instant now) {
        return endReason(now) == null;
    }

    /**
     * Returns why access has ended at {@code now}: {@link EndReason#BLOCKED} before the others,
     * then whichever of care end and termination ended access first; null while access goes on.
     */
    public EndReason endReason(Instant now) {
        if (blocked) {
            return EndReason.BLOCKED;
        }
        Instant careEnd = careEndsAt();
        Instant terminationEnd = terminationEndsAt();
        boolean careEnded = careEnd != null && !now.isBefore(careEnd);
        boolean terminated = terminationEnd != null && !now.isBefore(terminationEnd);
        if (careEnded && terminated) {
            return careEnd.isBefore(terminationEnd) ? EndReason.CARE_ENDED : EndReason.TERMINATION_REQUESTED;
        }
        if (careEnded) {
            return EndReason.CARE_ENDED;
        }
        return terminated ? EndReason.TERMINATION_REQUESTED : null;
    }

    private Instant careEndsAt() {
        if (anyOpenCare == null || anyOpenCare || lastCareEnd == null) {
            return null;
        }
        return AccessPeriod.accessEndAfterCare(lastCareEnd);
    }

    private Instant terminationEndsAt() {
        return terminationEndsOn == null ? null : AccessPeriod.startOfEndDay(terminationEndsOn);
    }

    private static LocalDate toLocalDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((Date) value).toLocalDate();
    }
}
