package nl.clientapp.access;

/** Reason a membership ended, as stored in {@code membership.end_reason}. */
public enum EndReason {
    /** Care ended more than 6 weeks ago. */
    CARE_ENDED,
    /** The client or the user asked in writing to end access, and the end date has passed. */
    TERMINATION_REQUESTED,
    /** The organisation blocked the user for breaking the terms of use or misusing data. */
    BLOCKED
}
