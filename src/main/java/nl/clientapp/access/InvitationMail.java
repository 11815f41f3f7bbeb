package nl.clientapp.access;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import nl.clientapp.common.DutchTime;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.Outbox;

/**
 * Queues the e-mail with login details in the outbox, in the transaction that issues the
 * invitation, in the user's language. The outbox relay sends it and retries when it fails.
 */
@ApplicationScoped
class InvitationMail {

    private static final DateTimeFormatter EXPIRY_FORMAT = DateTimeFormatter.ofPattern("d-M-yyyy HH:mm");

    @Inject
    Outbox outbox;

    void enqueue(@Observes InvitationIssued invitation) {
        Locale locale = RequestLanguage.fromCode(invitation.language());
        String expiry = EXPIRY_FORMAT.format(invitation.expiresAt().atZone(DutchTime.ZONE));
        String link = "clientapp://activate?code=" + invitation.activationCode();
        outbox.email(invitation.email(),
                Messages.get(locale, "mail.invitation.subject"),
                Messages.get(locale, "mail.invitation.text", invitation.activationCode(), link, expiry, invitation.name()),
                "mail.invitation");
    }
}
