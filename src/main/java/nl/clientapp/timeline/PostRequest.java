package nl.clientapp.timeline;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The content of a news post, to create it or to replace it when its author edits it. The
 * limits are checked by {@link PostService}, so the problem texts follow the request's language.
 *
 * @param text the message, at most {@link PostService#MAX_TEXT_LENGTH} characters; may be empty when photos are given
 * @param photoIds ids from uploadPhoto by the same user, at most {@link PostService#MAX_PHOTOS}, in display order
 */
public record PostRequest(
        @Schema(description = "The message; leading and trailing white space is removed", maxLength = PostService.MAX_TEXT_LENGTH)
        String text,
        @Schema(description = "Ids of the caller's uploads for this client, in display order", maxItems = PostService.MAX_PHOTOS)
        List<UUID> photoIds) {
}
