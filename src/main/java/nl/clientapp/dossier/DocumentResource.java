package nl.clientapp.dossier;

import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.ext.web.RoutingContext;
import nl.clientapp.access.ClientRoles;
import nl.clientapp.access.Role;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.Audited;
import nl.clientapp.common.problem.ProblemException;

/** The client's documents and their content, for members with full access. */
@Path("/app/v1/clients/{clientId}/documents")
@RolesAllowed("app-user")
@Tag(name = "Documents")
@APIResponse(responseCode = "401", description = "No valid access token, or the login session has ended")
@APIResponse(responseCode = "404", description = "No such client or document, or the caller has no full access to the client")
class DocumentResource {

    /** Maximum length of the file name sent in Content-Disposition, without the extension. */
    private static final int MAX_FILE_NAME_LENGTH = 100;

    @Inject
    DocumentService documents;

    @Inject
    DownloadSlots downloadSlots;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Operation(summary = "List documents", description = "Documents in the dossier, newest first, without their content. "
            + "Pass nextCursor as cursor to read the next page.")
    @APIResponse(responseCode = "200", description = "A page of documents")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @Audited(event = "dossier.documents.read", action = AuditAction.READ, objectType = "documents")
    public Page<DocumentView> documents(@PathParam("clientId") UUID clientId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        return documents.documents(clientId, KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
    }

    @GET
    @Path("/{documentId}/content")
    @Produces(MediaType.WILDCARD)
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Operation(operationId = "downloadDocument", summary = "Download a document", description = "The document's bytes with its content type, as an attachment.")
    @APIResponse(responseCode = "200", description = "The document content",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @Audited(event = "dossier.document.download", action = AuditAction.READ, objectType = "document", objectIdParameter = "documentId")
    public Response content(@PathParam("clientId") UUID clientId, @PathParam("documentId") String documentId,
            @Context RoutingContext routing) {
        UUID id = DossierResource.objectId(documentId);
        // The slot is held until the response has been sent, because the content stays in the heap until then.
        downloadSlots.acquire();
        boolean slotHandedOver = false;
        try {
            DocumentService.DocumentContent document = documents.content(clientId, id).orElseThrow(ProblemException::notFound);
            downloadSlots.releaseWhenSent(routing);
            slotHandedOver = true;

            MediaType type = mediaType(document.contentType());
            String fileName = fileName(document.title(), type);
            return Response.ok(document.content(), type)
                    .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"; filename*=UTF-8''" + fileName)
                    .header("X-Content-Type-Options", "nosniff")
                    // A document opened in a browser anyway must not run scripts or load anything.
                    .header("Content-Security-Policy", "default-src 'none'; sandbox")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        } finally {
            if (!slotHandedOver) {
                downloadSlots.release();
            }
        }
    }

    /** Returns the stored content type, or application/octet-stream when it is not a valid media type. */
    static MediaType mediaType(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.isWildcardType() || type.isWildcardSubtype() ? MediaType.APPLICATION_OCTET_STREAM_TYPE : type;
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }

    /**
     * Builds a file name that is safe in a header and on any file system: only ASCII letters,
     * digits, dots, hyphens and underscores, with an extension for common document types.
     */
    static String fileName(String title, MediaType type) {
        String base = title == null ? "" : title.replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("^[._]+", "");
        if (base.length() > MAX_FILE_NAME_LENGTH) {
            base = base.substring(0, MAX_FILE_NAME_LENGTH);
        }
        if (base.isEmpty()) {
            base = "document";
        }
        String extension = extension(type);
        return base.toLowerCase(Locale.ROOT).endsWith(extension) ? base : base + extension;
    }

    private static String extension(MediaType type) {
        return switch (type.getType() + "/" + type.getSubtype()) {
            case "application/pdf" -> ".pdf";
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "text/plain" -> ".txt";
            default -> "";
        };
    }
}
