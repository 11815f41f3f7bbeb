package nl.clientapp.audit;

/** Kind of access an audited call made to the data. */
public enum AuditAction {
    READ, CREATE, UPDATE, DELETE, EXPORT
}
