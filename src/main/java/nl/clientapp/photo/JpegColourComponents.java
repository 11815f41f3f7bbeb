package nl.clientapp.photo;

/**
 * Reads the number of colour components from a JPEG's frame header (SOF marker) without decoding
 * anything: 1 is greyscale, 3 is YCbCr or RGB, and 4 is CMYK or YCCK, the print colour models that
 * Adobe software writes.
 */
final class JpegColourComponents {

    /** Components of a CMYK or YCCK image. */
    static final int CMYK = 4;

    private JpegColourComponents() {
    }

    /** Returns the component count of the first frame header, or 0 when the markers before it cannot be read. */
    static int of(byte[] jpeg) {
        int position = 2; // after SOI (FF D8)
        while (position + 4 <= jpeg.length) {
            if ((jpeg[position] & 0xFF) != 0xFF) {
                return 0;
            }
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == 0xFF) {
                position++; // fill byte before a marker
                continue;
            }
            int length = ((jpeg[position + 2] & 0xFF) << 8) | (jpeg[position + 3] & 0xFF);
            if (isFrameHeader(marker)) {
                // Segment: length (2), sample precision (1), height (2), width (2), component count (1).
                int components = position + 9;
                return components < jpeg.length ? jpeg[components] & 0xFF : 0;
            }
            if (marker == 0xD9 || marker == 0xDA || length < 2) {
                return 0; // end of image or start of scan before any frame header
            }
            position += 2 + length;
        }
        return 0;
    }

    /** SOF0 to SOF15, without DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }
}
