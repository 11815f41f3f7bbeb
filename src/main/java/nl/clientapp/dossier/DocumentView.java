package nl.clientapp.dossier;

import java.time.Instant;
import java.util.UUID;

/** A document in the client's dossier, without its content. */
public record DocumentView(UUID id, String title, String category, String contentType, long sizeBytes,
        Instant createdAt) {
}
