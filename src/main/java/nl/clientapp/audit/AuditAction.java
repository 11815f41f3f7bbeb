package nl.clientapp.audit;

/** What an audited call did with the data. */
public enum AuditAction {
    READ, CREATE, UPDATE, DELETE, EXPORT
}
