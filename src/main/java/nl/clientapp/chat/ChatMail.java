package nl.clientapp.chat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.EmailSender;

/**
 * The chat's only e-mail sender: tells the care team of a new question and escalates an
 * unanswered one, after the transaction that recorded it has committed. The e-mails name the
 * question's id and where to answer, never the client, the question text or other dossier text.
 * They are in Dutch, the care organisation's language.
 *
 * <p>NOTE: sending is direct, so an e-mail whose sending fails after the commit is logged, not
 * retried. Moving the two sends below onto the transactional outbox changes only this class.
 */
@ApplicationScoped
class ChatMail {

    /** An escalation to send: the question and every address the organisation configured for it. */
    record Escalation(UUID threadId, LocalDate expectedAnswerDate, List<String> addresses) {
    }

    private static final Logger LOG = Logger.getLogger(ChatMail.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-M-yyyy");

    @Inject
    EmailSender emailSender;

    void questionAsked(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatQuestionAsked question) {
        if (question.teamEmail() == null) {
            LOG.infof("Question %s: the organisation configured no team e-mail address, so no e-mail was sent", question.threadId());
            return;
        }
        send(question.threadId(), "new question", question.teamEmail(), "mail.chat.new-question.subject",
                Messages.get(RequestLanguage.DUTCH, "mail.chat.new-question.text", question.threadId()));
    }

    void escalate(List<Escalation> escalations) {
        for (Escalation escalation : escalations) {
            String text = Messages.get(RequestLanguage.DUTCH, "mail.chat.escalation.text", escalation.threadId(),
                    DATE.format(escalation.expectedAnswerDate()));
            for (String address : escalation.addresses()) {
                send(escalation.threadId(), "escalation", address, "mail.chat.escalation.subject", text);
            }
        }
    }

    private void send(UUID threadId, String kind, String to, String subjectKey, String text) {
        try {
            emailSender.send(to, Messages.get(RequestLanguage.DUTCH, subjectKey), text);
            LOG.infof("Sent the %s e-mail of question %s", kind, threadId);
        } catch (RuntimeException e) {
            LOG.warnf("Sending the %s e-mail of question %s failed: %s", kind, threadId, e.getClass().getSimpleName());
        }
    }
}
