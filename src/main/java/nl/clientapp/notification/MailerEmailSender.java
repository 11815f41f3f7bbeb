package nl.clientapp.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/** Sends e-mails with the Quarkus mailer; dev mode and tests use its mock mailbox. */
@ApplicationScoped
class MailerEmailSender implements EmailSender {

    @Inject
    Mailer mailer;

    @Override
    public void send(String to, String subject, String text) {
        mailer.send(Mail.withText(to, subject, text));
    }
}
