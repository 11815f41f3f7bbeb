package nl.clientapp.access;

/** Basis of a person's access to a client. */
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
