package nl.clientapp.access;

/** Why a person has access to a client. */
public enum MembershipBasis {
    /** The client themselves. */
    CLIENT,
    /** The designated contact person (contactpersoon). */
    CONTACT_PERSON,
    /** The legal representative of a client who is legally incompetent. */
    LEGAL_REPRESENTATIVE,
    /** Invited by the organisation or an administrator. */
    INVITED
}
