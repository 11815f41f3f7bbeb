package nl.clientapp.chat;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.audit.AuditAction;
import nl.clientapp.integration.IntegrationAudited;
import nl.clientapp.chat.ChatRequests.AnswerRequest;
import nl.clientapp.chat.ChatViews.TeamMessageView;
import nl.clientapp.common.idempotency.IdempotencyKeys;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.Page;
import nl.clientapp.dossier.PageLimit;
import nl.clientapp.integration.IntegratorCaller;

/** Integration API through which the care team's systems read, answer and mark read one question of a client. */
@Path("/integration/v1/clients/{clientId}/chat/threads/{threadId}")
@Tag(name = "Chat (care team)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CareTeamChatResource.SCOPE)
@APIResponse(responseCode = "404", description = "Not found: no such thread of this organisation's client")
class CareTeamThreadResource {

    @Inject
    CareTeamChatService chat;

    @Inject
    IntegratorCaller caller;

    @Inject
    IdempotencyKeys idempotency;

    @GET
    @Path("/messages")
    @Operation(operationId = "listCareTeamMessages", summary = "List a question's messages",
            description = "The question, follow-ups and answers of one thread, newest first.")
    @APIResponse(responseCode = "200", description = "A page of messages")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @IntegrationAudited(event = "chat.team.messages.read", action = AuditAction.READ, objectType = "chat-thread",
            objectIdParameter = "threadId", scope = CareTeamChatResource.SCOPE)
    public Page<TeamMessageView> messages(@PathParam("clientId") UUID clientId, @PathParam("threadId") UUID threadId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        return chat.messages(caller.organisationId(), clientId, threadId, KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
    }

    @POST
    @Path("/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerChatQuestion", summary = "Answer a question",
            description = "Adds the care team's answer (at most 4000 characters) under the name of the EVV or colleague who "
                    + "answers. Answering also marks the members' messages read. A FHIR Communication whose inResponseTo or "
                    + "about names Communication/{threadId} does the same. The client's full-access members get a "
                    + "push notification and e-mail that there is a new answer, as their preferences allow. Accepts "
                    + "Idempotency-Key, scoped per integrator.")
    @APIResponse(responseCode = "201", description = "The answer",
            content = @Content(schema = @Schema(implementation = TeamMessageView.class)))
    @APIResponse(responseCode = "400", description = "The text or name is empty or too long, or an invalid Idempotency-Key")
    @APIResponse(responseCode = "422", description = "Problem type urn:clientapp:problem:idempotency-key-reused: the "
            + "Idempotency-Key was used before with another body")
    @IntegrationAudited(event = "chat.team.answer.create", action = AuditAction.CREATE, objectType = "chat-thread",
            objectIdParameter = "threadId", scope = CareTeamChatResource.SCOPE)
    public Response answer(@PathParam("clientId") UUID clientId, @PathParam("threadId") UUID threadId,
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull AnswerRequest request) {
        UUID organisationId = caller.organisationId();
        return idempotency.run(IdempotencyKeys.integratorScope(caller.integratorId()), idempotencyKey,
                "answerChatQuestion:" + clientId + ":" + threadId, request, 201, TeamMessageView.class,
                () -> chat.answer(organisationId, clientId, threadId, request.text(), request.authorName())).toResponse();
    }

    @POST
    @Path("/read")
    @Operation(operationId = "markChatQuestionRead", summary = "Mark a question read by the care team",
            description = "Records that the care team read the members' messages of the thread; the app shows it. Marking "
                    + "again keeps the first time.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Marked read")
    @IntegrationAudited(event = "chat.team.thread.mark-read", action = AuditAction.UPDATE, objectType = "chat-thread",
            objectIdParameter = "threadId", scope = CareTeamChatResource.SCOPE)
    public Response markRead(@PathParam("clientId") UUID clientId, @PathParam("threadId") UUID threadId) {
        chat.markRead(caller.organisationId(), clientId, threadId);
        return Response.noContent().build();
    }
}
