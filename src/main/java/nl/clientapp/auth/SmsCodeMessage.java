package nl.clientapp.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.SmsSender;

/**
 * Sends the SMS verification code in the user's language, inside the transaction that stores the
 * code's hash. A failure rolls that transaction back, so the caller responds with 503 instead of
 * reporting an SMS that was never sent.
 */
@ApplicationScoped
class SmsCodeMessage {

    private static final Logger LOG = Logger.getLogger(SmsCodeMessage.class);

    @Inject
    SmsSender smsSender;

    /** Sends the code; throws {@link nl.clientapp.notification.SmsFailedException} when the SMS could not be sent. */
    void send(@Observes(during = TransactionPhase.IN_PROGRESS) SmsCodeIssued issued) {
        String text = Messages.get(RequestLanguage.fromCode(issued.language()), "sms.verification-code", issued.code());
        smsSender.send(issued.mobile(), text);
        LOG.infof("Sent the SMS code of activation %s to user %s", issued.activationId(), issued.userId());
    }
}
