package nl.clientapp.photo;

import java.util.UUID;

/**
 * A stored photo: its id for the thumbnail and full-image endpoints, and the sizes of both renditions.
 *
 * @param contentType image/jpeg or image/png, the format of both renditions
 */
public record PhotoView(UUID id, String contentType, int width, int height, int thumbnailWidth, int thumbnailHeight) {
}
