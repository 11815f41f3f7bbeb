package nl.clientapp.photo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.clientapp.common.problem.ProblemException;

/**
 * Turns untrusted image bytes into images that are safe to store and show. The format is
 * recognised by its magic bytes. The byte size and the pixel dimensions (read from the header)
 * are checked before any pixel is decoded, so a small file that declares a huge image (a
 * decompression bomb) is rejected. Large images are decoded with subsampling, so memory stays
 * bounded by the stored size. A JPEG's EXIF orientation is applied to the pixels. Encoding the
 * pixels again drops all metadata: EXIF (GPS position, camera, time), XMP, ICC profiles,
 * comments and PNG text chunks.
 */
@ApplicationScoped
public class ImagePipeline {

    @Inject
    PhotoConfig config;

    /**
     * Checks, decodes and re-encodes an image.
     *
     * @throws ProblemException 413 {@code photo-too-large} for a file above the byte cap,
     *         413 {@code photo-dimensions-too-large} for an image above the pixel caps,
     *         415 {@code unsupported-image-type} for anything but JPEG or PNG,
     *         415 {@code cmyk-image-not-supported} for a CMYK or YCCK JPEG,
     *         400 {@code invalid-image} for a JPEG or PNG that cannot be decoded
     */
    public SanitizedImage sanitize(byte[] content) {
        if (content.length > config.maxBytes()) {
            throw new ProblemException(413, "photo-too-large", config.maxBytes() / (1024 * 1024));
        }
        ImageFormat format = ImageFormat.detect(content)
                .orElseThrow(() -> new ProblemException(415, "unsupported-image-type"));
        // NOTE: CMYK JPEGs are rejected, not converted. The JDK's reader decodes them into a plain CMYK
        // colour space without the file's ICC profile, and Adobe files store the values inverted, so a
        // conversion to sRGB here would shift the colours.
        if (format == ImageFormat.JPEG && JpegColourComponents.of(content) == JpegColourComponents.CMYK) {
            throw new ProblemException(415, "cmyk-image-not-supported");
        }

        BufferedImage decoded = decode(format, content);
        BufferedImage full = scaleToFit(decoded, config.fullSide(), format);
        BufferedImage thumbnail = scaleToFit(full, config.thumbnailSide(), format);
        return new SanitizedImage(format, encode(format, full), full.getWidth(), full.getHeight(),
                encode(format, thumbnail), thumbnail.getWidth(), thumbnail.getHeight());
    }

    private BufferedImage decode(ImageFormat format, byte[] content) {
        ImageReader reader = ImageIO.getImageReadersByFormatName(format.imageIoName()).next();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            // Metadata is read (not ignored) only for the EXIF orientation; none of it is written out.
            reader.setInput(input, true, false);
            // getWidth and getHeight read only the header (JPEG SOF, PNG IHDR), not the pixels.
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width > config.maxSide() || height > config.maxSide() || (long) width * height > config.maxPixels()) {
                throw new ProblemException(413, "photo-dimensions-too-large", config.maxSide(), config.maxPixels() / 1_000_000);
            }

            // The markers before the image data only; the pixels are not decoded here.
            int orientation = format == ImageFormat.JPEG ? ExifOrientation.read(reader.getImageMetadata(0)) : ExifOrientation.NORMAL;

            ImageReadParam parameters = reader.getDefaultReadParam();
            int subsampling = Math.max(1, Math.max(width, height) / config.fullSide());
            parameters.setSourceSubsampling(subsampling, subsampling, 0, 0);
            BufferedImage image = reader.read(0, parameters);
            if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                throw ProblemException.badRequest("invalid-image");
            }
            return ExifOrientation.apply(image, orientation, imageType(format));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            // ImageIO reports broken files with IIOException, and some with unchecked exceptions.
            throw ProblemException.badRequest("invalid-image");
        } finally {
            reader.dispose();
        }
    }

    /** Scales down to fit {@code side} on the longest side, and converts to a plain RGB (JPEG) or ARGB (PNG) raster. */
    private static BufferedImage scaleToFit(BufferedImage source, int side, ImageFormat format) {
        double factor = Math.min(1.0, (double) side / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage current = source;
        // Halving in steps keeps detail that one bilinear step from a much larger image would lose.
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, format);
        }
        return draw(current, width, height, format);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, ImageFormat format) {
        BufferedImage target = new BufferedImage(width, height, imageType(format));
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static int imageType(ImageFormat format) {
        return format == ImageFormat.PNG ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    private byte[] encode(ImageFormat format, BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName());
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionQuality(config.jpegQuality());
            }
            // No metadata and no thumbnails: the JPEG writer adds only its JFIF header, the PNG writer only IHDR, IDAT and IEND.
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            throw new IllegalStateException("Encoding an image in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
