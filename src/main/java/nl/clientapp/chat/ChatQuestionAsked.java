package nl.clientapp.chat;

import java.util.UUID;

/** Fired when a member asks a question; {@code teamEmail} is null when the organisation configured none. */
record ChatQuestionAsked(UUID threadId, String teamEmail) {
}
