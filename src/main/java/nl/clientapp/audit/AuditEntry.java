package nl.clientapp.audit;

import java.util.UUID;

/**
 * One audit entry before it is written. Contains ids only, never names or dossier text.
 *
 * @param actorId the app user or integrator id, or the job name for {@link ActorType#SYSTEM}
 * @param actorRole the membership role, or null when unknown
 * @param onBehalfOf the client or user the actor acted for, or null
 * @param objectId the id of the object accessed, or null for a list or section
 * @param sessionId the login session, which is bound to one device, or null
 * @param clientIp the caller's IP address, or null for a job
 */
public record AuditEntry(String event, AuditAction action, AuditOutcome outcome, ActorType actorType,
        String actorId, String actorRole, UUID clientId, UUID onBehalfOf, String objectType, String objectId,
        UUID sessionId, String clientIp) {
}
