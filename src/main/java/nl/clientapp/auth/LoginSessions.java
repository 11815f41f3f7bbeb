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

import io.quarkus.security.UnauthorizedException;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.throttle.Throttle;

/**
 * Starts, refreshes and revokes login sessions. A session has one valid refresh token at a time:
 * each refresh marks the token used and issues the next. Presenting a used token again means it
 * was copied, so the whole session and every token it issued are revoked.
 */
@ApplicationScoped
class LoginSessions {

    private static final Logger LOG = Logger.getLogger(LoginSessions.class);
    /** 32 random bytes: 256 bits. */
    private static final int REFRESH_TOKEN_BYTES = 32;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    AuthConfig config;

    @Inject
    AccessTokens accessTokens;

    @Inject
    Throttle throttle;

    /** Starts a session on a device and returns its first tokens. */
    @Transactional(Transactional.TxType.MANDATORY)
    AuthViews.Tokens start(UUID userId, UUID deviceId) {
        UUID sessionId = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into login_session (id, user_id, device_id, created_at) values (:id, :user, :device, :now)
                """)
                .setParameter("id", sessionId)
                .setParameter("user", userId)
                .setParameter("device", deviceId)
                .setParameter("now", DatabaseTime.now(clock))
                .executeUpdate();
        LOG.infof("Started login session %s for user %s on device %s", sessionId, userId, deviceId);
        return tokens(userId, sessionId, deviceId);
    }

    /**
     * Exchanges a refresh token for new tokens. Of parallel requests with one token exactly one
     * succeeds, because the token is marked used by a conditional UPDATE.
     *
     * @throws UnauthorizedException for an unknown, expired, used or revoked token. A used token also revokes its
     *         session. Each counts against the per-IP failure limit
     * @throws ProblemException 429 when the client IP address reached the failure limit
     */
    @Transactional(dontRollbackOn = UnauthorizedException.class)
    AuthViews.Tokens refresh(String refreshToken, String ipAddress) {
        Throttle.Failures failures = throttle.checkFailures("refreshTokens", ipAddress, null);
        Instant now = DatabaseTime.now(clock);
        String hash = SecureTokens.sha256Hex(refreshToken);
        @SuppressWarnings("unchecked")
        List<Object[]> consumed = entityManager.createNativeQuery("""
                update refresh_token r set used_at = :now
                  from login_session s
                 where r.token_hash = :hash and r.used_at is null and r.expires_at > :now
                   and s.id = r.session_id and s.revoked_at is null
                returning r.session_id, s.user_id
                """)
                .setParameter("now", now)
                .setParameter("hash", hash)
                .getResultList();
        if (consumed.isEmpty()) {
            revokeIfReplayed(hash);
            failures.count();
            throw new UnauthorizedException();
        }

        UUID sessionId = (UUID) consumed.get(0)[0];
        UUID userId = (UUID) consumed.get(0)[1];
        return tokens(userId, sessionId, null);
    }

    /** Revokes a session; its access tokens stop working on the next request and its refresh token too. */
    @Transactional
    void revoke(UUID sessionId, String reason) {
        entityManager.createNativeQuery("""
                update login_session set revoked_at = :now, revoke_reason = :reason where id = :id and revoked_at is null
                """)
                .setParameter("now", DatabaseTime.now(clock))
                .setParameter("reason", reason)
                .setParameter("id", sessionId)
                .executeUpdate();
        LOG.infof("Revoked login session %s: %s", sessionId, reason);
    }

    /** Revokes every session of a device, when the device registration is destroyed. */
    @Transactional(Transactional.TxType.MANDATORY)
    void revokeDevice(UUID deviceId, String reason) {
        int revoked = entityManager.createNativeQuery("""
                update login_session set revoked_at = :now, revoke_reason = :reason
                 where device_id = :device and revoked_at is null
                """)
                .setParameter("now", DatabaseTime.now(clock))
                .setParameter("reason", reason)
                .setParameter("device", deviceId)
                .executeUpdate();
        LOG.infof("Revoked %d login sessions of device %s: %s", revoked, deviceId, reason);
    }

    private void revokeIfReplayed(String hash) {
        @SuppressWarnings("unchecked")
        List<UUID> sessions = entityManager.createNativeQuery(
                "select session_id from refresh_token where token_hash = :hash and used_at is not null")
                .setParameter("hash", hash)
                .getResultList();
        for (UUID sessionId : sessions) {
            LOG.warnf("A used refresh token of login session %s was presented again", sessionId);
            revoke(sessionId, "REFRESH_TOKEN_REUSED");
        }
    }

    private AuthViews.Tokens tokens(UUID userId, UUID sessionId, UUID deviceId) {
        Instant now = DatabaseTime.now(clock);
        String refreshToken = SecureTokens.randomToken(REFRESH_TOKEN_BYTES);
        entityManager.createNativeQuery("""
                insert into refresh_token (id, session_id, token_hash, created_at, expires_at)
                values (:id, :session, :hash, :now, :expires)
                """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("session", sessionId)
                .setParameter("hash", SecureTokens.sha256Hex(refreshToken))
                .setParameter("now", now)
                .setParameter("expires", now.plus(config.refreshTokenLifetime()))
                .executeUpdate();
        return new AuthViews.Tokens(deviceId, accessTokens.issue(userId, sessionId), refreshToken,
                accessTokens.lifetimeSeconds(), "Bearer");
    }
}
