package nl.clientapp.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.throttle.Throttle;

/**
 * The two transactions of a PIN login, before and after the Argon2 check that {@link PinLoginService}
 * runs between them. Both commit when they throw a {@link ProblemException}, so every failure stays
 * counted.
 */
@ApplicationScoped
class PinLoginSteps {

    private static final Logger LOG = Logger.getLogger(PinLoginSteps.class);

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    LoginMetrics loginMetrics;

    @Inject
    LoginSessions sessions;

    @Inject
    WrongPins wrongPins;

    @Inject
    Throttle throttle;

    /** A device that passed the checks before its PIN, and the failure counted in advance for that PIN. */
    record PinCheck(UUID deviceId, UUID userId, String pinHash, Throttle.Reservation failure) {
    }

    /**
     * Checks the failure limits, consumes the challenge, reads the device and verifies the
     * signature, then counts a failure in advance for the PIN check.
     *
     * @throws ProblemException 401 for an unknown or destroyed device, a used or expired challenge
     *         or a bad signature, counted as a failure; 429 when a failure limit is reached
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    PinCheck startPinCheck(AuthRequests.PinLogin request, String ipAddress) {
        Throttle.Failures failures;
        try {
            failures = throttle.checkFailures("pinLogin", ipAddress, "device:" + request.deviceId());
        } catch (ProblemException e) {
            loginMetrics.record(LoginMetrics.Outcome.THROTTLED);
            throw e;
        }
        try {
            return verifiedDevice(request, failures);
        } catch (ProblemException e) {
            failures.count();
            throw e;
        }
    }

    private PinCheck verifiedDevice(AuthRequests.PinLogin request, Throttle.Failures failures) {
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
        return new PinCheck(request.deviceId(), userId, pinHash, failures.reserve());
    }

    /**
     * Counts a wrong PIN, or resets the count and starts the session. The failure counted in
     * advance is taken back only when the session starts.
     *
     * @throws ProblemException 401 for a wrong PIN, or for a right PIN on a device that wrong PINs
     *         destroyed during the check
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    AuthViews.Tokens finishPinCheck(PinCheck check, boolean rightPin) {
        Instant now = DatabaseTime.now(clock);
        if (!rightPin) {
            wrongPins.count(check.deviceId(), now);
            throw loginFailed(LoginMetrics.Outcome.WRONG_PIN);
        }

        resetFailedPins(check.deviceId(), now);
        throttle.cancel(check.failure());
        LOG.infof("PIN login on device %s of user %s", check.deviceId(), check.userId());
        AuthViews.Tokens tokens = sessions.start(check.userId(), check.deviceId());
        loginMetrics.record(LoginMetrics.Outcome.SUCCESS);
        return tokens;
    }

    /**
     * Takes back the failure counted in advance when the PIN could not be checked because the
     * server was busy. The challenge stays used, so the app requests a new one.
     */
    @Transactional
    void abandonPinCheck(PinCheck check) {
        throttle.cancel(check.failure());
        LOG.infof("PIN login on device %s not checked: server busy", check.deviceId());
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

    /** Resets the count after a right PIN; fails when wrong PINs destroyed the device during the check. */
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
