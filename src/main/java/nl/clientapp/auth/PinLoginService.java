package nl.clientapp.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.throttle.Throttle;

/**
 * Later logins on a registered device: the PIN plus the device key's signature over a fresh,
 * single-use challenge. Without the device key a PIN is useless, and a bad signature does not
 * count as a PIN attempt. Consecutive wrong PINs are counted with an atomic increment, so
 * parallel attempts all count. The fifth destroys the device registration.
 */
@ApplicationScoped
class PinLoginService {

    private static final Logger LOG = Logger.getLogger(PinLoginService.class);
    private static final int CHALLENGE_BYTES = 32;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    AuthConfig config;

    @Inject
    LoginMetrics loginMetrics;

    @Inject
    PinHasher pinHasher;

    @Inject
    LoginSessions sessions;

    @Inject
    WrongPins wrongPins;

    @Inject
    Throttle throttle;

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
     * Every failure counts against the per-IP and per-device failure limits.
     *
     * @throws ProblemException one generic 401 for every failure: unknown or destroyed device,
     *         used or expired challenge, bad signature, wrong PIN. 429 when a failure limit is reached
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    AuthViews.Tokens login(AuthRequests.PinLogin request, String ipAddress) {
        Throttle.Failures failures;
        try {
            failures = throttle.checkFailures("pinLogin", ipAddress, "device:" + request.deviceId());
        } catch (ProblemException e) {
            loginMetrics.record(LoginMetrics.Outcome.THROTTLED);
            throw e;
        }
        try {
            AuthViews.Tokens tokens = verifiedLogin(request);
            loginMetrics.record(LoginMetrics.Outcome.SUCCESS);
            return tokens;
        } catch (ProblemException e) {
            failures.count();
            throw e;
        }
    }

    private AuthViews.Tokens verifiedLogin(AuthRequests.PinLogin request) {
        Instant now = DatabaseTime.now(clock);
        byte[] challenge = consumeChallenge(request.challengeId(), request.deviceId(), now);
        @SuppressWarnings("unchecked")
        List<Object[]> devices = entityManager.createNativeQuery(
                "select user_id, public_key, pin_hash from device where id = :id and destroyed_at is null")
                .setParameter("id", request.deviceId())
                .getResultList();
        if (devices.isEmpty()) {
            throw loginFailed(LoginMetrics.Outcome.UNKNOWN_DEVICE);
        }
        UUID userId = (UUID) devices.get(0)[0];
        byte[] publicKey = (byte[]) devices.get(0)[1];
        String pinHash = (String) devices.get(0)[2];

        if (!DeviceKeys.verify(publicKey, challenge, request.signature())) {
            LOG.infof("PIN login on device %s failed: bad signature", request.deviceId());
            throw loginFailed(LoginMetrics.Outcome.BAD_SIGNATURE);
        }
        if (!pinHasher.matches(request.pin(), pinHash)) {
            wrongPins.count(request.deviceId(), now);
            throw loginFailed(LoginMetrics.Outcome.WRONG_PIN);
        }

        resetFailedPins(request.deviceId(), now);
        LOG.infof("PIN login on device %s of user %s", request.deviceId(), userId);
        return sessions.start(userId, request.deviceId());
    }

    private byte[] consumeChallenge(UUID challengeId, UUID deviceId, Instant now) {
        @SuppressWarnings("unchecked")
        List<byte[]> challenges = entityManager.createNativeQuery("""
                update login_challenge set used_at = :now
                 where id = :id and device_id = :device and used_at is null and expires_at > :now
                returning challenge
                """)
                .setParameter("now", now)
                .setParameter("id", challengeId)
                .setParameter("device", deviceId)
                .getResultList();
        if (challenges.isEmpty()) {
            throw loginFailed(LoginMetrics.Outcome.INVALID_CHALLENGE);
        }
        return challenges.get(0);
    }

    /** Resets the count after a right PIN; fails when wrong PINs destroyed the device meanwhile. */
    private void resetFailedPins(UUID deviceId, Instant now) {
        int updated = entityManager.createNativeQuery("""
                update device set failed_pin_attempts = 0, last_login_at = :now where id = :id and destroyed_at is null
                """)
                .setParameter("now", now)
                .setParameter("id", deviceId)
                .executeUpdate();
        if (updated == 0) {
            throw loginFailed(LoginMetrics.Outcome.UNKNOWN_DEVICE);
        }
    }

    private ProblemException loginFailed(LoginMetrics.Outcome outcome) {
        loginMetrics.record(outcome);
        return new ProblemException(401, "login-failed");
    }
}
