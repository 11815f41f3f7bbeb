package nl.clientapp.audit;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One access to a client's dossier as the access overview shows it.
 *
 * @param description what happened, readable, in the request's language
 * @param event the event code, such as {@code dossier.reports.read}
 */
@Schema(name = "AccessLogEntry")
public record AccessLogEntryView(UUID id, Instant occurredAt, String event, AuditAction action, AuditOutcome outcome,
        String objectType, String objectId, String description, Actor actor) {

    /**
     * Who accessed.
     *
     * @param name the person's name, the organisation's name for an integrator, or a description
     *        of the automatic process
     * @param relation the person's relation to the client, such as "dochter", or null
     * @param role the membership role, or the integrator's scope, or null
     */
    @Schema(name = "AccessLogActor")
    public record Actor(ActorType type, String name, String relation, String role) {
    }
}
