package nl.clientapp.photo;

import java.util.UUID;

/** The bytes of one rendition of a photo, with what the response needs to describe them. */
public record PhotoContent(UUID photoId, ImageFormat format, byte[] content) {
}
