package nl.clientapp.timeline;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.ClientRoles;
import nl.clientapp.access.CurrentMembership;
import nl.clientapp.access.Role;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.Audited;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.PageLimit;

/** The client's timeline, for every member; what an item kind shows depends on the member's role. */
@Path("/app/v1/clients/{clientId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("app-user")
@Tag(name = "Timeline")
class TimelineResource {

    @Inject
    TimelineService timeline;

    @Inject
    CurrentMembership membership;

    @GET
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Operation(operationId = "timeline", summary = "Read the timeline", description = "News posts, photo moments, reports and measurements. "
            + "With cursor (or neither parameter): newest first, ordered by time and then id; pass nextCursor as cursor "
            + "for older items. With since: only items newer than that cursor, oldest first; pass nextCursor as since "
            + "to continue, and keep it to ask what is new later. News posts and photo moments carry their photos "
            + "(thumbnail and full image through getPhotoThumbnail and getPhoto). Members without full access see only "
            + "news posts written by app users.")
    @APIResponse(responseCode = "200", description = "A page of timeline items")
    @APIResponse(responseCode = "400", description = "Invalid cursor, since or limit, or both cursor and since given")
    @APIResponse(responseCode = "401", description = "No valid access token, or the login session has ended")
    @APIResponse(responseCode = "404", description = "No such client, or the caller is no current member of it")
    @Audited(event = "timeline.read", action = AuditAction.READ, objectType = "timeline")
    public TimelinePage timeline(@PathParam("clientId") UUID clientId,
            @Parameter(description = "nextCursor of the previous page, for older items") @QueryParam("cursor") String cursor,
            @Parameter(description = "A cursor from an earlier response, for items newer than it") @QueryParam("since") String since,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        KeysetCursor before = KeysetCursor.decode("cursor", cursor);
        KeysetCursor after = KeysetCursor.decode("since", since);
        int pageSize = PageLimit.parse(limit);
        if (before != null && after != null) {
            throw ProblemException.badRequest("cursor-and-since");
        }

        Role role = membership.role();
        return after == null
                ? timeline.olderThan(clientId, membership.userId(), role, before, pageSize)
                : timeline.newerThan(clientId, membership.userId(), role, after, pageSize);
    }

    @PUT
    @Path("/read-marker")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setTimelineReadMarker", summary = "Mark the timeline as read",
            description = "Stores, for the caller and this client, the newest item the caller has seen: pass latestCursor "
                    + "of the newest page read. The marker only moves forward; an older cursor changes nothing.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Stored")
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-cursor")
    @Audited(event = "timeline.read-marker.update", action = AuditAction.UPDATE, objectType = "timeline-read-marker")
    public void markRead(@PathParam("clientId") UUID clientId, @NotNull ReadMarkerRequest request) {
        KeysetCursor read = KeysetCursor.decode("cursor", request.cursor());
        if (read == null) {
            throw ProblemException.badRequest("invalid-cursor", "cursor");
        }
        timeline.markRead(membership.membershipId(), read);
    }

    @GET
    @Path("/unread")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Operation(operationId = "countUnreadTimelineItems", summary = "Count unread timeline items",
            description = "The number of items after the caller's read marker that the caller may see, leaving out the "
                    + "caller's own news posts, counted up to 999; and the marker as a cursor for since.")
    @APIResponse(responseCode = "200", description = "The count")
    @Audited(event = "timeline.unread.read", action = AuditAction.READ, objectType = "timeline")
    public UnreadView unread(@PathParam("clientId") UUID clientId) {
        return timeline.unread(clientId, membership.membershipId(), membership.userId(), membership.role());
    }
}
