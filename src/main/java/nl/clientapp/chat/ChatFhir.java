package nl.clientapp.chat;

import java.util.UUID;

/**
 * FHIR references of questions. The API assigns each question the logical id of a Communication,
 * which is its thread id. The ECD answers with a Communication whose {@code inResponseTo} or
 * {@code about} names {@code Communication/{threadId}}.
 */
public final class ChatFhir {

    private static final String PREFIX = "Communication/";

    private ChatFhir() {
    }

    public static String questionReference(UUID threadId) {
        return PREFIX + threadId;
    }

    /** Returns the thread id a reference names, or null when it names no question. */
    public static UUID threadId(String reference) {
        if (reference == null || !reference.startsWith(PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(reference.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
