package nl.clientapp.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.notification.SmsSender;

/**
 * Sends the SMS verification code at once, as the last step of the transaction that stores its
 * hash, in the user's language. Unlike other messages it does not go through the outbox: the code
 * is valid for minutes and the person is waiting for it, so the app must never report an SMS as
 * sent that did not go out. When the gateway fails or times out, the transaction rolls back (no code is
 * stored and no attempt is counted) and the request gets 503 with Retry-After.
 */
@ApplicationScoped
class SmsCodeMessage {

    /** Seconds the app should wait before asking again when the SMS gateway fails. */
    static final long RETRY_AFTER_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(SmsCodeMessage.class);

    @Inject
    SmsSender smsSender;

    /** Sends the code; call inside the transaction that stored it. */
    void send(SmsCodeIssued issued) {
        String text = Messages.get(RequestLanguage.fromCode(issued.language()), "sms.verification-code", issued.code());
        try {
            smsSender.send(issued.mobile(), text);
        } catch (RuntimeException e) {
            LOG.warnf("Sending the SMS code of activation %s to user %s failed: %s", issued.activationId(), issued.userId(),
                    e.getClass().getSimpleName());
            QuarkusTransaction.setRollbackOnly();
            throw ProblemException.unavailable("sms-unavailable", RETRY_AFTER_SECONDS);
        }
        LOG.infof("Sent the SMS code of activation %s to user %s", issued.activationId(), issued.userId());
    }
}
