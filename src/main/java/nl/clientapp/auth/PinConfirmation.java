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

/**
 * Confirms a sensitive action, such as erasing the account, with the PIN of the device the
 * caller's login session runs on. An unlocked phone with the app open is then not enough, because
 * the PIN is not stored on the phone. Wrong PINs count towards the same limit as PIN logins: the
 * fifth in a row destroys the device registration and revokes its sessions.
 */
@ApplicationScoped
public class PinConfirmation {

    private static final Logger LOG = Logger.getLogger(PinConfirmation.class);

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    PinHasher pinHasher;

    @Inject
    WrongPins wrongPins;

    /**
     * Checks {@code pin} against the device of the session, in a transaction of its own, so a
     * wrong PIN stays counted when the caller's work rolls back.
     *
     * @throws ProblemException 403 pin-confirmation-failed when the PIN is wrong or the session has
     *         no active device
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = ProblemException.class)
    public void confirm(UUID userId, UUID sessionId, String pin) {
        Instant now = DatabaseTime.now(clock);
        @SuppressWarnings("unchecked")
        List<Object[]> devices = entityManager.createNativeQuery("""
                select d.id, d.pin_hash
                  from login_session s
                  join device d on d.id = s.device_id
                 where s.id = :session and s.user_id = :user and s.revoked_at is null and d.destroyed_at is null
                   for update of d
                """)
                .setParameter("session", sessionId)
                .setParameter("user", userId)
                .getResultList();
        if (devices.isEmpty()) {
            throw confirmationFailed();
        }
        UUID deviceId = (UUID) devices.get(0)[0];

        if (!pinHasher.matches(pin, (String) devices.get(0)[1])) {
            wrongPins.count(deviceId, now);
            LOG.infof("PIN confirmation on device %s failed", deviceId);
            throw confirmationFailed();
        }
        entityManager.createNativeQuery("update device set failed_pin_attempts = 0 where id = :id")
                .setParameter("id", deviceId)
                .executeUpdate();
    }

    private static ProblemException confirmationFailed() {
        return new ProblemException(403, "pin-confirmation-failed");
    }
}
