package nl.clientapp.notification;

import java.sql.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.dossier.SqlReader;

/**
 * Queues one notification to many users, such as every member of a client. One SQL statement
 * reads each user's address, language, preferences for the kind and push tokens, and the messages
 * are inserted as one JDBC batch. The result is the same as calling {@link Outbox#pushUser} and
 * {@link Outbox#emailUser} per user.
 */
@ApplicationScoped
public class UserNotifications {

    // Push tokens of revoked sessions are left out, as in Outbox.pushUser.
    private static final String RECIPIENTS = """
            select u.id, u.email, u.language, pref.email as email_on, pref.push as push_on,
                   array(select p.token
                           from push_token p
                           join login_session s on s.id = p.login_session_id and s.revoked_at is null
                          where p.user_id = u.id
                          order by p.login_session_id) as push_tokens
              from app_user u
              left join notification_preference pref on pref.user_id = u.id and pref.kind = ?
             where u.id = any (?)
             order by u.id
            """;

    /**
     * The texts of one notification, as keys of the texts bundle.
     *
     * @param pushTitleKey title of the push notification
     * @param pushBodyKey body of the push notification
     * @param emailSubjectKey subject of the e-mail
     * @param emailTextKey text of the e-mail
     */
    public record Texts(String pushTitleKey, String pushBodyKey, String emailSubjectKey, String emailTextKey) {
    }

    private record Recipient(UUID userId, String email, Locale locale, Boolean emailOn, Boolean pushOn, List<String> pushTokens) {
    }

    @Inject
    SqlReader sql;

    @Inject
    Outbox outbox;

    /**
     * Queues, for each user, a push to each device where the user is logged in with a push token
     * and an e-mail, each in the user's language and only as the user's preferences for
     * {@code kind} allow.
     *
     * @param data string values the app reads, such as ids; never dossier text
     * @return the number of messages queued
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int notifyUsers(Collection<UUID> userIds, NotificationKind kind, Texts texts, Map<String, String> data) {
        if (userIds.isEmpty()) {
            return 0;
        }
        List<Recipient> recipients = sql.list(RECIPIENTS, row -> {
            Array tokens = row.getArray("push_tokens");
            return new Recipient(row.getObject("id", UUID.class), row.getString("email"),
                    RequestLanguage.fromCode(row.getString("language")),
                    (Boolean) row.getObject("email_on"), (Boolean) row.getObject("push_on"),
                    List.of((String[]) tokens.getArray()));
        }, kind.name(), userIds.toArray(UUID[]::new));

        Map<String, String> payload = new LinkedHashMap<>(data);
        payload.put("kind", kind.name());
        String payloadJson = outbox.toJson(payload);
        List<Outbox.Message> messages = new ArrayList<>();
        for (Recipient recipient : recipients) {
            if (allows(kind, Outbox.Channel.PUSH, recipient.pushOn())) {
                for (String token : recipient.pushTokens()) {
                    messages.add(new Outbox.Message(Outbox.Channel.PUSH, token, Messages.get(recipient.locale(), texts.pushTitleKey()),
                            Messages.get(recipient.locale(), texts.pushBodyKey()), payloadJson, texts.pushBodyKey()));
                }
            }
            if (allows(kind, Outbox.Channel.EMAIL, recipient.emailOn())) {
                messages.add(new Outbox.Message(Outbox.Channel.EMAIL, recipient.email(),
                        Messages.get(recipient.locale(), texts.emailSubjectKey()),
                        Messages.get(recipient.locale(), texts.emailTextKey()), null, texts.emailTextKey()));
            }
        }
        outbox.insertAll(messages);
        return messages.size();
    }

    /** Applies the rule of {@link NotificationPreferences#allows} to a stored choice, null when the user made none. */
    private static boolean allows(NotificationKind kind, Outbox.Channel channel, Boolean stored) {
        if (!kind.configurable() || (channel == Outbox.Channel.EMAIL && kind.emailMandatory())) {
            return true;
        }
        return stored == null || stored;
    }
}
