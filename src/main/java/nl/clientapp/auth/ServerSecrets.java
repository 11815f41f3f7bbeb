package nl.clientapp.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

/**
 * Keys derived from the configured pepper, one per purpose, so the SMS code key and the PIN
 * secret are independent. Created at start, so a missing or short pepper stops the application.
 */
@Startup
@ApplicationScoped
class ServerSecrets {

    private static final int MIN_PEPPER_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    @Inject
    AuthConfig config;

    private byte[] smsCodeKey;
    private byte[] pinSecret;

    @PostConstruct
    void derive() {
        String pepper = config.pepper();
        if (pepper.length() < MIN_PEPPER_LENGTH) {
            throw new IllegalStateException("clientapp.auth.pepper is shorter than " + MIN_PEPPER_LENGTH
                    + " characters: set CLIENTAPP_AUTH_PEPPER to a long random value");
        }
        byte[] master = pepper.getBytes(StandardCharsets.UTF_8);
        smsCodeKey = hmac(master, "clientapp sms code v1".getBytes(StandardCharsets.UTF_8));
        pinSecret = hmac(master, "clientapp pin v1".getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the HMAC-SHA256 of an SMS code bound to its activation, as hex. */
    String smsCodeHash(UUID activationId, String code) {
        byte[] input = (activationId + ":" + code).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(hmac(smsCodeKey, input));
    }

    /** Returns the HMAC-SHA256 of a code e-mailed to confirm a new address, bound to its contact change, as hex. */
    String emailCodeHash(UUID contactChangeId, String code) {
        byte[] input = ("email:" + contactChangeId + ":" + code).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(hmac(smsCodeKey, input));
    }

    /**
     * Returns two digits derived from an invalid activation code, for the masked number of its
     * decoy response. The same code always shows the same digits, as a valid code would.
     */
    String decoyMaskDigits(String activationCode) {
        byte[] digest = hmac(smsCodeKey, ("decoy mask:" + activationCode).getBytes(StandardCharsets.UTF_8));
        return String.format("%02d", Byte.toUnsignedInt(digest[0]) % 100);
    }

    /** Returns the secret passed to Argon2id with every PIN. */
    byte[] pinSecret() {
        return pinSecret.clone();
    }

    private static byte[] hmac(byte[] key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(input);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
