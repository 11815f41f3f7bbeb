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

import nl.clientapp.access.ClientRoles;
import nl.clientapp.access.CurrentMembership;
import nl.clientapp.access.Role;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.Audited;
import nl.clientapp.chat.ChatRequests.AskQuestionRequest;
import nl.clientapp.chat.ChatRequests.SendMessageRequest;
import nl.clientapp.chat.ChatViews.MessageView;
import nl.clientapp.chat.ChatViews.ThreadView;
import nl.clientapp.chat.ChatViews.UnreadView;
import nl.clientapp.common.idempotency.IdempotencyKeys;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.Page;
import nl.clientapp.dossier.PageLimit;

/**
 * The chat with the client's care team, for members with full access (SECURITY A3: never for
 * timeline-only members, who get 404 like non-members). Reading and writing the chat is access to
 * the dossier, so every call is audited.
 */
@Path("/app/v1/clients/{clientId}/chat")
@Tag(name = "Chat")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("app-user")
@APIResponse(responseCode = "401", description = "No valid access token, or the login session has ended")
@APIResponse(responseCode = "404", description = "No such client or thread, or the caller has no full access to the client")
class ChatResource {

    @Inject
    ChatService chat;

    @Inject
    CurrentMembership current;

    @Inject
    IdempotencyKeys idempotency;

    @GET
    @Path("/threads")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Operation(operationId = "listChatThreads", summary = "List the client's questions",
            description = "Every question that full-access members of the client asked the care team, newest first, with "
                    + "its expected answer date, whether it is answered and read by the care team, and the caller's unread "
                    + "answers. Pass nextCursor as cursor to read the next page.")
    @APIResponse(responseCode = "200", description = "A page of questions")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @Audited(event = "chat.threads.read", action = AuditAction.READ, objectType = "chat-threads")
    public Page<ThreadView> threads(@PathParam("clientId") UUID clientId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        return chat.threads(clientId, current.userId(), KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
    }

    @POST
    @Path("/threads")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "askChatQuestion", summary = "Ask the care team a question",
            description = "Starts a thread with a question of at most 4000 characters, optionally about one report of this "
                    + "client. The care team (EVV) tries to answer within 5 working days; expectedAnswerDate states that day. "
                    + "The team is told by e-mail that there is a new question, and the organisation's webhook endpoints get "
                    + "chat.question.created. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "The new question",
            content = @Content(schema = @Schema(implementation = ThreadView.class)))
    @APIResponse(responseCode = "400", description = "The text is empty or longer than 4000 characters, or an invalid "
            + "Idempotency-Key")
    @APIResponse(responseCode = "422", description = "Problem type urn:clientapp:problem:idempotency-key-reused: the "
            + "Idempotency-Key was used before with another body")
    @Audited(event = "chat.question.create", action = AuditAction.CREATE, objectType = "chat-thread")
    public Response ask(@PathParam("clientId") UUID clientId,
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull AskQuestionRequest request) {
        UUID userId = current.userId();
        return idempotency.run(IdempotencyKeys.appUserScope(userId), idempotencyKey, "askChatQuestion:" + clientId, request,
                201, ThreadView.class, () -> chat.ask(clientId, userId, request.text(), request.reportId())).toResponse();
    }

    @GET
    @Path("/threads/{threadId}")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Operation(operationId = "readChatThread", summary = "Read a question",
            description = "One question of this client with its state. A thread of another client answers 404.")
    @APIResponse(responseCode = "200", description = "The question")
    @Audited(event = "chat.thread.read", action = AuditAction.READ, objectType = "chat-thread", objectIdParameter = "threadId")
    public ThreadView thread(@PathParam("clientId") UUID clientId, @PathParam("threadId") UUID threadId) {
        return chat.thread(clientId, current.userId(), threadId);
    }

    @GET
    @Path("/threads/{threadId}/messages")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Operation(operationId = "listChatMessages", summary = "List a thread's messages",
            description = "The question, follow-ups and the care team's answers, newest first, with read marks. Pass "
                    + "nextCursor as cursor to read the next page.")
    @APIResponse(responseCode = "200", description = "A page of messages")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @Audited(event = "chat.messages.read", action = AuditAction.READ, objectType = "chat-thread", objectIdParameter = "threadId")
    public Page<MessageView> messages(@PathParam("clientId") UUID clientId, @PathParam("threadId") UUID threadId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        return chat.messages(clientId, current.userId(), threadId, KeysetCursor.decode("cursor", cursor), PageLimit.parse(limit));
    }

    @POST
    @Path("/threads/{threadId}/messages")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendChatMessage", summary = "Add a message to a question",
            description = "Adds a follow-up of at most 4000 characters to a thread of this client. Accepts Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "The new message",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "The text is empty or longer than 4000 characters, or an invalid "
            + "Idempotency-Key")
    @APIResponse(responseCode = "422", description = "Problem type urn:clientapp:problem:idempotency-key-reused: the "
            + "Idempotency-Key was used before with another body")
    @Audited(event = "chat.message.create", action = AuditAction.CREATE, objectType = "chat-thread", objectIdParameter = "threadId")
    public Response send(@PathParam("clientId") UUID clientId, @PathParam("threadId") UUID threadId,
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull SendMessageRequest request) {
        UUID userId = current.userId();
        return idempotency.run(IdempotencyKeys.appUserScope(userId), idempotencyKey, "sendChatMessage:" + clientId + ":" + threadId,
                request, 201, MessageView.class, () -> chat.send(clientId, userId, threadId, request.text())).toResponse();
    }

    @POST
    @Path("/threads/{threadId}/read")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Operation(operationId = "markChatAnswersRead", summary = "Mark a thread's answers read",
            description = "Marks every answer of the care team in this thread read for the caller. Read marks are per "
                    + "member; marking again changes nothing.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Marked read")
    @Audited(event = "chat.answers.mark-read", action = AuditAction.UPDATE, objectType = "chat-thread", objectIdParameter = "threadId")
    public Response markRead(@PathParam("clientId") UUID clientId, @PathParam("threadId") UUID threadId) {
        chat.markAnswersRead(clientId, current.userId(), threadId);
        return Response.noContent().build();
    }

    @GET
    @Path("/unread")
    @ClientRoles({ Role.FULL_ACCESS_ADMIN, Role.FULL_ACCESS })
    @Operation(operationId = "readChatUnreadCount", summary = "Count unread answers",
            description = "How many of the care team's answers about this client the caller has not marked read.")
    @APIResponse(responseCode = "200", description = "The count")
    @Audited(event = "chat.unread.read", action = AuditAction.READ, objectType = "chat-threads")
    public UnreadView unread(@PathParam("clientId") UUID clientId) {
        return chat.unread(clientId, current.userId());
    }
}
