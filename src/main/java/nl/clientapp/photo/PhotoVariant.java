package nl.clientapp.photo;

/** The stored renditions of a photo. */
public enum PhotoVariant {
    /** The re-encoded image, at most {@code clientapp.photos.full-side} pixels on its longest side. */
    FULL,
    /** The small image the timeline shows. */
    THUMBNAIL
}
