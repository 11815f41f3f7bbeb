package nl.clientapp.access;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import nl.clientapp.audit.Audited;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.idempotency.IdempotencyKeys;

/**
 * Member management in the app, for a client's administrators (role FULL_ACCESS_ADMIN) only.
 * Other members get 404 like non-members, as on every endpoint guarded by {@link ClientRoles},
 * so the endpoints disclose nothing to callers who may not use them.
 */
@Path("/app/v1/clients/{clientId}/members")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("app-user")
@APIResponse(responseCode = "404", description = "No such client or member, or the caller is no current administrator of the client")
class MemberResource {

    @Inject
    MemberRegistrationService registrations;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    MemberManagementService members;

    @Inject
    CurrentMembership current;

    @GET
    @ClientRoles(Role.FULL_ACCESS_ADMIN)
    @Operation(operationId = "listMembers", summary = "List the client's members",
            description = "Active members with name, relation, role, basis and the state of their invitation, oldest first. "
                    + "E-mail addresses are masked and mobile numbers are left out.")
    @APIResponse(responseCode = "200", description = "The members")
    @Audited(event = "members.read", action = AuditAction.READ, objectType = "members")
    public List<MemberView> list(@PathParam("clientId") UUID clientId) {
        return members.list(clientId);
    }

    @POST
    @ClientRoles(Role.FULL_ACCESS_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "inviteMember", summary = "Invite a person",
            description = "Gives a person access with the chosen role and basis INVITED, and e-mails an activation code valid "
                    + "for 72 hours, in English when language is \"en\". Reuses the app user with the same e-mail address. "
                    + "Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Invited; the invitation e-mail is sent",
            content = @Content(schema = @Schema(implementation = MemberRegistrationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request body or Idempotency-Key")
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:member-exists: the person is already "
            + "a member of this client")
    @APIResponse(responseCode = "422", description = "Problem type urn:clientapp:problem:idempotency-key-reused: the "
            + "Idempotency-Key was used before with another body")
    @Audited(event = "member.invite", action = AuditAction.CREATE, objectType = "membership")
    public Response invite(@PathParam("clientId") UUID clientId,
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull InviteMemberRequest request, HttpHeaders headers) {
        var locale = RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        return idempotency.run(IdempotencyKeys.appUserScope(current.userId()), idempotencyKey, "inviteMember:" + clientId, request,
                201, MemberRegistrationView.class, () -> registrations.invite(clientId, request, locale)).toResponse();
    }

    @PATCH
    @Path("/{membershipId}")
    @ClientRoles(Role.FULL_ACCESS_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role",
            description = "Sets the role of another member; it applies from the member's next request.")
    @APIResponse(responseCode = "200", description = "The member with the new role",
            content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "403", description = "Problem type urn:clientapp:problem:own-membership: nobody changes their own role")
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:last-administrator: the client would "
            + "have no administrator left")
    @Audited(event = "member.role-change", action = AuditAction.UPDATE, objectType = "membership", objectIdParameter = "membershipId")
    public MemberView changeRole(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId,
            @Valid @NotNull ChangeRoleRequest request) {
        return members.changeRole(clientId, membershipId, request.role(), current.membershipId());
    }

    @DELETE
    @Path("/{membershipId}")
    @ClientRoles(Role.FULL_ACCESS_ADMIN)
    @Operation(operationId = "removeMember", summary = "Remove a member",
            description = "Ends another member's access to this client with reason REMOVED, from their next request on.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Problem type urn:clientapp:problem:own-membership: administrators do not "
            + "remove themselves here")
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:last-administrator: the client would "
            + "have no administrator left")
    @Audited(event = "member.remove", action = AuditAction.DELETE, objectType = "membership", objectIdParameter = "membershipId")
    public Response remove(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId) {
        members.remove(clientId, membershipId, current.membershipId());
        return Response.noContent().build();
    }

    @POST
    @Path("/{membershipId}/invitation")
    @ClientRoles(Role.FULL_ACCESS_ADMIN)
    @Operation(operationId = "resendMemberInvitation", summary = "Send a new invitation",
            description = "Voids the member's unused invitations and e-mails a new activation code valid for 72 hours.")
    @APIResponse(responseCode = "201", description = "Invitation sent",
            content = @Content(schema = @Schema(implementation = MemberRegistrationView.class)))
    @Audited(event = "member.invitation.resend", action = AuditAction.UPDATE, objectType = "invitation", objectIdParameter = "membershipId")
    public Response resendInvitation(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId) {
        MemberRegistrationView view = registrations.resendInvitation(clientId, membershipId);
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @DELETE
    @Path("/{membershipId}/invitation")
    @ClientRoles(Role.FULL_ACCESS_ADMIN)
    @Operation(operationId = "withdrawMemberInvitation", summary = "Withdraw an invitation",
            description = "Voids the invitation of a person who has not activated the app yet and ends their membership "
                    + "with reason INVITATION_WITHDRAWN. The person can be invited again.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "403", description = "Problem type urn:clientapp:problem:own-membership: the membership is the caller's own")
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:invitation-accepted: the person already "
            + "activated the app, so remove the member instead; or urn:clientapp:problem:last-administrator")
    @Audited(event = "member.invitation.withdraw", action = AuditAction.DELETE, objectType = "invitation", objectIdParameter = "membershipId")
    public Response withdrawInvitation(@PathParam("clientId") UUID clientId, @PathParam("membershipId") UUID membershipId) {
        members.withdrawInvitation(clientId, membershipId, current.membershipId());
        return Response.noContent().build();
    }
}
