package nl.clientapp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PostConstruct;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.problem.ServerBusy;

/**
 * Hashes PINs with Argon2id at OWASP's minimum (19 MiB memory, 2 iterations, 1 lane) plus the
 * server pepper as Argon2's secret input, and stores them as PHC strings.
 *
 * <p>At most {@code clientapp.auth.pin-check-concurrency} Argon2 runs (by default one per two
 * processors) run at a time, and further callers wait in arrival order, at most
 * {@code clientapp.auth.pin-check-wait}; then they get 503 {@code server-busy}. Each run keeps 19
 * MiB live and one core busy, and more parallel runs would only take the processors that the other
 * requests need, without finishing sooner.
 *
 * <p>The runs share one pool of Argon2 memory blocks, at most 19 MiB per permit, which Bouncy
 * Castle zeroes when a run returns them. Without the pool every run allocated 19,456 new 1 KiB
 * blocks that lived through young collections: under the benchmark's mixed load at 8.5 logins/s
 * the collector copied them again and again until full collections took most of the time. Pooled,
 * the blocks stay in the old generation, and since they hold no references, writing them costs the
 * collector nothing.
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

    @Inject
    ServerSecrets secrets;

    @Inject
    AuthConfig config;

    @Inject
    ServerBusy serverBusy;

    /** Permits for Argon2 runs; package-private so tests can hold the runs back. */
    Semaphore runs;

    /** Memory blocks of the runs, kept for reuse up to what all permits can hold at once. */
    private Argon2BytesGenerator.BlockPool blocks;

    @PostConstruct
    void createPermits() {
        int concurrency = config.pinCheckConcurrency().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        if (concurrency < 1) {
            throw new IllegalStateException("clientapp.auth.pin-check-concurrency must be at least 1, got " + concurrency);
        }
        runs = new Semaphore(concurrency, true);
        blocks = new Argon2BytesGenerator.FixedBlockPool(concurrency * Argon2BytesGenerator.getBlockCount(MEMORY_KIB, PARALLELISM));
    }

    /**
     * Returns the PHC string of a new salted, peppered hash of {@code pin}.
     *
     * @throws ProblemException 503 {@code server-busy} when no Argon2 run was free within {@code pin-check-wait}
     */
    String hash(String pin) {
        byte[] salt = SecureTokens.randomBytes(SALT_BYTES);
        return PREFIX + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(argon2(pin, salt));
    }

    /**
     * Checks {@code pin} against a PHC string made by {@link #hash}, in constant time.
     *
     * @throws ProblemException 503 {@code server-busy} when no Argon2 run was free within {@code pin-check-wait}
     */
    boolean matches(String pin, String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Stored PIN hash has unexpected Argon2 parameters");
        }
        String[] saltAndHash = stored.substring(PREFIX.length()).split("\\$");
        byte[] expected = DECODER.decode(saltAndHash[1]);
        return MessageDigest.isEqual(expected, argon2(pin, DECODER.decode(saltAndHash[0])));
    }

    private byte[] argon2(String pin, byte[] salt) {
        serverBusy.acquire(runs, config.pinCheckWait(), ServerBusy.Cause.PIN_CHECKS);
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
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[HASH_BYTES];
        generator.generateBytes(pin.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }
}
