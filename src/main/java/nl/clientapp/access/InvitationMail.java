package nl.clientapp.access;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.common.DutchTime;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.EmailSender;

/**
 * E-mails login details once the invitation is committed, in the user's language. A failure is
 * logged and the integrator can send a new invitation.
 */
@ApplicationScoped
class InvitationMail {

    private static final Logger LOG = Logger.getLogger(InvitationMail.class);
    private static final DateTimeFormatter EXPIRY_FORMAT = DateTimeFormatter.ofPattern("d-M-yyyy HH:mm");

    @Inject
    EmailSender emailSender;

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) InvitationIssued invitation) {
        Locale locale = RequestLanguage.fromCode(invitation.language());
        String expiry = EXPIRY_FORMAT.format(invitation.expiresAt().atZone(DutchTime.ZONE));
        String link = "clientapp://activate?code=" + invitation.activationCode();
        try {
            emailSender.send(invitation.email(),
                    Messages.get(locale, "mail.invitation.subject"),
                    Messages.get(locale, "mail.invitation.text", invitation.activationCode(), link, expiry));
            LOG.infof("Sent invitation %s to user %s", invitation.invitationId(), invitation.userId());
        } catch (RuntimeException e) {
            LOG.warnf("Sending invitation %s to user %s failed: %s", invitation.invitationId(), invitation.userId(),
                    e.getClass().getSimpleName());
        }
    }
}
