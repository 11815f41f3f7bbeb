package nl.clientapp.audit;

/** Whether an audited call was allowed. */
public enum AuditOutcome {
    SUCCESS, DENIED
}
