package nl.clientapp.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.ProblemException;

/**
 * Later logins on a registered device: the PIN plus the device key's signature over a fresh,
 * single-use challenge. Without the device key a PIN is useless, and a bad signature does not
 * count as a PIN attempt. Consecutive wrong PINs are counted with an atomic increment, so
 * parallel attempts all count. The fifth destroys the device registration.
 */
@ApplicationScoped
class PinLoginService {

    private static final int CHALLENGE_BYTES = 32;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    AuthConfig config;

    @Inject
    PinHasher pinHasher;

    @Inject
    PinLoginSteps steps;

    /** Issues a challenge; unknown device ids get one too, so the response reveals nothing. */
    @Transactional
    AuthViews.Challenge issueChallenge(UUID deviceId) {
        Instant now = DatabaseTime.now(clock);
        UUID challengeId = UUID.randomUUID();
        byte[] challenge = SecureTokens.randomBytes(CHALLENGE_BYTES);
        Instant expiresAt = now.plus(config.challengeLifetime());
        entityManager.createNativeQuery("""
                insert into login_challenge (id, device_id, challenge, created_at, expires_at)
                values (:id, :device, :challenge, :now, :expires)
                """)
                .setParameter("id", challengeId)
                .setParameter("device", deviceId)
                .setParameter("challenge", challenge)
                .setParameter("now", now)
                .setParameter("expires", expiresAt)
                .executeUpdate();
        return new AuthViews.Challenge(challengeId, Base64.getEncoder().encodeToString(challenge), expiresAt);
    }

    /**
     * Starts a session when the challenge is valid, the signature verifies and the PIN is right.
     *
     * <p>The Argon2 check runs between two short transactions and holds no database connection or
     * lock. The first transaction checks the failure limits, consumes the challenge, reads the
     * device and verifies the signature. It then counts a failure in advance, so parallel logins
     * see the failure limits exactly. The second transaction counts a wrong PIN, or resets the
     * count, starts the session and takes the advance failure back.
     *
     * <p>Every failure counts against the per-IP and per-device failure limits.
     *
     * @throws ProblemException one generic 401 for every failure: unknown or destroyed device,
     *         used or expired challenge, bad signature, wrong PIN, device destroyed during the PIN
     *         check. 429 when a failure limit is reached. 503 {@code server-busy} when no Argon2
     *         run was free in time; that counts as no failure
     */
    AuthViews.Tokens login(AuthRequests.PinLogin request, String ipAddress) {
        PinLoginSteps.PinCheck check = steps.startPinCheck(request, ipAddress);
        boolean rightPin;
        try {
            rightPin = pinHasher.matches(request.pin(), check.pinHash());
        } catch (ProblemException busy) {
            steps.abandonPinCheck(check);
            throw busy;
        }
        return steps.finishPinCheck(check, rightPin);
    }
}
