package nl.clientapp.access;

/** Values of {@code membership.end_reason} written by member management. */
final class MemberEndReason {

    /** An administrator or the organisation removed the member. */
    static final String REMOVED = "REMOVED";
    /** The invitation was withdrawn before the person activated the app. */
    static final String INVITATION_WITHDRAWN = "INVITATION_WITHDRAWN";
    /** The member erased their own account (AVG article 17). */
    static final String ACCOUNT_ERASED = "ACCOUNT_ERASED";

    private MemberEndReason() {
    }
}
