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
import nl.clientapp.access.Role;

/** The signed-in app user and the clients they follow. */
@Path("/app/v1/me")
@Tag(name = "Profile")
class ProfileResource {

    /** @param clients the clients with an active membership */
    record ProfileView(UUID userId, String name, List<FollowedClient> clients) {
    }

    record FollowedClient(UUID clientId, String displayName, Role role) {
    }

    @Inject
    AppCaller caller;

    @Inject
    Profiles profiles;

    @GET
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Show the signed-in user and the clients they follow")
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

        // NOTE: this lists memberships with status ACTIVE. A membership whose care ended more
        // than 6 weeks ago, but which the scheduler has not ended yet, is still listed here,
        // although @ClientRoles endpoints already reject it.
        @Transactional
        ProfileView find(UUID userId) {
            String name = (String) entityManager.createNativeQuery("select name from app_user where id = :id")
                    .setParameter("id", userId)
                    .getSingleResult();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select c.id, c.display_name, m.role
                      from membership m join client c on c.id = m.client_id
                     where m.user_id = :user and m.status = 'ACTIVE'
                     order by c.display_name, c.id
                    """)
                    .setParameter("user", userId)
                    .getResultList();
            List<FollowedClient> clients = rows.stream()
                    .map(row -> new FollowedClient((UUID) row[0], (String) row[1], Role.valueOf((String) row[2])))
                    .toList();
            return new ProfileView(userId, name, clients);
        }
    }
}
