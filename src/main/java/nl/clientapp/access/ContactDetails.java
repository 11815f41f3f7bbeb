package nl.clientapp.access;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.notification.Outbox;

/**
 * An app user's mobile number and e-mail address: their normal form, the rule that one e-mail
 * address belongs to one account, and the change itself with its notices. Both the user's own
 * confirmed change and the organisation's correction apply it here, so every change notifies the
 * old number and the old address: someone who changed them without the user's consent does not go
 * unnoticed. Its methods run in the caller's transaction and leave to the caller whether a
 * refusal (a {@link ProblemException}) rolls it back.
 */
@ApplicationScoped
public class ContactDetails {

    private static final Logger LOG = Logger.getLogger(ContactDetails.class);

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    MobileNumbers mobileNumbers;

    @Inject
    Outbox outbox;

    /** The stored contact details of a user, before a change. */
    public record Current(String mobile, String email, String language) {
    }

    /** The outcome of {@link #apply}: which values changed. */
    public record Applied(boolean mobileChanged, boolean emailChanged) {

        public boolean anything() {
            return mobileChanged || emailChanged;
        }
    }

    /**
     * Returns the E.164 form of a mobile number typed in any common notation.
     *
     * @param field the request field named in the error
     * @throws ProblemException 400 with a field error in {@code locale} when it is no mobile number
     *         or its country is not allowed
     */
    public String normaliseMobile(String input, String field, Locale locale) {
        MobileNumbers.Result result = mobileNumbers.normalise(input);
        if (result.rejection() == null) {
            return result.e164();
        }
        String key = result.rejection() == MobileNumbers.Rejection.REGION_NOT_ALLOWED
                ? "member.mobile.region-not-allowed"
                : "member.mobile.not-mobile";
        throw ProblemException.invalidFields(List.of(new Problem.FieldError(field, Messages.get(locale, key))));
    }

    /** Returns the stored form of an e-mail address: trimmed and lower case, so addresses compare case-insensitively. */
    public static String normaliseEmail(String input) {
        return input.trim().toLowerCase(Locale.ROOT);
    }

    /** Returns the first character of the address, "***" and the domain, for example "a***@example.nl". */
    public static String maskEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /**
     * Serialises, until the transaction ends, every check and write of one e-mail address, so two
     * accounts never both pass the check for the same new address.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockEmail(String normalisedEmail) {
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) as locked")
                .setParameter("key", "app_user.email:" + normalisedEmail)
                .getSingleResult();
    }

    /**
     * Checks that no other account uses the address. The problem body is identical for every
     * other account, and nothing is sent to that account.
     *
     * @throws ProblemException 409 {@code contact-in-use}
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public void requireEmailFree(UUID userId, String normalisedEmail) {
        Number others = (Number) entityManager.createNativeQuery(
                "select count(*) from app_user where email = :email and id <> :user")
                .setParameter("email", normalisedEmail)
                .setParameter("user", userId)
                .getSingleResult();
        if (others.longValue() > 0) {
            throw new ProblemException(409, "contact-in-use");
        }
    }

    /** Reads the user's contact details and locks the user's row until the transaction ends. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public Current lockCurrent(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select mobile, email, language from app_user where id = :id and erased_at is null for update")
                .setParameter("id", userId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound();
        }
        Object[] row = rows.get(0);
        return new Current((String) row[0], (String) row[1], (String) row[2]);
    }

    /**
     * Sets a new mobile number and/or e-mail address (null keeps the value) and queues, in this
     * transaction, an SMS to the old number and an e-mail to the old address for each value that
     * changed. Open contact changes of the user are voided, and so are open activations when the
     * number changed, because their SMS codes went to a number that is no longer registered. Sessions and devices stay: they
     * rest on the device key and PIN, not on the contact details.
     *
     * @throws ProblemException 409 {@code contact-in-use} before anything is written, when another
     *         account uses the new e-mail address
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public Applied apply(UUID userId, String newMobile, String newEmail) {
        if (newEmail != null) {
            lockEmail(newEmail);
        }
        Current current = lockCurrent(userId);
        boolean mobileChanged = newMobile != null && !newMobile.equals(current.mobile());
        boolean emailChanged = newEmail != null && !newEmail.equals(current.email());
        if (emailChanged) {
            requireEmailFree(userId, newEmail);
        }
        if (!mobileChanged && !emailChanged) {
            return new Applied(false, false);
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entityManager.createNativeQuery("update app_user set mobile = :mobile, email = :email where id = :id")
                .setParameter("mobile", mobileChanged ? newMobile : current.mobile())
                .setParameter("email", emailChanged ? newEmail : current.email())
                .setParameter("id", userId)
                .executeUpdate();
        voidOpenCodes(userId, mobileChanged, now);

        Locale locale = RequestLanguage.fromCode(current.language());
        if (mobileChanged) {
            outbox.sms(current.mobile(), Messages.get(locale, "sms.mobile-changed"), "sms.mobile-changed");
            outbox.email(current.email(), Messages.get(locale, "mail.mobile-changed.subject"),
                    Messages.get(locale, "mail.mobile-changed.text"), "mail.mobile-changed");
        }
        if (emailChanged) {
            outbox.email(current.email(), Messages.get(locale, "mail.email-changed.subject"),
                    Messages.get(locale, "mail.email-changed.text"), "mail.email-changed");
        }
        LOG.infof("Changed the contact details of user %s: mobile number %s, e-mail address %s", userId,
                mobileChanged ? "changed" : "kept", emailChanged ? "changed" : "kept");
        return new Applied(mobileChanged, emailChanged);
    }

    private void voidOpenCodes(UUID userId, boolean mobileChanged, Instant now) {
        if (mobileChanged) {
            entityManager.createNativeQuery("""
                    update activation set voided_at = :now where user_id = :user and used_at is null and voided_at is null""")
                    .setParameter("now", now)
                    .setParameter("user", userId)
                    .executeUpdate();
        }
        entityManager.createNativeQuery("""
                update contact_change set voided_at = :now
                 where user_id = :user and confirmed_at is null and voided_at is null""")
                .setParameter("now", now)
                .setParameter("user", userId)
                .executeUpdate();
    }
}
