package nl.clientapp.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.SmsSender;

/** Sends the SMS verification code once the activation attempt is committed, in the user's language. */
@ApplicationScoped
class SmsCodeMessage {

    private static final Logger LOG = Logger.getLogger(SmsCodeMessage.class);

    @Inject
    SmsSender smsSender;

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) SmsCodeIssued issued) {
        String text = Messages.get(RequestLanguage.fromCode(issued.language()), "sms.verification-code", issued.code());
        try {
            smsSender.send(issued.mobile(), text);
            LOG.infof("Sent the SMS code of activation %s to user %s", issued.activationId(), issued.userId());
        } catch (RuntimeException e) {
            // NOTE: the response has already reported the SMS as sent. The planned outbox will retry instead.
            LOG.warnf("Sending the SMS code of activation %s to user %s failed: %s", issued.activationId(), issued.userId(),
                    e.getClass().getSimpleName());
        }
    }
}
