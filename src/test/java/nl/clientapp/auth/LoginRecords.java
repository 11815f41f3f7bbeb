package nl.clientapp.auth;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads what the login flow stored, so tests can check how secrets are kept. */
@ApplicationScoped
public class LoginRecords {

    @Inject
    EntityManager entityManager;

    @Transactional
    public String storedMobile(UUID userId) {
        return (String) single("select mobile from app_user where id = :id", userId);
    }

    @Transactional
    public String storedEmail(UUID userId) {
        return (String) single("select email from app_user where id = :id", userId);
    }

    /** Returns the code hashes of the user's invitations, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> invitationCodeHashes(UUID userId) {
        return entityManager.createNativeQuery("select code_hash from invitation where user_id = :id order by created_at")
                .setParameter("id", userId)
                .getResultList();
    }

    @Transactional
    public String smsCodeHash(UUID activationId) {
        return (String) single("select sms_code_hash from activation where id = :id", activationId);
    }

    @Transactional
    public String pinHash(UUID deviceId) {
        return (String) single("select pin_hash from device where id = :id", deviceId);
    }

    @Transactional
    public int failedPins(UUID deviceId) {
        return ((Number) single("select failed_pin_attempts from device where id = :id", deviceId)).intValue();
    }

    @Transactional
    public boolean deviceDestroyed(UUID deviceId) {
        return single("select destroyed_at from device where id = :id", deviceId) != null;
    }

    @Transactional
    public long sessionCount(UUID userId) {
        return ((Number) single("select count(*) from login_session where user_id = :id", userId)).longValue();
    }

    /** Returns the hashes of every refresh token issued to the user. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> refreshTokenHashes(UUID userId) {
        return entityManager.createNativeQuery("""
                select r.token_hash from refresh_token r join login_session s on s.id = r.session_id where s.user_id = :id
                """)
                .setParameter("id", userId)
                .getResultList();
    }

    @Transactional
    public boolean challengeExists(UUID challengeId) {
        return ((Number) single("select count(*) from login_challenge where id = :id", challengeId)).intValue() == 1;
    }

    /** Returns the failures counted against the per-device PIN login limit of {@code deviceId}. */
    @Transactional
    public long pinLoginFailures(UUID deviceId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from throttle_event where bucket = :bucket and subject = :subject")
                .setParameter("bucket", "failures-account:pinLogin")
                .setParameter("subject", "device:" + deviceId)
                .getSingleResult()).longValue();
    }

    /** Destroys the device registration the way the fifth wrong PIN does, without a login. */
    @Transactional
    public void destroyDevice(UUID deviceId) {
        entityManager.createNativeQuery("update device set destroyed_at = now() where id = :id").setParameter("id", deviceId).executeUpdate();
    }

    private Object single(String sql, UUID id) {
        return entityManager.createNativeQuery(sql).setParameter("id", id).getSingleResult();
    }
}
