package nl.clientapp.timeline;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import nl.clientapp.access.ClientRoles;
import nl.clientapp.access.CurrentMembership;
import nl.clientapp.access.Role;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.Audited;
import nl.clientapp.common.idempotency.IdempotencyKeys;

/** News posts on the client's timeline: every member posts, authors edit, authors and administrators delete. */
@Path("/app/v1/clients/{clientId}/posts")
@Tag(name = "Timeline")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("app-user")
@APIResponse(responseCode = "401", description = "No valid access token, or the login session has ended")
@APIResponse(responseCode = "404", description = "No such client or news post, or the caller is no current member of the client")
class PostResource {

    private static final String TEXT_RULES = "text has at most 2000 characters and may be empty only when photoIds "
            + "lists a photo; photoIds lists at most 4 uploads (uploadPhoto) of the caller for this client.";

    @Inject
    PostService posts;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    CurrentMembership membership;

    @POST
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPost", summary = "Post news on the timeline",
            description = "Adds a news post by the caller at the current time. " + TEXT_RULES + " Every member of the "
                    + "client sees it, members with timeline access only included. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Posted; the body is the new timeline item",
            content = @Content(schema = @Schema(implementation = TimelineItemView.class)))
    @APIResponse(responseCode = "400", description = "Problem types urn:clientapp:problem:post-text-too-long, post-empty, "
            + "too-many-photos, invalid-photo-ids, unknown-photo, or an invalid Idempotency-Key")
    @APIResponse(responseCode = "422", description = "Problem type urn:clientapp:problem:idempotency-key-reused: the "
            + "Idempotency-Key was used before with another body")
    @Audited(event = "post.create", action = AuditAction.CREATE, objectType = "news-post")
    public Response create(@PathParam("clientId") UUID clientId,
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @NotNull PostRequest request) {
        UUID userId = membership.userId();
        return idempotency.run(IdempotencyKeys.appUserScope(userId), idempotencyKey, "createPost:" + clientId, request,
                201, TimelineItemView.class, () -> posts.create(clientId, userId, request)).toResponse();
    }

    @PUT
    @Path("/{postId}")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editPost", summary = "Edit an own news post",
            description = "Replaces the text and photos of a news post the caller wrote; its place in the timeline stays "
                    + "and editedAt is set. Photos left out of photoIds are deleted. " + TEXT_RULES)
    @APIResponse(responseCode = "200", description = "Edited; the body is the timeline item",
            content = @Content(schema = @Schema(implementation = TimelineItemView.class)))
    @APIResponse(responseCode = "400", description = "Problem types urn:clientapp:problem:post-text-too-long, post-empty, "
            + "too-many-photos, invalid-photo-ids, unknown-photo")
    @APIResponse(responseCode = "403", description = "Problem type urn:clientapp:problem:not-post-author: another member wrote the post")
    @Audited(event = "post.update", action = AuditAction.UPDATE, objectType = "news-post", objectIdParameter = "postId")
    public TimelineItemView edit(@PathParam("clientId") UUID clientId, @PathParam("postId") UUID postId,
            @NotNull PostRequest request) {
        return posts.edit(clientId, membership.userId(), postId, request);
    }

    @DELETE
    @Path("/{postId}")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Operation(operationId = "deletePost", summary = "Delete a news post",
            description = "Deletes a news post with its photos: the author deletes their own, an administrator of the "
                    + "client any news post. Photo moments from the organisation are not news posts and answer 404.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Problem type urn:clientapp:problem:not-post-author: another member "
            + "wrote the post and the caller is no administrator")
    @Audited(event = "post.delete", action = AuditAction.DELETE, objectType = "news-post", objectIdParameter = "postId")
    public void delete(@PathParam("clientId") UUID clientId, @PathParam("postId") UUID postId) {
        posts.delete(clientId, membership.userId(), membership.role(), postId);
    }
}
