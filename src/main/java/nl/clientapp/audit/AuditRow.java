package nl.clientapp.audit;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One stored audit entry with the names that explain its actor: for an app user their name and
 * relation to the client while they are or were a member of it, for an integrator its
 * organisation's name.
 */
@Schema(name = "AuditLogRecord", description = "One stored audit entry with all its fields and the names of its actor")
public record AuditRow(UUID id, Instant occurredAt, String event, AuditAction action, AuditOutcome outcome, ActorType actorType,
        String actorId, String actorRole, UUID clientId, UUID onBehalfOf, String objectType, String objectId, UUID sessionId,
        String clientIp, String actorName, String actorRelation, String organisationName) {
}
