package nl.clientapp.photo;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;

import org.w3c.dom.Node;

/**
 * The EXIF orientation of a JPEG (TIFF tag 0x0112, values 1 to 8). Phones store photos as the
 * sensor saw them and record the rotation in this tag. The pipeline applies it to the pixels
 * before it encodes the image without metadata, because an upright photo would otherwise show rotated.
 */
final class ExifOrientation {

    static final int NORMAL = 1;
    private static final int APP1 = 0xE1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

    private ExifOrientation() {
    }

    /** Returns the orientation in a JPEG's EXIF segment, or {@link #NORMAL} when there is none or it cannot be read. */
    static int read(IIOMetadata metadata) {
        if (metadata == null) {
            return NORMAL;
        }
        Node root = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!"markerSequence".equals(child.getNodeName())) {
                continue;
            }
            for (Node marker = child.getFirstChild(); marker != null; marker = marker.getNextSibling()) {
                if (marker instanceof IIOMetadataNode node && "unknown".equals(node.getNodeName())
                        && String.valueOf(APP1).equals(node.getAttribute("MarkerTag")) && node.getUserObject() instanceof byte[] app1) {
                    int orientation = fromExif(app1);
                    if (orientation != NORMAL) {
                        return orientation;
                    }
                }
            }
        }
        return NORMAL;
    }

    /** Reads tag 0x0112 from IFD0 of an APP1 payload ({@code Exif\0\0} and a TIFF structure); bounds are checked, as the bytes are untrusted. */
    static int fromExif(byte[] app1) {
        if (app1.length < EXIF_HEADER.length + 8) {
            return NORMAL;
        }
        for (int i = 0; i < EXIF_HEADER.length; i++) {
            if (app1[i] != EXIF_HEADER[i]) {
                return NORMAL;
            }
        }
        ByteBuffer tiff = ByteBuffer.wrap(app1, EXIF_HEADER.length, app1.length - EXIF_HEADER.length).slice();
        if (tiff.get(0) == 'I' && tiff.get(1) == 'I') {
            tiff.order(ByteOrder.LITTLE_ENDIAN);
        } else if (tiff.get(0) == 'M' && tiff.get(1) == 'M') {
            tiff.order(ByteOrder.BIG_ENDIAN);
        } else {
            return NORMAL;
        }
        long ifd = Integer.toUnsignedLong(tiff.getInt(4));
        if (ifd + 2 > tiff.limit()) {
            return NORMAL;
        }
        int entries = Short.toUnsignedInt(tiff.getShort((int) ifd));
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > tiff.limit()) {
                return NORMAL;
            }
            if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG) {
                int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    /** Returns the image turned and mirrored as the orientation value requires, so that it shows upright without the tag. */
    static BufferedImage apply(BufferedImage image, int orientation, int imageType) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int width = image.getWidth();
        int height = image.getHeight();
        // Transforms compose so that the last call applies first; each case maps the stored pixels to upright ones.
        AffineTransform transform = new AffineTransform();
        switch (orientation) {
            case 2 -> {
                transform.translate(width, 0);
                transform.scale(-1, 1);
            }
            case 3 -> {
                transform.translate(width, height);
                transform.rotate(Math.PI);
            }
            case 4 -> {
                transform.translate(0, height);
                transform.scale(1, -1);
            }
            case 5 -> {
                transform.rotate(-Math.PI / 2);
                transform.scale(-1, 1);
            }
            case 6 -> {
                transform.translate(height, 0);
                transform.rotate(Math.PI / 2);
            }
            case 7 -> {
                transform.translate(height, width);
                transform.scale(-1, -1);
                transform.rotate(-Math.PI / 2);
                transform.scale(-1, 1);
            }
            default -> {
                transform.translate(0, width);
                transform.rotate(-Math.PI / 2);
            }
        }
        boolean swapsSides = orientation >= 5;
        BufferedImage upright = new BufferedImage(swapsSides ? height : width, swapsSides ? width : height, imageType);
        Graphics2D graphics = upright.createGraphics();
        try {
            graphics.drawImage(image, transform, null);
        } finally {
            graphics.dispose();
        }
        return upright;
    }
}
