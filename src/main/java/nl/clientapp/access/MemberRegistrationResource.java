package nl.clientapp.access;

import java.util.UUID;

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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.common.RequestLanguage;
import nl.clientapp.integration.IntegratorCaller;

/** Integration API for registering app users of the integrator's clients. */
@Path("/integration/v1/clients")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
class MemberRegistrationResource {

    @Inject
    MemberRegistrationService registrations;

    @Inject
    IntegratorCaller caller;

    @GET
    @RolesAllowed("members:write")
    @Operation(summary = "Find a client by FHIR Patient id",
            description = "Returns our id of the organisation's client created from this Patient; 404 when there is none.")
    public ClientLookupView findClient(@QueryParam("patientId") @NotBlank @Size(max = 64) String patientId) {
        return registrations.findClient(caller.organisationId(), patientId);
    }

    @POST
    @Path("/{clientId}/members")
    @RolesAllowed("members:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an app user for a client",
            description = "Creates an active membership, reusing the app user with the same e-mail address, and e-mails "
                    + "an activation code valid for 72 hours. 409 when the person is already a member of this client.")
    @APIResponse(responseCode = "201", description = "Registered; the invitation e-mail is sent",
            content = @Content(schema = @Schema(implementation = MemberRegistrationView.class)))
    @APIResponse(responseCode = "409", description = "The person is already a member of this client")
    public Response register(@PathParam("clientId") UUID clientId, @Valid @NotNull RegisterMemberRequest request,
            HttpHeaders headers) {
        var locale = RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        MemberRegistrationView view = registrations.register(caller.organisationId(), clientId, request, locale);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @POST
    @Path("/{clientId}/members/{membershipId}/invitation")
    @RolesAllowed("members:write")
    @Operation(summary = "Send a new invitation",
            description = "Voids the membership's unused invitations and e-mails a new activation code valid for 72 hours.")
    @APIResponse(responseCode = "201", description = "Invitation sent",
            content = @Content(schema = @Schema(implementation = MemberRegistrationView.class)))
    public Response resendInvitation(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId) {
        MemberRegistrationView view = registrations.resendInvitation(caller.organisationId(), clientId, membershipId);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }
}
