package nl.clientapp.terms;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads and sets terms-related rows directly in the database, for checks the API does not show. */
@ApplicationScoped
public class TermsRecords {

    @Inject
    EntityManager entityManager;

    /** Returns the acceptance times stored for a user and version: none, or exactly one. */
    @Transactional
    public List<Instant> acceptances(UUID userId, UUID versionId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = entityManager.createNativeQuery(
                "select accepted_at from terms_acceptance where user_id = :user and terms_version_id = :version")
                .setParameter("user", userId)
                .setParameter("version", versionId)
                .getResultList();
        return rows.stream().map(TermsRows::toInstant).toList();
    }

    @Transactional
    public void setLanguage(UUID userId, String language) {
        entityManager.createNativeQuery("update app_user set language = :language where id = :id")
                .setParameter("language", language)
                .setParameter("id", userId)
                .executeUpdate();
    }

    @Transactional
    public void revokeSessions(UUID userId) {
        entityManager.createNativeQuery("update login_session set revoked_at = now(), revoke_reason = 'LOGOUT' where user_id = :id")
                .setParameter("id", userId)
                .executeUpdate();
    }

    /** Returns the e-mail address of a user made by TestAppUsers. */
    public static String emailOf(UUID userId) {
        return "user-" + userId + "@example.test";
    }
}
