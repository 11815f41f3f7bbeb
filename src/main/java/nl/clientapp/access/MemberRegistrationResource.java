package nl.clientapp.access;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.audit.AuditAction;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.idempotency.IdempotencyKeys;
import nl.clientapp.integration.IntegrationAudited;
import nl.clientapp.integration.IntegratorCaller;

/** Integration API for registering and managing the app users of the integrator's clients. */
@Path("/integration/v1/clients")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
class MemberRegistrationResource {

    static final String MEMBERS_SCOPE = "members:write";

    @Inject
    MemberRegistrationService registrations;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    MemberManagementService members;

    @Inject
    IntegratorCaller caller;

    @GET
    @RolesAllowed(MEMBERS_SCOPE)
    @Operation(operationId = "findClientByPatientId", summary = "Find a client by FHIR Patient id",
            description = "Returns our id of the organisation's client created from this Patient; 404 when there is none.")
    public ClientLookupView findClient(@QueryParam("patientId") @NotBlank @Size(max = 64) String patientId) {
        return registrations.findClient(caller.organisationId(), patientId);
    }

    @POST
    @Path("/{clientId}/members")
    @RolesAllowed(MEMBERS_SCOPE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerMember", summary = "Register an app user for a client",
            description = "Creates an active membership, reusing the app user with the same e-mail address, and e-mails "
                    + "an activation code valid for 72 hours. The first member of a client is its administrator: role "
                    + "FULL_ACCESS_ADMIN with basis CLIENT, CONTACT_PERSON or, for a legally incompetent client, "
                    + "LEGAL_REPRESENTATIVE. Accepts Idempotency-Key, scoped per integrator.")
    @APIResponse(responseCode = "201", description = "Registered; the invitation e-mail is sent",
            content = @Content(schema = @Schema(implementation = MemberRegistrationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request body or Idempotency-Key")
    @APIResponse(responseCode = "422", description = "Problem type urn:clientapp:problem:idempotency-key-reused: the "
            + "Idempotency-Key was used before with another body")

    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:member-exists: the person is already "
            + "a member of this client; or urn:clientapp:problem:first-member-not-administrator: the client has no members "
            + "yet and this request does not designate an administrator")
    @IntegrationAudited(event = "member.register", action = AuditAction.CREATE, objectType = "membership", scope = MEMBERS_SCOPE)
    public Response register(@PathParam("clientId") UUID clientId,
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull RegisterMemberRequest request, HttpHeaders headers) {
        var locale = RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        UUID organisationId = caller.organisationId();
        return idempotency.run(IdempotencyKeys.integratorScope(caller.integratorId()), idempotencyKey, "registerMember:" + clientId,
                request, 201, MemberRegistrationView.class, () -> registrations.register(organisationId, clientId, request, locale))
                .toResponse();
    }

    @POST
    @Path("/{clientId}/members/{membershipId}/invitation")
    @RolesAllowed(MEMBERS_SCOPE)
    @Operation(operationId = "organisationResendInvitation", summary = "Send a new invitation",
            description = "Voids the membership's unused invitations and e-mails a new activation code valid for 72 hours.")
    @APIResponse(responseCode = "201", description = "Invitation sent",
            content = @Content(schema = @Schema(implementation = MemberRegistrationView.class)))
    @IntegrationAudited(event = "member.invitation.resend", action = AuditAction.UPDATE, objectType = "invitation", objectIdParameter = "membershipId", scope = MEMBERS_SCOPE)
    public Response resendInvitation(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId) {
        MemberRegistrationView view = registrations.resendInvitation(caller.organisationId(), clientId, membershipId);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @Path("/{clientId}/members")
    @RolesAllowed(MEMBERS_SCOPE)
    @Operation(operationId = "organisationListMembers", summary = "List a client's members",
            description = "Active members with name, relation, role, basis and the state of their invitation, oldest first. "
                    + "E-mail addresses are masked and mobile numbers are left out.")
    @APIResponse(responseCode = "200", description = "The members")
    @IntegrationAudited(event = "members.read", action = AuditAction.READ, objectType = "members", scope = MEMBERS_SCOPE)
    public List<MemberView> list(@PathParam("clientId") UUID clientId) {
        return members.listForOrganisation(caller.organisationId(), clientId);
    }

    @PATCH
    @Path("/{clientId}/members/{membershipId}")
    @RolesAllowed(MEMBERS_SCOPE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "organisationChangeMemberRole", summary = "Change a member's role", description = "Sets a member's role; it applies from the member's next request.")
    @APIResponse(responseCode = "200", description = "The member with the new role",
            content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:last-administrator: the client would "
            + "have no administrator left")
    @IntegrationAudited(event = "member.role-change", action = AuditAction.UPDATE, objectType = "membership", objectIdParameter = "membershipId", scope = MEMBERS_SCOPE)
    public MemberView changeRole(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId,
            @Valid @NotNull ChangeRoleRequest request) {
        return members.changeRoleForOrganisation(caller.organisationId(), clientId, membershipId, request.role());
    }

    @DELETE
    @Path("/{clientId}/members/{membershipId}")
    @RolesAllowed(MEMBERS_SCOPE)
    @Operation(operationId = "organisationRemoveMember", summary = "Remove a member",
            description = "Ends the member's access to this client with reason REMOVED, from their next request on. The "
                    + "last administrator can be removed only when no other member is left.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:last-administrator: the client would "
            + "have members but no administrator")
    @IntegrationAudited(event = "member.remove", action = AuditAction.DELETE, objectType = "membership", objectIdParameter = "membershipId", scope = MEMBERS_SCOPE)
    public Response remove(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId) {
        members.removeForOrganisation(caller.organisationId(), clientId, membershipId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{clientId}/members/{membershipId}/invitation")
    @RolesAllowed(MEMBERS_SCOPE)
    @Operation(operationId = "organisationWithdrawInvitation", summary = "Withdraw an invitation",
            description = "Voids the invitation of a person who has not activated the app yet and ends their membership "
                    + "with reason INVITATION_WITHDRAWN. The person can be registered again.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:invitation-accepted: the person already "
            + "activated the app, so remove the member instead; or urn:clientapp:problem:last-administrator")
    @IntegrationAudited(event = "member.invitation.withdraw", action = AuditAction.DELETE, objectType = "invitation", objectIdParameter = "membershipId", scope = MEMBERS_SCOPE)
    public Response withdrawInvitation(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId) {
        members.withdrawInvitationForOrganisation(caller.organisationId(), clientId, membershipId);
        return Response.noContent().build();
    }
}
