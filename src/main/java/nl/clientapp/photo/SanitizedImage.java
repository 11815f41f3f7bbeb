package nl.clientapp.photo;

/**
 * An image after the pipeline: decoded, scaled and encoded again without any metadata.
 *
 * @param full the re-encoded image, at most {@code clientapp.photos.full-side} pixels on its longest side
 * @param thumbnail the small rendition for the timeline, in the same format
 */
public record SanitizedImage(ImageFormat format, byte[] full, int width, int height, byte[] thumbnail, int thumbnailWidth,
        int thumbnailHeight) {
}
