package nl.clientapp.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * Counts consecutive wrong PINs of a device with an atomic increment, so parallel attempts all
 * count, and destroys the device registration at the configured maximum (5). PIN logins and PIN
 * confirmations of sensitive actions share the count.
 */
@ApplicationScoped
class WrongPins {

    private static final Logger LOG = Logger.getLogger(WrongPins.class);

    @Inject
    EntityManager entityManager;

    @Inject
    AuthConfig config;

    @Inject
    LoginSessions sessions;

    @Transactional(Transactional.TxType.MANDATORY)
    void count(UUID deviceId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> counts = entityManager.createNativeQuery("""
                update device set failed_pin_attempts = failed_pin_attempts + 1
                 where id = :id and destroyed_at is null
                returning failed_pin_attempts
                """)
                .setParameter("id", deviceId)
                .getResultList();
        if (counts.isEmpty()) {
            return;
        }
        int failed = counts.get(0).intValue();
        LOG.infof("Wrong PIN on device %s, %d in a row", deviceId, failed);
        if (failed >= config.maxFailedPins()) {
            entityManager.createNativeQuery("update device set destroyed_at = :now where id = :id and destroyed_at is null")
                    .setParameter("now", now)
                    .setParameter("id", deviceId)
                    .executeUpdate();
            sessions.revokeDevice(deviceId, "TOO_MANY_WRONG_PINS");
            LOG.warnf("Destroyed device %s after %d wrong PINs", deviceId, failed);
        }
    }
}
