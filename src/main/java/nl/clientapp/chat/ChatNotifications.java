package nl.clientapp.chat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.access.ClientAudience;
import nl.clientapp.access.Role;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.dossier.SqlReader;
import nl.clientapp.notification.NotificationKind;
import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.UserNotifications;
import nl.clientapp.notification.WebhookEvent;

/**
 * Every message the chat causes, queued on the outbox in the transaction of the change (SECURITY
 * R3), so a rolled-back question, answer or escalation sends nothing and a committed one is sent
 * with retries. E-mails to the care team are in Dutch, the care organisation's language; app users
 * get theirs in their own language. No message carries the client's name, the question or the
 * answer: they name ids and where to read or answer.
 */
@ApplicationScoped
class ChatNotifications {

    private static final Logger LOG = Logger.getLogger(ChatNotifications.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-M-yyyy");
    private static final UserNotifications.Texts ANSWER_TEXTS = new UserNotifications.Texts("push.chat-answer.title",
            "push.chat-answer.body", "mail.chat-answer.subject", "mail.chat-answer.text");

    @Inject
    Outbox outbox;

    @Inject
    SqlReader sql;

    @Inject
    ClientAudience audience;

    @Inject
    UserNotifications userNotifications;

    /** Tells the care team by e-mail and the organisation's systems by webhook that a member asked a question. */
    @Transactional(Transactional.TxType.MANDATORY)
    void questionAsked(UUID clientId, UUID threadId) {
        String teamEmail = sql.list("""
                select s.team_email from chat_settings s join client c on c.organisation_id = s.organisation_id where c.id = ?""",
                row -> row.getString(1), clientId).stream().findFirst().orElse(null);
        if (teamEmail == null) {
            LOG.infof("Question %s: the organisation configured no team e-mail address, so no e-mail is queued", threadId);
        } else {
            outbox.email(teamEmail, Messages.get(RequestLanguage.DUTCH, "mail.chat.new-question.subject"),
                    Messages.get(RequestLanguage.DUTCH, "mail.chat.new-question.text", threadId), "chat.new-question");
        }
        outbox.webhookForClient(clientId, WebhookEvent.CHAT_QUESTION_CREATED,
                Map.of("clientId", clientId.toString(), "threadId", threadId.toString()));
    }

    /** Queues the escalation e-mail of one question to each of the organisation's chat addresses. */
    @Transactional(Transactional.TxType.MANDATORY)
    void escalate(UUID threadId, LocalDate expectedAnswerDate, List<String> addresses) {
        String subject = Messages.get(RequestLanguage.DUTCH, "mail.chat.escalation.subject");
        String text = Messages.get(RequestLanguage.DUTCH, "mail.chat.escalation.text", threadId, DATE.format(expectedAnswerDate));
        for (String address : addresses) {
            outbox.email(address, subject, text, "chat.escalation");
        }
    }

    /**
     * Tells every full-access member of the client, by push and e-mail as each one's preferences
     * for {@link NotificationKind#CHAT_ANSWERS} allow, that the care team answered a question.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void answered(UUID clientId, UUID threadId, UUID messageId) {
        Map<String, String> data = Map.of("clientId", clientId.toString(), "threadId", threadId.toString(),
                "messageId", messageId.toString());
        userNotifications.notifyUsers(audience.members(clientId, Role.FULL), NotificationKind.CHAT_ANSWERS, ANSWER_TEXTS, data);
    }
}
