package nl.clientapp.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nl.clientapp.notification.NotificationKind;
import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.WebhookEvent;
import nl.clientapp.access.MobileNumbers;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.throttle.Throttle;
import nl.clientapp.notification.SmsConfig;
import nl.clientapp.notification.SmsFailedException;
import nl.clientapp.notification.SmsSender;

/**
 * First login on a device: the activation code from the e-mail gets an SMS code, and the SMS code
 * plus a new PIN and the device's public key register the device and start a session. The
 * activation code alone never yields tokens.
 */
@ApplicationScoped
class ActivationService {

    private static final Logger LOG = Logger.getLogger(ActivationService.class);
    static final int SMS_CODE_DIGITS = 6;
    /**
     * The failure limits that wrong SMS codes count toward, per client IP address and per account:
     * those of activations and of contact changes alike.
     */
    static final String SMS_CODE_FAILURES = "completeActivation";

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    AuthConfig config;

    @Inject
    SmsThrottle smsThrottle;

    @Inject
    Throttle throttle;

    @Inject
    MobileNumbers mobileNumbers;

    @Inject
    ServerSecrets secrets;

    @Inject
    PinHasher pinHasher;

    @Inject
    LoginSessions sessions;

    @Inject
    SmsCodeMessage smsCodeMessage;

    @Inject
    SmsSender smsSender;

    @Inject
    SmsConfig smsConfig;

    /**
     * Sends an SMS code for a valid activation code and voids the user's older codes. An unknown,
     * expired or used activation code gets the same response shape with a random id, and no SMS.
     * A membership that has ended counts as an expired code.
     *
     * @throws ProblemException 429 when the IP address or the user exceeds a limit. 503 when the
     *         SMS provider is down or the SMS fails, and then nothing is stored
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    AuthViews.ActivationStarted start(String activationCode) {
        if (!smsSender.isAvailable()) {
            throw smsUnavailable();
        }
        Instant now = DatabaseTime.now(clock);
        String codeHash = SecureTokens.sha256Hex(activationCode);
        @SuppressWarnings("unchecked")
        List<Object[]> invitations = entityManager.createNativeQuery("""
                select i.id, u.id, u.mobile, u.language,
                       i.used_at is null and i.voided_at is null and i.expires_at > :now and m.status = 'ACTIVE'
                  from invitation i
                  join app_user u on u.id = i.user_id
                  join membership m on m.id = i.membership_id
                 where i.code_hash = :hash
                """)
                .setParameter("hash", codeHash)
                .setParameter("now", now)
                .getResultList();
        if (invitations.isEmpty()) {
            return decoy(codeHash, "•••• •• " + secrets.decoyMaskDigits(activationCode));
        }
        Object[] invitation = invitations.get(0);
        UUID invitationId = (UUID) invitation[0];
        UUID userId = (UUID) invitation[1];
        String mobile = (String) invitation[2];
        if (!Boolean.TRUE.equals(invitation[4])) {
            return decoy(codeHash, MobileNumbers.mask(mobile));
        }
        if (!mobileNumbers.isAllowed(mobile)) {
            LOG.warnf("No SMS code for user %s: the mobile number's region is no longer allowed", userId);
            return decoy(codeHash, MobileNumbers.mask(mobile));
        }

        smsThrottle.acquireSms(userId);
        UUID activationId;
        try {
            activationId = createActivation(invitationId, userId, now, mobile, (String) invitation[3]);
        } catch (SmsFailedException e) {
            // NOTE: while the circuit breaker is still closed, only a valid code reaches the gateway, so
            // the first failures of an outage return 503 for valid codes and 202 for unknown ones.
            QuarkusTransaction.setRollbackOnly();
            throw smsUnavailable();
        }
        LOG.infof("Started activation %s for invitation %s", activationId, invitationId);
        return new AuthViews.ActivationStarted(activationId, MobileNumbers.mask(mobile));
    }

    /**
     * Registers the device and starts a session when the SMS code is right. The code is consumed
     * by a conditional UPDATE, so of parallel requests with the right code exactly one succeeds.
     * A wrong code counts against the attempt, and the third wrong entry voids it.
     *
     * @throws ProblemException 400 for an unacceptable PIN or key, and one generic 400 for a wrong,
     *         expired, used or voided code or an unknown activation id, which also counts against the
     *         per-IP failure limit. 429 when the client IP address reached that limit
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    AuthViews.Tokens complete(UUID activationId, AuthRequests.CompleteActivation request, String ipAddress) {
        Throttle.Failures failures = throttle.checkFailures(SMS_CODE_FAILURES, ipAddress, null);
        PinRules.requireAcceptable(request.pin());
        byte[] publicKey = DeviceKeys.parseP256(request.devicePublicKey());
        Instant now = DatabaseTime.now(clock);

        @SuppressWarnings("unchecked")
        List<Object[]> consumed = entityManager.createNativeQuery("""
                update activation set used_at = :now
                 where id = :id and used_at is null and voided_at is null and expires_at > :now
                   and failed_attempts < :maxAttempts and sms_code_hash = :hash
                returning invitation_id, user_id
                """)
                .setParameter("now", now)
                .setParameter("id", activationId)
                .setParameter("maxAttempts", config.smsCodeMaxAttempts())
                .setParameter("hash", secrets.smsCodeHash(activationId, request.smsCode()))
                .getResultList();
        if (consumed.isEmpty()) {
            countWrongCode(activationId);
            failures.count();
            throw activationFailed();
        }
        UUID invitationId = (UUID) consumed.get(0)[0];
        UUID userId = (UUID) consumed.get(0)[1];
        consumeInvitation(invitationId, now);

        UUID deviceId = registerDevice(userId, publicKey, request, now);
        noticeOfReactivation(userId, deviceId);
        activated(invitationId, userId);
        LOG.infof("Completed activation %s: device %s registered for user %s", activationId, deviceId, userId);
        return sessions.start(userId, deviceId);
    }

    private UUID createActivation(UUID invitationId, UUID userId, Instant now, String mobile, String language) {
        entityManager.createNativeQuery("""
                update activation set voided_at = :now where user_id = :user and used_at is null and voided_at is null
                """)
                .setParameter("now", now)
                .setParameter("user", userId)
                .executeUpdate();

        UUID activationId = UUID.randomUUID();
        String code = SecureTokens.randomDigits(SMS_CODE_DIGITS);
        entityManager.createNativeQuery("""
                insert into activation (id, invitation_id, user_id, sms_code_hash, created_at, expires_at)
                values (:id, :invitation, :user, :hash, :now, :expires)
                """)
                .setParameter("id", activationId)
                .setParameter("invitation", invitationId)
                .setParameter("user", userId)
                .setParameter("hash", secrets.smsCodeHash(activationId, code))
                .setParameter("now", now)
                .setParameter("expires", now.plus(config.smsCodeLifetime()))
                .executeUpdate();
        smsCodeMessage.send(new SmsCodeIssued("activation", activationId, userId, mobile, language, code));
        return activationId;
    }

    /**
     * L8: when the user had a device before, this is a re-activation, and the user's e-mail address
     * gets a notice in the same transaction, so someone who re-activated with stolen login details
     * does not go unnoticed.
     */
    private void noticeOfReactivation(UUID userId, UUID newDeviceId) {
        Number earlierDevices = (Number) entityManager.createNativeQuery(
                "select count(*) from device where user_id = :user and id <> :device")
                .setParameter("user", userId)
                .setParameter("device", newDeviceId)
                .getSingleResult();
        if (earlierDevices.longValue() > 0) {
            outbox.emailUser(userId, NotificationKind.ACCOUNT, "mail.reactivated.subject", "mail.reactivated.text");
        }
    }

