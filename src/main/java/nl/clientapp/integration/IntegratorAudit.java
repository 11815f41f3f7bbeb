package nl.clientapp.integration;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpServerRequest;
import nl.clientapp.audit.ActorType;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditOutcome;

/**
 * Builds the audit entries of the calling integrator (N1): the actor is the integrator, its role
 * the scope it used, {@code on_behalf_of} its organisation, and the source the caller's IP.
 */
@RequestScoped
public class IntegratorAudit {

    @Inject
    IntegratorCaller caller;

    @Inject
    HttpServerRequest request;

    public AuditEntry entry(String event, AuditAction action, AuditOutcome outcome, String scope, UUID clientId, String objectType,
            String objectId) {
        return new AuditEntry(event, action, outcome, ActorType.INTEGRATOR, caller.integratorId().toString(), scope, clientId,
                caller.organisationId(), objectType, objectId, null, clientIp());
    }

    private String clientIp() {
        return request.remoteAddress() == null ? null : request.remoteAddress().host();
    }
}
