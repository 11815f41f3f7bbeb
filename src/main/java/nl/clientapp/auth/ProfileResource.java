package nl.clientapp.auth;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.ActiveSession;
import nl.clientapp.access.AppCaller;
import nl.clientapp.dossier.ClientListService;
import nl.clientapp.dossier.ClientSummaryView;

/** The signed-in app user and the clients they follow. */
@Path("/app/v1/me")
@Tag(name = "Profile")
class ProfileResource {

    /** @param clients the clients the user may currently read, as {@code GET /app/v1/clients} lists them */
    record ProfileView(UUID userId, String name, List<ClientSummaryView> clients) {
    }

    @Inject
    AppCaller caller;

    @Inject
    Profiles profiles;

    @GET
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "readMe", summary = "Show the signed-in user and the clients they follow",
            description = "The user's id and name, and the clients the user may currently read with the role for each.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(schema = @Schema(implementation = ProfileView.class)))
    public Response me() {
        return Response.ok(profiles.find(caller.userId())).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** Reads the profile from the database. */
    @ApplicationScoped
    static class Profiles {

        @Inject
        EntityManager entityManager;

        @Inject
        ClientListService clientList;

        @Transactional
        ProfileView find(UUID userId) {
            String name = (String) entityManager.createNativeQuery("select name from app_user where id = :id")
                    .setParameter("id", userId)
                    .getSingleResult();
            List<ClientSummaryView> clients = clientList.clientsOf(userId);
            return new ProfileView(userId, name, clients);
        }
    }
}