    /** Queues the {@code member.activated} webhook for the client of the invitation's membership. */
    private void activated(UUID invitationId, UUID userId) {
        Object[] membership = (Object[]) entityManager.createNativeQuery("""
                select m.id, m.client_id from invitation i join membership m on m.id = i.membership_id where i.id = :id
                """)
                .setParameter("id", invitationId)
                .getSingleResult();
        outbox.webhookForClient((UUID) membership[1], WebhookEvent.MEMBER_ACTIVATED, Map.of(
                "membershipId", membership[0].toString(), "clientId", membership[1].toString(), "userId", userId.toString()));
    }

    private void countWrongCode(UUID activationId) {
        entityManager.createNativeQuery("""
                update activation set failed_attempts = failed_attempts + 1
                 where id = :id and used_at is null and voided_at is null
                """)
                .setParameter("id", activationId)
                .executeUpdate();
    }

    /** Marks the invitation used, and fails when it was voided, used or expired after the SMS was sent. */
    private void consumeInvitation(UUID invitationId, Instant now) {
        int used = entityManager.createNativeQuery("""
                update invitation set used_at = :now
                 where id = :id and used_at is null and voided_at is null and expires_at > :now
                """)
                .setParameter("now", now)
                .setParameter("id", invitationId)
                .executeUpdate();
        if (used == 0) {
            throw activationFailed();
        }
    }

    private UUID registerDevice(UUID userId, byte[] publicKey, AuthRequests.CompleteActivation request, Instant now) {
        UUID deviceId = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into device (id, user_id, name, public_key, pin_hash, created_at)
                values (:id, :user, :name, :key, :pinHash, :now)
                """)
                .setParameter("id", deviceId)
                .setParameter("user", userId)
                .setParameter("name", request.deviceName().trim())
                .setParameter("key", publicKey)
                .setParameter("pinHash", pinHasher.hash(request.pin()))
                .setParameter("now", now)
                .executeUpdate();
        return deviceId;
    }

    /**
     * Returns a response for an activation code that sends no SMS, shaped and throttled like a
     * real one. The masked number is the invitee's for an expired or used code, and digits
     * derived from the code for an unknown one, so repeating a code always shows the same.
     */
    private AuthViews.ActivationStarted decoy(String codeHash, String maskedNumber) {
        smsThrottle.recordDecoy(codeHash);
        return new AuthViews.ActivationStarted(UUID.randomUUID(), maskedNumber);
    }

    private ProblemException smsUnavailable() {
        return ProblemException.unavailable("sms-unavailable", smsConfig.retryAfter().toSeconds());
    }

    private static ProblemException activationFailed() {
        return ProblemException.badRequest("activation-failed");
    }
}
