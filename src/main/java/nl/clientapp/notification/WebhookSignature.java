package nl.clientapp.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import nl.clientapp.common.SecureTokens;

/**
 * Signatures per the Standard Webhooks specification: the secret is {@code whsec_} followed by the
 * base64 key, and {@code webhook-signature} is {@code v1,} followed by the base64 HMAC-SHA256 of
 * {@code {webhook-id}.{webhook-timestamp}.{body}}.
 */
public final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";
    /** Key lengths the specification allows: 24 to 64 bytes. */
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;

    private WebhookSignature() {
    }

    /** Returns a new random secret with a 32-byte key. */
    static String newSecret() {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(SecureTokens.randomBytes(32));
    }

    /** Whether {@code secret} is {@code whsec_} with a base64 key of 24 to 64 bytes. */
    static boolean isValidSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length;
            return length >= MIN_KEY_BYTES && length <= MAX_KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Returns the {@code webhook-signature} header value. */
    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
