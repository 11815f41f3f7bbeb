package nl.clientapp.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExifOrientationTest {

    private static final int MARK = 0xFF0000;

    /** Where the stored top-left pixel of a 3 × 2 image lands, and the upright size, per orientation. */
    @ParameterizedTest
    @CsvSource({ "1, 0, 0, 3, 2", "2, 2, 0, 3, 2", "3, 2, 1, 3, 2", "4, 0, 1, 3, 2",
            "5, 0, 0, 2, 3", "6, 1, 0, 2, 3", "7, 1, 2, 2, 3", "8, 0, 2, 2, 3" })
    void orientation_moves_corner_pixel(int orientation, int x, int y, int width, int height) {
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, MARK);

        BufferedImage upright = ExifOrientation.apply(stored, orientation, BufferedImage.TYPE_INT_RGB);

        assertEquals(width, upright.getWidth());
        assertEquals(height, upright.getHeight());
        assertEquals(MARK, upright.getRGB(x, y) & 0xFFFFFF);
    }

    @ParameterizedTest
    @CsvSource({ "II, 6, 6", "MM, 8, 8", "II, 0, 1", "II, 9, 1", "XX, 6, 1" })
    void orientation_read_from_exif(String byteOrder, int value, int expected) {
        ByteOrder order = byteOrder.equals("MM") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer exif = ByteBuffer.allocate(6 + 26).order(order);
        exif.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        exif.put(byteOrder.getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        exif.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) value).putShort((short) 0);
        exif.putInt(0);

        assertEquals(expected, ExifOrientation.fromExif(exif.array()));
    }

    @ParameterizedTest
    @CsvSource({ "6", "20", "40" })
    void truncated_exif_reads_as_normal(int length) {
        byte[] truncated = new byte[length];
        System.arraycopy("Exif\0\0II".getBytes(StandardCharsets.US_ASCII), 0, truncated, 0, Math.min(8, length));

        assertEquals(ExifOrientation.NORMAL, ExifOrientation.fromExif(truncated));
    }
}
