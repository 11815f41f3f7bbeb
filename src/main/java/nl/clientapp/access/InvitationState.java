package nl.clientapp.access;

/** State of a membership's login, as the member list shows it. */
enum InvitationState {
    /** The person completed an activation with one of the membership's invitations. */
    ACCEPTED,
    /** An invitation is unused and not expired. */
    PENDING,
    /** Every invitation expired or was replaced unused; the administrator can send a new one. */
    EXPIRED,
    /** No invitation was ever sent, as for memberships created before invitations existed. */
    NOT_SENT
}
