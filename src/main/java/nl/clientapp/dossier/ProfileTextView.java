package nl.clientapp.dossier;

import java.time.Instant;

/** A free-text profile section and when the ECD last changed it. */
public record ProfileTextView(String text, Instant updatedAt) {
}
