package nl.clientapp.privacy;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import nl.clientapp.access.ActiveSession;
import nl.clientapp.access.AppCaller;
import nl.clientapp.auth.PinConfirmation;
import nl.clientapp.auth.TokenAudience;

/**
 * The app user's rights under the AVG: a copy of their personal data (articles 15 and 20) and
 * erasure of their account (article 17). Both stay open when the user has not accepted new terms
 * of use, because these rights do not depend on the terms.
 */
@Path("/app/v1/me")
@Tag(name = "Privacy")
class PrivacyResource {

    /** Media type of the export. */
    static final String ZIP = "application/zip";

    /**
     * Confirmation of an account erasure.
     *
     * @param pin the PIN of the device this session runs on; wrong PINs count towards the 5 that destroy the device
     */
    record EraseAccountRequest(@NotBlank @Size(max = 64) String pin) {
    }

    @Inject
    AppCaller caller;

    @Inject
    PersonalDataExport export;

    @Inject
    AccountErasureService erasure;

    @Inject
    PinConfirmation pinConfirmation;

    @Inject
    HttpServerRequest request;

    @GET
    @Path("/export")
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Produces({ ZIP, MediaType.APPLICATION_JSON })
    @Operation(operationId = "exportPersonalData", summary = "Download all personal data the API holds about the user",
            description = "A ZIP file with personal-data.json: the user's profile (name, e-mail address, mobile number, "
                    + "language), memberships with client, role, basis, period and end reason, devices (public key "
                    + "fingerprints only) and login sessions, invitations, accepted terms of use versions, the audit "
                    + "entries with the user as actor, the user's news posts and uploaded photos (the full images as "
                    + "files under files/photos/), the chat questions and messages the user wrote with the care team's "
                    + "answers in those threads, chat and timeline read marks, push registrations (platform and time, "
                    + "not the token) and notification preferences. The ZIP is streamed. Writes one audit entry (action "
                    + "EXPORT) per client the export holds data about.")
    @APIResponse(responseCode = "200", description = "The export",
            content = @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response exportPersonalData() {
        PersonalDataExport.PersonalDataZip zip = export.export(caller.userId(), caller.sessionId(), clientIp());
        StreamingOutput body = zip::writeTo;
        return Response.ok(body, ZIP)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Disposition", "attachment; filename=\"personal-data.zip\"")
                .build();
    }

    @POST
    @Path("/erasure")
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "eraseAccount", summary = "Erase the user's account",
            description = "Confirmed with the PIN of this device. At once: every membership ends (reason ACCOUNT_ERASED), "
                    + "every login session, refresh token and device is revoked, pending invitations are withdrawn, "
                    + "news posts, their photos and unused uploads are deleted, chat read marks, timeline read markers, "
                    + "push tokens and notification preferences are deleted, messages waiting to be sent to the user are "
                    + "cancelled, and name, e-mail address, mobile number, device keys and PIN hashes are erased. Chat "
                    + "messages stay, shown as written by a deleted user. Dossier data and audit entries stay. A confirmation is "
                    + "e-mailed to the erased address. Not undone: the person can only be invited again.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "The account is erased; this access token no longer works")
    @APIResponse(responseCode = "403", description = "Problem type urn:clientapp:problem:pin-confirmation-failed: the PIN "
            + "is wrong or this session has no active device; the fifth wrong PIN in a row destroys the device")
    public Response eraseAccount(@Valid @NotNull EraseAccountRequest confirmation) {
        pinConfirmation.confirm(caller.userId(), caller.sessionId(), confirmation.pin());
        List<Runnable> afterCommit = erasure.erase(caller.userId(), caller.sessionId(), clientIp());
        afterCommit.forEach(Runnable::run);
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private String clientIp() {
        return request.remoteAddress() == null ? null : request.remoteAddress().host();
    }
}
