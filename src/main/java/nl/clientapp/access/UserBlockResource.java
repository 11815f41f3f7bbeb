package nl.clientapp.access;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.EndOfAccessRequests.BlockUserRequest;
import nl.clientapp.access.EndOfAccessRequests.BlockView;
import nl.clientapp.integration.IntegratorCaller;

/** Integration API for blocking app users who broke the terms of use or misused data, and lifting blocks. */
@Path("/integration/v1/users/{userId}/blocks")
@Tag(name = "End of access")
@Produces(MediaType.APPLICATION_JSON)
class UserBlockResource {

    @Inject
    EndOfAccessService endOfAccess;

    @Inject
    IntegratorCaller caller;

    @POST
    @RolesAllowed("members:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "blockUser", summary = "Block an app user for misuse",
            description = "Blocks the user at one client, or without clientId at every client of this organisation, "
                    + "because the user broke the terms of use or misused data. The block applies from the next "
                    + "request on, also to access tokens issued before it; the reason is recorded. The end-of-access "
                    + "job later ends the memberships and e-mails the user.")
    @APIResponse(responseCode = "201", description = "Blocked",
            content = @Content(schema = @Schema(implementation = BlockView.class)))
    @APIResponse(responseCode = "404", description = "Not found: the user is not a member of this client, or of any client of this organisation")
    public Response block(@PathParam("userId") UUID userId, @Valid @NotNull BlockUserRequest request) {
        BlockView view = endOfAccess.block(caller.organisationId(), caller.integratorId(), userId, request);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @DELETE
    @Path("/{blockId}")
    @RolesAllowed("members:write")
    @Operation(operationId = "liftBlock", summary = "Lift a misuse block",
            description = "Lifts the block from the next request on. A membership that the end-of-access job has "
                    + "already ended because of the block stays ended.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Lifted")
    @APIResponse(responseCode = "404", description = "Not found: this organisation has no such active block of the user")
    public Response liftBlock(@PathParam("userId") UUID userId, @PathParam("blockId") UUID blockId) {
        endOfAccess.liftBlock(caller.organisationId(), caller.integratorId(), userId, blockId);
        return Response.noContent().build();
    }
}
