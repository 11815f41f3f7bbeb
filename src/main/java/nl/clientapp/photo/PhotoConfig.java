package nl.clientapp.photo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and sizes of the photo pipeline, under the prefix {@code clientapp.photos}. */
@ConfigMapping(prefix = "clientapp.photos")
public interface PhotoConfig {

    /** Maximum size of an uploaded or imported image file, in bytes; must stay below quarkus.http.limits.max-body-size. */
    @WithDefault("8388608")
    int maxBytes();

    /** Maximum width and maximum height of an image, in pixels, read from its header before decoding. */
    @WithDefault("12000")
    int maxSide();

    /** Maximum number of pixels (width × height), read from the header before decoding. */
    @WithDefault("40000000")
    long maxPixels();

    /** Maximum length of the longest side of the stored image, in pixels; larger images are scaled down. */
    @WithDefault("2048")
    int fullSide();

    /** Maximum length of the longest side of the thumbnail the timeline shows, in pixels. */
    @WithDefault("480")
    int thumbnailSide();

    /** JPEG quality of re-encoded images, from 0 to 1. */
    @WithDefault("0.85")
    float jpegQuality();

    /** How long an uploaded photo that no post uses is kept, in hours. */
    @WithDefault("24")
    int unusedUploadHours();

    /** How often unused uploads are deleted, such as {@code 1h}; {@code off} disables the job. */
    @WithDefault("1h")
    String purgeInterval();
}
