package nl.clientapp.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The ids of the generated data set. bench/sql/generate.sql makes every id as
 * {@code md5(tag || ':' || n)::uuid}, so the driver computes the same ids without reading them.
 */
final class Ids {

    private Ids() {
    }

    static UUID of(String tag, long n) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((tag + ":" + n).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    static UUID client(long n) {
        return of("client", n);
    }

    static UUID user(long n) {
        return of("user", n);
    }

    static UUID session(long n) {
        return of("session", n);
    }

    static UUID device(long n) {
        return of("device", n);
    }
}
