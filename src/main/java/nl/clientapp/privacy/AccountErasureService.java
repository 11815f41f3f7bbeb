package nl.clientapp.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.security.UnauthorizedException;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.EmailSender;

/**
 * Erases an app user's account (AVG article 17) in one transaction: every {@link AccountErasureStep}
 * runs, then the user's row loses name, e-mail address and mobile number and becomes a tombstone,
 * so audit entries and ended memberships still resolve to "deleted user". Dossier data and audit
 * entries stay: the ECD holds the care record, and the access log is kept at least 5 years.
 * After the commit the user gets a confirmation e-mail at the address that was erased.
 */
@ApplicationScoped
public class AccountErasureService {

    private static final Logger LOG = Logger.getLogger(AccountErasureService.class);

    @Inject
    @Any
    Instance<AccountErasureStep> steps;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    EmailSender emailSender;

    /**
     * Erases the account and returns the work to do after the commit; the caller runs it once
     * this method has returned.
     *
     * @throws UnauthorizedException when the session is no longer active or the account is already erased
     */
    @Transactional
    public List<Runnable> erase(UUID userId, UUID sessionId, String clientIp) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<Object[]> users = entityManager.createNativeQuery("""
                select u.email, u.language
                  from app_user u
                  join login_session s on s.user_id = u.id and s.id = :session and s.revoked_at is null
                 where u.id = :user and u.erased_at is null
                   for update of u""")
                .setParameter("user", userId)
                .setParameter("session", sessionId)
                .getResultList();
        if (users.isEmpty()) {
            throw new UnauthorizedException();
        }
        String email = (String) users.get(0)[0];
        Locale locale = RequestLanguage.fromCode((String) users.get(0)[1]);

        AccountErasure erasure = new AccountErasure(userId, sessionId, clientIp, now);
        // A fixed order, so two erasures lock rows in the same order.
        steps.stream().sorted(Comparator.comparing(step -> step.getClass().getName())).forEach(step -> step.erase(erasure));
        entityManager.createNativeQuery("""
                update app_user set name = null, email = null, mobile = null, erased_at = :now where id = :user""")
                .setParameter("now", now)
                .setParameter("user", userId)
                .executeUpdate();
        LOG.infof("Erased the account of user %s", userId);

        erasure.afterCommit(() -> sendConfirmation(userId, email, locale));
        return List.copyOf(erasure.afterCommit());
    }

    /** Tells the person their account is gone, so an erasure they did not make does not go unnoticed. */
    private void sendConfirmation(UUID userId, String email, Locale locale) {
        try {
            emailSender.send(email, Messages.get(locale, "mail.account-erased.subject"),
                    Messages.get(locale, "mail.account-erased.text"));
        } catch (RuntimeException e) {
            LOG.warnf("Sending the erasure confirmation to user %s failed: %s", userId, e.getClass().getSimpleName());
        }
    }
}
