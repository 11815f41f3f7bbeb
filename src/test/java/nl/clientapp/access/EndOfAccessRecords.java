package nl.clientapp.access;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads and sets end-of-access rows directly in the database, for the end-of-access tests. */
@ApplicationScoped
public class EndOfAccessRecords {

    @Inject
    EntityManager entityManager;

    @Transactional
    public UUID membershipId(UUID userId, UUID clientId) {
        return (UUID) entityManager.createNativeQuery("select id from membership where user_id = :user and client_id = :client")
                .setParameter("user", userId)
                .setParameter("client", clientId)
                .getSingleResult();
    }

    /** Returns status, end_reason and ended_by of a membership. */
    @Transactional
    public Object[] membership(UUID membershipId) {
        return (Object[]) entityManager.createNativeQuery("select status, end_reason, ended_by from membership where id = :id")
                .setParameter("id", membershipId)
                .getSingleResult();
    }

    @Transactional
    public String email(UUID userId) {
        return (String) entityManager.createNativeQuery("select email from app_user where id = :id")
                .setParameter("id", userId)
                .getSingleResult();
    }

    @Transactional
    public void setLanguage(UUID userId, String language) {
        entityManager.createNativeQuery("update app_user set language = :language where id = :id")
                .setParameter("language", language)
                .setParameter("id", userId)
                .executeUpdate();
    }

    /** Returns the e-mail addresses of the client's members. */
    @Transactional
    public List<String> memberEmails(UUID clientId) {
        @SuppressWarnings("unchecked")
        List<String> emails = entityManager.createNativeQuery("""
                select u.email from membership m join app_user u on u.id = m.user_id where m.client_id = :client""")
                .setParameter("client", clientId)
                .getResultList();
        return emails;
    }

    /** Counts the notices of one kind recorded for the client's memberships. */
    @Transactional
    public long notices(UUID clientId, String kind) {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from access_end_notice n join membership m on m.id = n.membership_id
                 where m.client_id = :client and n.kind = :kind""")
                .setParameter("client", clientId)
                .setParameter("kind", kind)
                .getSingleResult()).longValue();
    }

    /** Returns the recorded reason of the user's misuse blocks. */
    @Transactional
    public List<String> blockReasons(UUID userId) {
        @SuppressWarnings("unchecked")
        List<String> reasons = entityManager.createNativeQuery("select reason from access_block where user_id = :user")
                .setParameter("user", userId)
                .getResultList();
        return reasons;
    }

    /** Counts the user's login sessions that are not revoked. */
    @Transactional
    public long openSessions(UUID userId) {
        return ((Number) entityManager.createNativeQuery(
                "select count(*) from login_session where user_id = :user and revoked_at is null")
                .setParameter("user", userId)
                .getSingleResult()).longValue();
    }
}
