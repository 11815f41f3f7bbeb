package nl.clientapp.access;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.audit.AuditAction;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.integration.IntegrationAudited;
import nl.clientapp.integration.IntegratorCaller;

/** Integration API for correcting the contact details of a member of the integrator's client. */
@Path("/integration/v1/clients")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
class MemberContactResource {

    @Inject
    MemberContactCorrection corrections;

    @Inject
    IntegratorCaller caller;

    @PUT
    @Path("/{clientId}/members/{membershipId}/contact")
    @RolesAllowed(MemberRegistrationResource.MEMBERS_SCOPE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "organisationCorrectMemberContact", summary = "Correct a member's mobile number or e-mail address",
            description = "For contact details registered wrongly, such as a mistyped number at intake. Sets the mobile "
                    + "number (any common notation, Dutch without a country code) and/or the e-mail address (compared "
                    + "case-insensitively) of the app user of an active membership of this client; a field left out keeps "
                    + "its value. The user's details are one set for every client they follow. For each value that "
                    + "changes, the old number gets an SMS and the old address an e-mail, in the user's language, "
                    + "without the new value. Open activations are voided when the number changes, because their codes "
                    + "went to the old number; an invitation still unused keeps working and is sent again with "
                    + "POST …/invitation. Sending the same values again changes and sends nothing. Writes an audit entry "
                    + "(member.contact-change).")
    @RequestBody(content = @Content(schema = @Schema(implementation = CorrectContactRequest.class),
            examples = @ExampleObject(name = "mobileOnly", value = "{\"mobile\": \"06-87654321\"}")))
    @APIResponse(responseCode = "204", description = "The contact details are correct now")
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-request with field errors: "
            + "neither field given, not a mobile number, a country whose numbers cannot receive SMS codes, or not an "
            + "e-mail address", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "404", description = "The client belongs to another organisation, or the membership is not an "
            + "active membership of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:contact-in-use: another account "
            + "uses this e-mail address; the body is the same whoever that account is, and nothing is sent to it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem"),
                    examples = @ExampleObject(name = "inUse", value = "{\"type\": \"urn:clientapp:problem:contact-in-use\", "
                            + "\"title\": \"Already in use\", \"status\": 409, \"detail\": \"This e-mail address already "
                            + "belongs to another account. Choose another address or contact the care organisation.\"}")))
    @IntegrationAudited(event = "member.contact-change", action = AuditAction.UPDATE, objectType = "contact-details",
            objectIdParameter = "membershipId", scope = MemberRegistrationResource.MEMBERS_SCOPE)
    public Response correctContact(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId,
            @Valid @NotNull CorrectContactRequest request, HttpHeaders headers) {
        var locale = RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        corrections.correct(caller.organisationId(), clientId, membershipId, request, locale);
        return Response.noContent().build();
    }
}
