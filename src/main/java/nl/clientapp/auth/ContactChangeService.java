package nl.clientapp.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nl.clientapp.access.ContactDetails;
import nl.clientapp.access.MobileNumbers;
import nl.clientapp.audit.ActorType;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.throttle.Throttle;
import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.SmsConfig;
import nl.clientapp.notification.SmsFailedException;
import nl.clientapp.notification.SmsSender;

/**
 * An app user's change of their own mobile number or e-mail address. The request
 * sends an SMS code: to the new number for a new number, to the registered number for a new
 * e-mail address, which also gets a code of its own. The change applies when the codes come back
 * with the PIN of the device, through {@link ContactDetails#apply}, which notifies the old number and
 * address. The SMS codes follow the rules of login codes: 6 digits, valid 5 minutes, usable once,
 * bound to the requesting session, 3 wrong entries void them, and the same throttles.
 */
@ApplicationScoped
class ContactChangeService {

    /** Event of the audit entry written per client the user follows, when a change applies. */
    static final String AUDIT_EVENT = "account.contact-change";

    private static final Logger LOG = Logger.getLogger(ContactChangeService.class);
    private static final String MOBILE = "MOBILE";
    private static final String EMAIL = "EMAIL";

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    AuthConfig config;

    @Inject
    ServerSecrets secrets;

    @Inject
    SmsThrottle smsThrottle;

    @Inject
    Throttle throttle;

    @Inject
    SmsCodeMessage smsCodeMessage;

    @Inject
    SmsSender smsSender;

    @Inject
    SmsConfig smsConfig;

    @Inject
    Outbox outbox;

    @Inject
    ContactDetails contactDetails;

    @Inject
    AuditLog auditLog;

    /** The login session that requests or confirms a change. */
    record Caller(UUID userId, UUID sessionId, String ipAddress) {
    }

    /**
     * Sends an SMS code to the new number and voids the user's older pending change.
     *
     * @throws ProblemException 400 for no mobile number, a country that is not allowed or the
     *         registered number; 429 when SMS codes are requested too often; 503 when the SMS
     *         provider is down, and then nothing is stored
     */
    @Transactional
    ContactChangeViews.MobileChangeStarted requestMobileChange(Caller caller, String mobileInput, Locale locale) {
        String mobile = contactDetails.normaliseMobile(mobileInput, "mobile", locale);
        ContactDetails.Current current = contactDetails.lockCurrent(caller.userId());
        if (mobile.equals(current.mobile())) {
            throw unchanged("mobile", "contact.mobile.unchanged", locale);
        }
        requireSmsAvailable();
        smsThrottle.acquireSms(caller.userId());

        Instant now = DatabaseTime.now(clock);
        UUID changeId = UUID.randomUUID();
        String smsCode = SecureTokens.randomDigits(ActivationService.SMS_CODE_DIGITS);
        insertChange(changeId, caller, MOBILE, mobile, secrets.smsCodeHash(changeId, smsCode), null, now);
        sendSmsCode(changeId, caller.userId(), mobile, current.language(), smsCode);
        LOG.infof("Started mobile number change %s for user %s", changeId, caller.userId());
        return new ContactChangeViews.MobileChangeStarted(changeId, MobileNumbers.mask(mobile), now.plus(config.smsCodeLifetime()));
    }

    /**
     * Sends an SMS code to the registered number and an e-mail code to the new address, and voids
     * the user's older pending change.
     *
     * @throws ProblemException 400 for the registered address; 409 {@code contact-in-use} when
     *         another account uses the address; 429 and 503 as for a mobile number change
     */
    @Transactional
    ContactChangeViews.EmailChangeStarted requestEmailChange(Caller caller, String emailInput, Locale locale) {
        String email = ContactDetails.normaliseEmail(emailInput);
        ContactDetails.Current current = contactDetails.lockCurrent(caller.userId());
        if (email.equals(current.email())) {
            throw unchanged("email", "contact.email.unchanged", locale);
        }
        contactDetails.requireEmailFree(caller.userId(), email);
        requireSmsAvailable();
        smsThrottle.acquireSms(caller.userId());

        Instant now = DatabaseTime.now(clock);
        UUID changeId = UUID.randomUUID();
        String smsCode = SecureTokens.randomDigits(ActivationService.SMS_CODE_DIGITS);
        String emailCode = SecureTokens.randomDigits(ActivationService.SMS_CODE_DIGITS);
        insertChange(changeId, caller, EMAIL, email, secrets.smsCodeHash(changeId, smsCode),
                secrets.emailCodeHash(changeId, emailCode), now);
        Locale userLocale = RequestLanguage.fromCode(current.language());
        outbox.email(email, Messages.get(userLocale, "mail.email-change-code.subject"),
                Messages.get(userLocale, "mail.email-change-code.text", emailCode), "mail.email-change-code");
        sendSmsCode(changeId, caller.userId(), current.mobile(), current.language(), smsCode);
        LOG.infof("Started e-mail address change %s for user %s", changeId, caller.userId());
        return new ContactChangeViews.EmailChangeStarted(changeId, MobileNumbers.mask(current.mobile()),
                ContactDetails.maskEmail(email), now.plus(config.smsCodeLifetime()));
    }

