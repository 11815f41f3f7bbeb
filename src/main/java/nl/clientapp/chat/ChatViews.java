package nl.clientapp.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the chat, for the app and for the care team's systems. */
public final class ChatViews {

    private ChatViews() {
    }

    /** One question of a member and the state of its conversation, as the app shows it. */
    @Schema(name = "ChatThread")
    public record ThreadView(
            UUID id,
            @Schema(description = "The report the question is about, or null") UUID reportId,
            @Schema(description = "Text of the question: the thread's first message") String question,
            @Schema(description = "Name of the member who asked; \"Verwijderde gebruiker\" (\"Deleted user\" in English) "
                    + "when that member erased their account") String askedByName,
            @Schema(description = "True when the caller asked this question") boolean askedByMe,
            Instant askedAt,
            @Schema(description = "Date by which the care team is expected to answer: 5 working days after asking, "
                    + "without weekends and Dutch public holidays (Europe/Amsterdam)") LocalDate expectedAnswerDate,
            @Schema(description = "Time of the care team's first answer, or null while unanswered") Instant answeredAt,
            @Schema(description = "When the care team had read every member message of the thread, or null") Instant readByCareTeamAt,
            @Schema(description = "Answers in this thread the caller has not marked read") long unreadAnswers) {
    }

    /** One message of a thread, as the app shows it. */
    @Schema(name = "ChatMessage")
    public record MessageView(
            UUID id,
            @Schema(description = "MEMBER (an app user) or CARE_TEAM (the EVV or a colleague)") String authorType,
            @Schema(description = "The author's name; for a member who erased their account \"Verwijderde gebruiker\" "
                    + "(\"Deleted user\" in English)") String authorName,
            @Schema(description = "True when the caller wrote this message") boolean mine,
            String text,
            Instant sentAt,
            @Schema(description = "For MEMBER messages: when the care team read it, or null") Instant readByCareTeamAt,
            @Schema(description = "For CARE_TEAM messages: when the caller marked it read, or null") Instant readAt) {
    }

    /** How many care-team answers of one client the caller has not read. */
    @Schema(name = "ChatUnread")
    public record UnreadView(long unreadAnswers) {
    }

    /** A question as the care team's systems see it. */
    @Schema(name = "CareTeamQuestion")
    public record TeamQuestionView(
            UUID threadId,
            UUID clientId,
            @Schema(description = "Id of the FHIR Patient the client was created from") String fhirPatientId,
            @Schema(description = "FHIR reference of the question, Communication/{threadId}; a Communication that answers "
                    + "it names this reference in inResponseTo or about") String fhirReference,
            String question,
            UUID reportId,
            @Schema(description = "FHIR reference of the report the question is about (such as Composition/{id}), or null") String reportFhirReference,
            Instant askedAt,
            LocalDate expectedAnswerDate,
            Instant answeredAt,
            @Schema(description = "Time of the latest member message, which awaits a reply while it is newer than every answer") Instant lastMemberMessageAt,
            Instant readByCareTeamAt,
            @Schema(description = "When the question was escalated for lack of an answer, or null") Instant escalatedAt) {
    }

    /** A message of a thread as the care team's systems see it. */
    @Schema(name = "CareTeamMessage")
    public record TeamMessageView(UUID id, UUID threadId, String authorType, String authorName, String text, Instant sentAt,
            Instant readByCareTeamAt) {
    }

    /** Addresses that receive an organisation's chat e-mails. */
    @Schema(name = "ChatSettings")
    public record SettingsView(String teamEmail, String escalationEmail, Instant updatedAt) {
    }
}
