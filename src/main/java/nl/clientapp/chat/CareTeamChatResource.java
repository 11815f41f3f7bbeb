package nl.clientapp.chat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.clientapp.chat.ChatRequests.SettingsRequest;
import nl.clientapp.chat.ChatViews.SettingsView;
import nl.clientapp.chat.ChatViews.TeamQuestionView;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.Page;
import nl.clientapp.dossier.PageLimit;
import nl.clientapp.integration.IntegratorCaller;

/**
 * Integration API through which the care team's systems list the questions of all the organisation's clients
 * and configure the chat e-mails; {@link CareTeamThreadResource} reads and answers one thread.
 */
@Path("/integration/v1/chat")
@Tag(name = "Chat (care team)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CareTeamChatResource.SCOPE)
class CareTeamChatResource {

    /** The OAuth scope of the chat's integration endpoints. */
    static final String SCOPE = "chat:write";

    @Inject
    CareTeamChatService chat;

    @Inject
    IntegratorCaller caller;

    @GET
    @Path("/questions")
    @Operation(operationId = "listCareTeamQuestions", summary = "List questions of the organisation's clients",
            description = "Newest first. status OPEN (default): the latest message is a member's, so a reply is awaited; "
                    + "OVERDUE: no answer yet and the expected answer date has come (these are escalated); ALL. Each question "
                    + "names its FHIR reference Communication/{threadId}. Pass nextCursor as cursor to read the next page.")
    @APIResponse(responseCode = "200", description = "A page of questions")
    @APIResponse(responseCode = "400", description = "Invalid status, cursor or limit")
    public Page<TeamQuestionView> questions(
            @Parameter(description = "OPEN, OVERDUE or ALL; default OPEN") @QueryParam("status") String status,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") String limit) {
        return chat.questions(caller.organisationId(), CareTeamChatService.Status.parse(status), KeysetCursor.decode("cursor", cursor),
                PageLimit.parse(limit));
    }

    @GET
    @Path("/settings")
    @Operation(operationId = "readChatSettings", summary = "Read the chat e-mail settings",
            description = "The addresses the organisation configured for new questions and escalations; every field is "
                    + "null while it configured none, and then no chat e-mail is sent.")
    @APIResponse(responseCode = "200", description = "The settings")
    public SettingsView settings() {
        return chat.settings(caller.organisationId());
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "configureChatSettings", summary = "Configure the chat e-mail settings",
            description = "Sets the care team's address, told of each new question and each escalation, and an optional "
                    + "second address for escalations. The e-mails name the question's id and where to answer, never the "
                    + "client or the question's text.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(implementation = SettingsView.class)))
    @APIResponse(responseCode = "400", description = "An address is missing, invalid or too long")
    public SettingsView configure(@Valid @NotNull SettingsRequest request) {
        return chat.configure(caller.organisationId(), request);
    }
}
