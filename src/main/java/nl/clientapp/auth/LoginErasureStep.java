package nl.clientapp.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import nl.clientapp.privacy.AccountErasure;
import nl.clientapp.privacy.AccountErasureStep;

/**
 * Ends every way into an erased account: revokes its login sessions, so access tokens already
 * issued are refused on the next request, deletes its refresh tokens and PIN-login challenges,
 * voids pending SMS codes, deletes pending contact changes with their new number or address, and destroys its devices with their name, public key and PIN hash
 * cleared. The rows stay as tombstones because login sessions and audit entries refer to them.
 */
@ApplicationScoped
class LoginErasureStep implements AccountErasureStep {

    /** Stored in {@code login_session.revoke_reason}. */
    static final String REVOKE_REASON = "ACCOUNT_ERASED";

    private static final Logger LOG = Logger.getLogger(LoginErasureStep.class);

    @Inject
    EntityManager entityManager;

    @Override
    public void erase(AccountErasure erasure) {
        int sessions = entityManager.createNativeQuery("""
                update login_session set revoked_at = :now, revoke_reason = :reason
                 where user_id = :user and revoked_at is null""")
                .setParameter("now", erasure.erasedAt())
                .setParameter("reason", REVOKE_REASON)
                .setParameter("user", erasure.userId())
                .executeUpdate();
        entityManager.createNativeQuery("""
                delete from refresh_token where session_id in (select id from login_session where user_id = :user)""")
                .setParameter("user", erasure.userId())
                .executeUpdate();
        entityManager.createNativeQuery("""
                delete from login_challenge where device_id in (select id from device where user_id = :user)""")
                .setParameter("user", erasure.userId())
                .executeUpdate();
        int devices = entityManager.createNativeQuery("""
                update device set destroyed_at = coalesce(destroyed_at, :now), name = null, public_key = null, pin_hash = null
                 where user_id = :user""")
                .setParameter("now", erasure.erasedAt())
                .setParameter("user", erasure.userId())
                .executeUpdate();
        entityManager.createNativeQuery("""
                update activation set voided_at = :now where user_id = :user and used_at is null and voided_at is null""")
                .setParameter("now", erasure.erasedAt())
                .setParameter("user", erasure.userId())
                .executeUpdate();
        entityManager.createNativeQuery("delete from contact_change where user_id = :user")
                .setParameter("user", erasure.userId())
                .executeUpdate();
        LOG.infof("Revoked %d login sessions and erased %d devices of user %s", sessions, devices, erasure.userId());
    }
}
