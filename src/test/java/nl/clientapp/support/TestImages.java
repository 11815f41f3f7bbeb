package nl.clientapp.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Image files made in the test: with metadata to strip, of the wrong type, and with huge declared dimensions. */
public final class TestImages {

    /** Text stored in the metadata of {@link #jpegWithGps} and {@link #pngWithText}; must not survive the pipeline. */
    public static final String SECRET = "Kamer 12, Zonnehof";

    private TestImages() {
    }

    /** Returns a JPEG photo with an EXIF APP1 segment that contains a GPS latitude (52° 22' N) and {@link #SECRET} as description. */
    public static byte[] jpegWithGps(int width, int height) {
        return jpegWithExif(picture(width, height, BufferedImage.TYPE_INT_RGB), exifWithGps());
    }

    /**
     * Returns a JPEG whose pixels are a {@code width} × {@code height} picture with a red left half,
     * and whose EXIF orientation is 6: the viewer must turn it 90° clockwise to show it upright.
     */
    public static byte[] jpegRotatedClockwise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.BLUE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.dispose();
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
        tiff.putInt(0);
        ByteArrayOutputStream exif = new ByteArrayOutputStream();
        exif.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        exif.write(tiff.array(), 0, tiff.position());
        return jpegWithExif(image, exif.toByteArray());
    }

    private static byte[] jpegWithExif(BufferedImage image, byte[] app1) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), parameters);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode exif = new IIOMetadataNode("unknown");
            exif.setAttribute("MarkerTag", String.valueOf(0xE1));
            exif.setUserObject(app1);
            markers.insertBefore(exif, markers.getFirstChild());
            metadata.setFromTree(format, root);
            return write(writer, new IIOImage(image, null, metadata), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** Returns a PNG with a tEXt chunk (keyword Location, text {@link #SECRET}) and an alpha channel. */
    public static byte[] pngWithText(int width, int height) {
        BufferedImage image = picture(width, height, BufferedImage.TYPE_INT_ARGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), parameters);
            String format = "javax_imageio_png_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", "Location");
            entry.setAttribute("value", SECRET);
            text.appendChild(entry);
            root.appendChild(text);
            metadata.setFromTree(format, root);
            return write(writer, new IIOImage(image, null, metadata), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** Returns a small JPEG without metadata. */
    public static byte[] jpeg() {
        return encode(picture(64, 48, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /**
     * Returns a JPEG with four colour components (CMYK), as print software saves photos: the JDK's
     * writer stores a four-band raster as such.
     */
    public static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] { x % 256, y % 256, 40, 10 });
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            return write(writer, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** Returns a small greyscale JPEG, one colour component. */
    public static byte[] greyJpeg() {
        return encode(picture(64, 48, BufferedImage.TYPE_BYTE_GRAY), "jpeg");
    }

    public static byte[] gif() {
        return encode(picture(32, 32, BufferedImage.TYPE_INT_RGB), "gif");
    }

    /** Returns a minimal PDF file, as a document saved under a .jpg name would begin. */
    public static byte[] pdf() {
        return "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns a JPEG whose frame header (SOF0) declares {@code width} × {@code height}, while its data is that of a tiny image. */
    public static byte[] jpegDeclaring(int width, int height) {
        byte[] jpeg = jpeg();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("The JPEG writer wrote no SOF0 segment");
    }

    /** Returns a PNG whose IHDR declares {@code width} × {@code height} while its IDAT contains a few bytes, like a decompression bomb's header. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
        ByteBuffer header = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
        header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", new byte[] { 0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 });
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** Returns the markers of a JPEG's segments before the image data (such as E0 for APP0 JFIF, E1 for APP1 EXIF). */
    public static List<Integer> jpegMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int offset = 2;
        while (offset + 4 <= jpeg.length && (jpeg[offset] & 0xFF) == 0xFF) {
            int marker = jpeg[offset + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            offset += 2 + (((jpeg[offset + 2] & 0xFF) << 8) | (jpeg[offset + 3] & 0xFF));
        }
        return markers;
    }

    /** Returns the chunk types of a PNG, in order. */
    public static List<String> pngChunks(byte[] png) {
        List<String> chunks = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
        int offset = 8;
        while (offset + 8 <= png.length) {
            int length = buffer.getInt(offset);
            chunks.add(new String(png, offset + 4, 4, StandardCharsets.US_ASCII));
            offset += 12 + length;
        }
        return chunks;
    }

    public static boolean contains(byte[] content, String text) {
        return new String(content, StandardCharsets.ISO_8859_1).contains(text);
    }

    /** EXIF (TIFF, little-endian): IFD0 with ImageDescription and a GPS IFD pointer; GPS IFD with latitude 52° 22' N. */
    private static byte[] exifWithGps() {
        byte[] description = (SECRET + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: two entries, then the next-IFD offset 0; data follows at 38.
        int descriptionOffset = 38;
        int gpsOffset = descriptionOffset + description.length;
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010E).putShort((short) 2).putInt(description.length).putInt(descriptionOffset);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsOffset);
        tiff.putInt(0);
        tiff.put(description);
        // GPS IFD: GPSLatitudeRef "N", GPSLatitude 52/1 22/1 0/1; the rationals follow the IFD.
        int rationalsOffset = gpsOffset + 2 + 2 * 12 + 4;
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(rationalsOffset);
        tiff.putInt(0);
        tiff.putInt(52).putInt(1).putInt(22).putInt(1).putInt(0).putInt(1);

        ByteArrayOutputStream exif = new ByteArrayOutputStream();
        exif.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        exif.write(tiff.array(), 0, tiff.position());
        return exif.toByteArray();
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(40, 120, 200, 255));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(new Color(250, 200, 40, 128));
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam parameters) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, image, parameters);
        }
        return bytes.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
