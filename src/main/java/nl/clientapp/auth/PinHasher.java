package nl.clientapp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import nl.clientapp.common.SecureTokens;

/**
 * Hashes PINs with Argon2id at OWASP's minimum (19 MiB memory, 2 iterations, 1 lane) plus the
 * server pepper as Argon2's secret input, and stores them as PHC strings.
 *
 * <p>At most one Argon2 run per available processor runs at a time, and further callers wait in
 * arrival order. Each run keeps 19 MiB live and one core busy, so more parallel runs would only
 * add heap and garbage collection work without finishing sooner.
 *
 * <p>NOTE: {@link PinConfirmation} still calls {@link #matches} inside its transaction, so there a
 * wait for a permit holds a pooled connection and the locked device row.
 */
@ApplicationScoped
class PinHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Permits for Argon2 runs; package-private so tests can hold the runs back. */
    final Semaphore runs = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    @Inject
    ServerSecrets secrets;

    /** Returns the PHC string of a new salted, peppered hash of {@code pin}. */
    String hash(String pin) {
        byte[] salt = SecureTokens.randomBytes(SALT_BYTES);
        return PREFIX + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(argon2(pin, salt));
    }

    /** Checks {@code pin} against a PHC string made by {@link #hash}, in constant time. */
    boolean matches(String pin, String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Stored PIN hash has unexpected Argon2 parameters");
        }
        String[] saltAndHash = stored.substring(PREFIX.length()).split("\\$");
        byte[] expected = DECODER.decode(saltAndHash[1]);
        return MessageDigest.isEqual(expected, argon2(pin, DECODER.decode(saltAndHash[0])));
    }

    private byte[] argon2(String pin, byte[] salt) {
        try {
            runs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to run Argon2", e);
        }
        try {
            return boundedArgon2(pin, salt);
        } finally {
            runs.release();
        }
    }

    private byte[] boundedArgon2(String pin, byte[] salt) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(MEMORY_KIB)
                .withIterations(ITERATIONS)
                .withParallelism(PARALLELISM)
                .withSalt(salt)
                .withSecret(secrets.pinSecret())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[HASH_BYTES];
        generator.generateBytes(pin.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }
}
