package nl.clientapp.photo;

import java.util.Arrays;
import java.util.Optional;

/** The image formats the app accepts, recognised by their first bytes (magic numbers), never by name or declared type. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg", "jpg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }),
    PNG("image/png", "png", "png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });

    private final String mediaType;
    private final String imageIoName;
    private final String extension;
    private final byte[] magic;

    ImageFormat(String mediaType, String imageIoName, String extension, byte[] magic) {
        this.mediaType = mediaType;
        this.imageIoName = imageIoName;
        this.extension = extension;
        this.magic = magic;
    }

    /** Returns the format whose signature starts {@code content}, or empty for any other file. */
    public static Optional<ImageFormat> detect(byte[] content) {
        for (ImageFormat format : values()) {
            if (content.length >= format.magic.length
                    && Arrays.equals(content, 0, format.magic.length, format.magic, 0, format.magic.length)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    public static ImageFormat ofMediaType(String mediaType) {
        for (ImageFormat format : values()) {
            if (format.mediaType.equals(mediaType)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Not an image format of the app: " + mediaType);
    }

    public String mediaType() {
        return mediaType;
    }

    String imageIoName() {
        return imageIoName;
    }

    public String extension() {
        return extension;
    }
}
