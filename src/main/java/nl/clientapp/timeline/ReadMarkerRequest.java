package nl.clientapp.timeline;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The newest timeline item the user has seen.
 *
 * @param cursor latestCursor (or nextCursor of a since page) from a timeline response
 */
public record ReadMarkerRequest(
        @Schema(description = "latestCursor of a timeline response", required = true, maxLength = 200)
        String cursor) {
}
