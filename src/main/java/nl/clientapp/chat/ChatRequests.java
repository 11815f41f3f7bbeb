package nl.clientapp.chat;

import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the chat. Every text has a maximum (SECURITY I1). */
public final class ChatRequests {

    /** Maximum length of a question, follow-up or answer, in characters. */
    public static final int MAX_TEXT = 4000;

    /** Maximum length of a care team member's name. */
    public static final int MAX_NAME = 200;

    private ChatRequests() {
    }

    @Schema(name = "AskChatQuestionRequest")
    public record AskQuestionRequest(
            @NotBlank @Size(max = MAX_TEXT) String text,
            @Schema(description = "Optional: the report of this client the question is about") UUID reportId) {
    }

    @Schema(name = "SendChatMessageRequest")
    public record SendMessageRequest(@NotBlank @Size(max = MAX_TEXT) String text) {
    }

    @Schema(name = "AnswerChatQuestionRequest")
    public record AnswerRequest(
            @NotBlank @Size(max = MAX_TEXT) String text,
            @Schema(description = "Name of the care team member who answers, as the app shows it") @NotBlank @Size(max = MAX_NAME) String authorName) {
    }

    @Schema(name = "ChatSettingsRequest")
    public record SettingsRequest(
            @Schema(description = "The care team's address, told of each new question and each escalation") @NotBlank @Email @Size(max = 254) String teamEmail,
            @Schema(description = "Optional second address for escalations, such as the team manager's") @Email @Size(max = 254) String escalationEmail) {
    }
}
