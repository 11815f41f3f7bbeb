package nl.clientapp.terms;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.EmailSender;

/**
 * E-mails each app user of the organisation, once the new terms version is committed, that the
 * terms change and on which date, in the user's language. A failed e-mail is logged and the
 * others still go out.
 *
 * <p>NOTE: the e-mails are sent one by one inside the publishing request, so an organisation with
 * thousands of users makes that request slow. A transactional outbox would move them out of it.
 */
@ApplicationScoped
class TermsChangeMail {

    private static final Logger LOG = Logger.getLogger(TermsChangeMail.class);
    private static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", RequestLanguage.DUTCH);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", RequestLanguage.ENGLISH);

    @Inject
    EmailSender emailSender;

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) TermsVersionPublished version) {
        int failed = 0;
        for (TermsVersionPublished.Recipient recipient : version.recipients()) {
            Locale locale = RequestLanguage.fromCode(recipient.language());
            String effectiveDate = (RequestLanguage.ENGLISH.equals(locale) ? ENGLISH_DATE : DUTCH_DATE).format(version.effectiveDate());
            try {
                emailSender.send(recipient.email(),
                        Messages.get(locale, "mail.terms-changed.subject"),
                        Messages.get(locale, "mail.terms-changed.text", version.organisationName(), version.versionLabel(),
                                effectiveDate));
            } catch (RuntimeException e) {
                failed++;
                LOG.warnf("Sending the change of terms version %s to user %s failed: %s", version.versionId(),
                        recipient.userId(), e.getClass().getSimpleName());
            }
        }
        LOG.infof("Sent the change of terms version %s to %d of %d users", version.versionId(),
                version.recipients().size() - failed, version.recipients().size());
    }
}
