package nl.clientapp.photo;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.access.ClientRoles;
import nl.clientapp.access.CurrentMembership;
import nl.clientapp.access.Role;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.Audited;
import nl.clientapp.common.idempotency.IdempotencyKeys;
import nl.clientapp.common.problem.ProblemException;

/**
 * Photo uploads for news posts and the photos of the timeline. Any member may upload; a member
 * reads the photos of the timeline items their role shows, and their own unused uploads.
 */
@Path("/app/v1/clients/{clientId}/photos")
@Tag(name = "Timeline")
@RolesAllowed("app-user")
@APIResponse(responseCode = "401", description = "No valid access token, or the login session has ended")
@APIResponse(responseCode = "404", description = "No such client or photo, or the caller is no current member of the client "
        + "or may not see the photo")
class PhotoResource {

    @Inject
    PhotoService photos;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    CurrentMembership membership;

    @POST
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadPhoto", summary = "Upload a photo for a news post",
            description = "The body is the image file itself. JPEG and PNG are accepted, recognised by their content; the "
                    + "Content-Type header and file name are not trusted. The image is decoded and encoded again, which "
                    + "removes EXIF (GPS position included), XMP, comments and PNG text chunks, scaled to at most 2048 "
                    + "pixels on its longest side, and given a thumbnail. Reference the returned id in photoIds of "
                    + "createPost within 24 hours; unused uploads are then deleted. Accepts Idempotency-Key.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PhotoView.class)))
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-image: a JPEG or PNG that "
            + "cannot be decoded, or an invalid Idempotency-Key")
    @APIResponse(responseCode = "413", description = "Problem type urn:clientapp:problem:photo-too-large (above 8 MiB) or "
            + "urn:clientapp:problem:photo-dimensions-too-large (above 12000 pixels on a side or 40 megapixels)")
    @APIResponse(responseCode = "415", description = "Problem type urn:clientapp:problem:unsupported-image-type: not a JPEG or PNG; "
            + "urn:clientapp:problem:cmyk-image-not-supported: a JPEG in CMYK colours")
    @APIResponse(responseCode = "422", description = "Problem type urn:clientapp:problem:idempotency-key-reused: the "
            + "Idempotency-Key was used before with another body")
    @Audited(event = "photo.upload", action = AuditAction.CREATE, objectType = "photo")
    public Response upload(@PathParam("clientId") UUID clientId,
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            byte[] image) {
        UUID userId = membership.userId();
        byte[] content = image == null ? new byte[0] : image;
        return idempotency.run(IdempotencyKeys.appUserScope(userId), idempotencyKey, "uploadPhoto:" + clientId, content,
                201, PhotoView.class, () -> photos.upload(clientId, userId, content)).toResponse();
    }

    @GET
    @Path("/{photoId}")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Produces({ "image/jpeg", "image/png" })
    @Operation(operationId = "getPhoto", summary = "Download a photo",
            description = "The full photo, re-encoded without metadata. Sent with Cache-Control: no-store, because a "
                    + "client's photos are health data that no shared or device cache may keep.")
    @APIResponse(responseCode = "200", description = "The image", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @Audited(event = "photo.read", action = AuditAction.READ, objectType = "photo", objectIdParameter = "photoId")
    public Response full(@PathParam("clientId") UUID clientId, @PathParam("photoId") UUID photoId) {
        return image(clientId, photoId, PhotoVariant.FULL);
    }

    @GET
    @Path("/{photoId}/thumbnail")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS, Role.TIMELINE_ONLY })
    @Produces({ "image/jpeg", "image/png" })
    @Operation(operationId = "getPhotoThumbnail", summary = "Read a photo's thumbnail",
            description = "The thumbnail the timeline shows, at most 480 pixels on its longest side. Sent with "
                    + "Cache-Control: no-store.")
    @APIResponse(responseCode = "200", description = "The thumbnail", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @Audited(event = "photo.thumbnail.read", action = AuditAction.READ, objectType = "photo", objectIdParameter = "photoId")
    public Response thumbnail(@PathParam("clientId") UUID clientId, @PathParam("photoId") UUID photoId) {
        return image(clientId, photoId, PhotoVariant.THUMBNAIL);
    }

    private Response image(UUID clientId, UUID photoId, PhotoVariant variant) {
        PhotoContent photo = photos.read(clientId, membership.userId(), membership.role().readsWholeDossier(), photoId, variant)
                .orElseThrow(ProblemException::notFound);
        String name = "photo-" + photo.photoId() + (variant == PhotoVariant.THUMBNAIL ? "-thumbnail." : ".") + photo.format().extension();
        return Response.ok(photo.content(), photo.format().mediaType())
                .header("Content-Disposition", "inline; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