    /**
     * Applies a pending change when its codes are right; the caller has confirmed the device PIN.
     * The change is consumed by a conditional UPDATE, so of parallel confirmations exactly one
     * applies it. A wrong code counts against the change (the third voids it) and against the
     * failure limits of SMS codes.
     *
     * @param emailCode the code sent to the new address, or null for a mobile number change
     * @throws ProblemException one generic 400 {@code contact-change-failed} for a wrong, expired,
     *         used or voided code or an unknown change; 409 {@code contact-in-use} when another
     *         account took the address meanwhile, which voids the change; 429 when a failure
     *         limit is reached
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    void confirm(Caller caller, UUID changeId, String expectedKind, String smsCode, String emailCode) {
        Throttle.Failures failures = throttle.checkFailures(ActivationService.SMS_CODE_FAILURES, caller.ipAddress(),
                "user:" + caller.userId());
        Instant now = DatabaseTime.now(clock);

        @SuppressWarnings("unchecked")
        List<String> consumed = entityManager.createNativeQuery("""
                update contact_change set confirmed_at = :now
                 where id = :id and user_id = :user and session_id = :session and kind = :kind
                   and confirmed_at is null and voided_at is null and expires_at > :now
                   and failed_attempts < :maxAttempts and sms_code_hash = :smsHash
                   and coalesce(email_code_hash, '') = :emailHash
                returning new_value
                """)
                .setParameter("now", now)
                .setParameter("id", changeId)
                .setParameter("user", caller.userId())
                .setParameter("session", caller.sessionId())
                .setParameter("kind", expectedKind)
                .setParameter("maxAttempts", config.smsCodeMaxAttempts())
                .setParameter("smsHash", secrets.smsCodeHash(changeId, smsCode))
                .setParameter("emailHash", emailCode == null ? "" : secrets.emailCodeHash(changeId, emailCode))
                .getResultList();
        if (consumed.isEmpty()) {
            countWrongCode(changeId, caller.userId());
            failures.count();
            LOG.infof("Confirmation of contact change %s by user %s failed", changeId, caller.userId());
            throw new ProblemException(400, "contact-change-failed");
        }

        String newValue = consumed.get(0);
        try {
            contactDetails.apply(caller.userId(), MOBILE.equals(expectedKind) ? newValue : null,
                    EMAIL.equals(expectedKind) ? newValue : null);
        } catch (ProblemException conflict) {
            voidChange(changeId, now);
            throw conflict;
        }
        audit(caller);
        LOG.infof("Applied contact change %s of user %s", changeId, caller.userId());
    }

    /** Writes one entry per client the user follows, so each client's access log shows the change. */
    private void audit(Caller caller) {
        @SuppressWarnings("unchecked")
        List<Object[]> memberships = entityManager.createNativeQuery("""
                select client_id, role from membership where user_id = :user and status = 'ACTIVE' order by client_id""")
                .setParameter("user", caller.userId())
                .getResultList();
        for (Object[] membership : memberships) {
            auditLog.record(new AuditEntry(AUDIT_EVENT, AuditAction.UPDATE, AuditOutcome.SUCCESS, ActorType.APP_USER,
                    caller.userId().toString(), (String) membership[1], (UUID) membership[0], null, "contact-details",
                    caller.userId().toString(), caller.sessionId(), caller.ipAddress()));
        }
    }

    private void insertChange(UUID changeId, Caller caller, String kind, String newValue, String smsCodeHash,
            String emailCodeHash, Instant now) {
        entityManager.createNativeQuery("""
                update contact_change set voided_at = :now
                 where user_id = :user and confirmed_at is null and voided_at is null""")
                .setParameter("now", now)
                .setParameter("user", caller.userId())
                .executeUpdate();
        entityManager.createNativeQuery("""
                insert into contact_change (id, user_id, session_id, kind, new_value, sms_code_hash, email_code_hash,
                                            created_at, expires_at)
                values (:id, :user, :session, :kind, :value, :smsHash, :emailHash, :now, :expires)
                """)
                .unwrap(NativeQuery.class)
                .setParameter("id", changeId)
                .setParameter("user", caller.userId())
                .setParameter("session", caller.sessionId())
                .setParameter("kind", kind)
                .setParameter("value", newValue)
                .setParameter("smsHash", smsCodeHash)
                .setParameter("emailHash", emailCodeHash, String.class)
                .setParameter("now", now)
                .setParameter("expires", now.plus(config.smsCodeLifetime()))
                .executeUpdate();
    }

    /**
     * Sends the SMS code last, so a failed SMS rolls back the stored change and the throttle count.
     *
     * @throws ProblemException 503 {@code sms-unavailable} when the SMS could not be sent
     */
    private void sendSmsCode(UUID changeId, UUID userId, String mobile, String language, String code) {
        try {
            smsCodeMessage.send(new SmsCodeIssued("contact change", changeId, userId, mobile, language, code));
        } catch (SmsFailedException e) {
            QuarkusTransaction.setRollbackOnly();
            throw smsUnavailable();
        }
    }

    private void requireSmsAvailable() {
        if (!smsSender.isAvailable()) {
            throw smsUnavailable();
        }
    }

    private void countWrongCode(UUID changeId, UUID userId) {
        entityManager.createNativeQuery("""
                update contact_change set failed_attempts = failed_attempts + 1
                 where id = :id and user_id = :user and confirmed_at is null and voided_at is null
                """)
                .setParameter("id", changeId)
                .setParameter("user", userId)
                .executeUpdate();
    }

    private void voidChange(UUID changeId, Instant now) {
        entityManager.createNativeQuery("update contact_change set confirmed_at = null, voided_at = :now where id = :id")
                .setParameter("now", now)
                .setParameter("id", changeId)
                .executeUpdate();
    }

    private ProblemException smsUnavailable() {
        return ProblemException.unavailable("sms-unavailable", smsConfig.retryAfter().toSeconds());
    }

    private static ProblemException unchanged(String field, String key, Locale locale) {
        return ProblemException.invalidFields(List.of(new Problem.FieldError(field, Messages.get(locale, key))));
    }
}
