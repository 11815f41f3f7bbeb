package nl.clientapp.dossier;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.ActiveSession;
import nl.clientapp.access.AppCaller;

/** The clients the calling app user follows. */
@Path("/app/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("app-user")
@Tag(name = "Clients")
class ClientListResource {

    @Inject
    AppCaller caller;

    @Inject
    ClientListService clients;

    @GET
    @ActiveSession
    @Operation(operationId = "listMyClients", summary = "List my clients", description = "The clients the caller follows, with the caller's role and relation. "
            + "Only current memberships are listed; a client whose care ended more than 6 weeks ago is left out.")
    @APIResponse(responseCode = "200", description = "The clients, by name")
    @APIResponse(responseCode = "401", description = "No valid access token, or the login session has ended")
    public List<ClientSummaryView> clients() {
        return clients.clientsOf(caller.userId());
    }
}
