package nl.clientapp.access;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.EndOfAccessRequests.RegisterTerminationRequest;
import nl.clientapp.access.EndOfAccessRequests.TerminationRequestView;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.integration.IntegrationAudited;
import nl.clientapp.integration.IntegratorCaller;

/** Integration API for registering written requests to end app users' access to a client. */
@Path("/integration/v1/clients/{clientId}/termination-requests")
@Tag(name = "End of access")
@Produces(MediaType.APPLICATION_JSON)
class TerminationRequestResource {

    @Inject
    EndOfAccessService endOfAccess;

    @Inject
    IntegratorCaller caller;

    @POST
    @RolesAllowed("members:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a written request to end access",
            description = "Registers that the client or a member asked in writing to end access: for the membership "
                    + "named in membershipId, or without it for every active membership of the client. Access ends at "
                    + "00:00 Europe/Amsterdam on effectiveDate, and at the latest 6 weeks after receivedDate. Every "
                    + "request checks the end date from then on; the end-of-access job later ends the memberships and "
                    + "e-mails the users. A repeated Idempotency-Key with the same body returns the first response.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = TerminationRequestView.class)))
    @APIResponse(responseCode = "400", description = "receivedDate is in the future or effectiveDate is before it")
    @APIResponse(responseCode = "404", description = "Not found: no such client of this organisation, or no such active membership of the client")
    @APIResponse(responseCode = "422", description = "Problem type urn:clientapp:problem:idempotency-key-reused: "
            + "the Idempotency-Key was used before with another body")
    @IntegrationAudited(event = "membership.termination-request", action = AuditAction.UPDATE, objectType = "termination-request", scope = "members:write")
    public Response registerTermination(@PathParam("clientId") UUID clientId,
            @Parameter(description = "A key of the caller's choosing that makes retries safe")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7E]+") String idempotencyKey,
            @Valid @NotNull RegisterTerminationRequest request) {
        TerminationRequestView view = endOfAccess.registerTermination(caller.organisationId(), caller.integratorId(),
                clientId, request, idempotencyKey);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }
}
