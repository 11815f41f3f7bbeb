package nl.clientapp.terms;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.Outbox;

/**
 * Queues, in the transaction that publishes a terms version, one e-mail to each app user of the
 * organisation that the terms change and on which date, in the user's language. The terms require
 * telling every user, so the e-mail ignores notification preferences. The outbox relay sends them
 * outside the publishing request.
 */
@ApplicationScoped
class TermsChangeMail {

    private static final Logger LOG = Logger.getLogger(TermsChangeMail.class);
    private static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", RequestLanguage.DUTCH);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", RequestLanguage.ENGLISH);

    @Inject
    Outbox outbox;

    void enqueue(@Observes TermsVersionPublished version) {
        for (TermsVersionPublished.Recipient recipient : version.recipients()) {
            Locale locale = RequestLanguage.fromCode(recipient.language());
            String effectiveDate = (RequestLanguage.ENGLISH.equals(locale) ? ENGLISH_DATE : DUTCH_DATE).format(version.effectiveDate());
            outbox.email(recipient.email(),
                    Messages.get(locale, "mail.terms-changed.subject"),
                    Messages.get(locale, "mail.terms-changed.text", version.organisationName(), version.versionLabel(),
                            effectiveDate),
                    "mail.terms-changed");
        }
        LOG.infof("Queued the change of terms version %s for %d users", version.versionId(), version.recipients().size());
    }
}
