package nl.clientapp.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.DeliveryMetrics;
import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.SmsSender;

/**
 * Sends the SMS verification code at once, as the last step of the transaction that stores its
 * hash, in the user's language. Unlike other messages it does not go through the outbox: the code
 * is valid for minutes and the person is waiting for it, so the app must never report an SMS as
 * sent that did not go out. A failure rolls the transaction back (no code is stored and no attempt
 * is counted), and {@link ActivationService} answers 503 with Retry-After.
 */
@ApplicationScoped
class SmsCodeMessage {

    private static final Logger LOG = Logger.getLogger(SmsCodeMessage.class);

    @Inject
    SmsSender smsSender;

    @Inject
    DeliveryMetrics deliveryMetrics;

    /**
     * Sends the code; call inside the transaction that stored it.
     *
     * @throws nl.clientapp.notification.SmsFailedException when the SMS could not be sent
     */
    void send(SmsCodeIssued issued) {
        String text = Messages.get(RequestLanguage.fromCode(issued.language()), "sms.verification-code", issued.code());
        try {
            smsSender.send(issued.mobile(), text);
        } catch (RuntimeException e) {
            deliveryMetrics.record(Outbox.Channel.SMS, false);
            throw e;
        }
        deliveryMetrics.record(Outbox.Channel.SMS, true);
        LOG.infof("Sent the SMS code of %s %s to user %s", issued.purpose(), issued.attemptId(), issued.userId());
    }
}
