package nl.clientapp.notification;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;

/**
 * The application's way to send e-mail, push notifications, webhooks and non-urgent SMS. Every method writes outbox rows in the caller's transaction, which must exist
 * ({@code MANDATORY}): a rollback leaves no message and a commit never loses one. {@link OutboxRelay}
 * sends them later with retries. Methods for a user apply the user's notification preferences.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    private static final String INSERT_JDBC = "insert into outbox_message (id, channel, recipient, subject, body, data, topic, "
            + "next_attempt_at, created_at) values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)";

    @Inject
    ObjectMapper json;

    @Inject
    NotificationPreferences preferences;

    /**
     * Queues an e-mail to an address that is not (yet) tied to a preference, such as login details.
     *
     * @param topic what the e-mail is about, for logs; never personal data
     * @return the message id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID email(String to, String subject, String text, String topic) {
        return insert(Channel.EMAIL, to, subject, text, null, topic);
    }

    /**
     * Queues an e-mail to a user in the user's language, unless the user turned e-mail off for
     * this kind (mandatory kinds always go out). {@code subjectKey} and {@code textKey} are keys in
     * the texts bundle; {@code arguments} fill the text.
     *
     * @return the message id, or empty when the user's preferences leave it out
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> emailUser(UUID userId, NotificationKind kind, String subjectKey, String textKey,
            Object... arguments) {
        if (!preferences.allows(userId, kind, Channel.EMAIL)) {
            return Optional.empty();
        }
        Object[] user = (Object[]) entityManager.createNativeQuery("select email, language from app_user where id = :id")
                .setParameter("id", userId)
                .getSingleResult();
        Locale locale = RequestLanguage.fromCode((String) user[1]);
        return Optional.of(insert(Channel.EMAIL, (String) user[0], Messages.get(locale, subjectKey),
                Messages.get(locale, textKey, arguments), null, textKey));
    }

    /**
     * Queues a push notification to every device on which the user is logged in and registered a
     * push token, in the user's language, unless the user turned push off for this kind.
     *
     * @param data string values the app reads, such as ids; never dossier text
     * @return the message ids, one per device
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> pushUser(UUID userId, NotificationKind kind, String titleKey, String bodyKey,
            Map<String, String> data, Object... arguments) {
        if (!preferences.allows(userId, kind, Channel.PUSH)) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> devices = entityManager.createNativeQuery("""
                select p.token, u.language
                  from push_token p
                  join login_session s on s.id = p.login_session_id and s.revoked_at is null
                  join app_user u on u.id = p.user_id
                 where p.user_id = :user
                """)
                .setParameter("user", userId)
                .getResultList();
        Map<String, String> payload = new LinkedHashMap<>(data);
        payload.put("kind", kind.name());
        List<UUID> ids = new ArrayList<>();
        for (Object[] device : devices) {
            Locale locale = RequestLanguage.fromCode((String) device[1]);
            ids.add(insert(Channel.PUSH, (String) device[0], Messages.get(locale, titleKey),
                    Messages.get(locale, bodyKey, arguments), toJson(payload), bodyKey));
        }
        return ids;
    }

    /**
     * Queues one webhook message per endpoint the organisation registered, with the Standard
     * Webhooks payload {@code {"type", "timestamp", "data"}}. {@code data} contains ids, never names,
     * contact details or dossier text.
     *
     * @return the message ids, one per endpoint
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> webhook(UUID organisationId, WebhookEvent event, Map<String, Object> data) {
        @SuppressWarnings("unchecked")
        List<UUID> endpoints = entityManager.createNativeQuery("""
                select id from webhook_endpoint where organisation_id = :organisation and deleted_at is null order by id
                """)
                .setParameter("organisation", organisationId)
                .getResultList();
        if (endpoints.isEmpty()) {
            return List.of();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", event.type());
        payload.put("timestamp", now().toString());
        payload.put("data", data);
        String body = toJson(payload);
        List<UUID> ids = new ArrayList<>();
        for (UUID endpoint : endpoints) {
            ids.add(insert(Channel.WEBHOOK, endpoint.toString(), null, body, null, event.type()));
        }
        return ids;
    }

    /**
     * Queues the webhook for an event about one client: the client's organisation receives it.
     *
     * @return the message ids, one per endpoint
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> webhookForClient(UUID clientId, WebhookEvent event, Map<String, Object> data) {
        UUID organisationId = (UUID) entityManager.createNativeQuery("select organisation_id from client where id = :id")
                .setParameter("id", clientId)
                .getSingleResult();
        return webhook(organisationId, event, data);
    }

    /**
     * Queues an SMS that can wait. Login codes do not use this: they are sent during the request,
     * so the app learns at once whether the SMS went out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID sms(String mobile, String text, String topic) {
        return insert(Channel.SMS, mobile, null, text, null, topic);
    }

    /**
     * A message to queue with {@link #insertAll}.
     *
     * @param data JSON for the app (push) or null
     * @param topic what the message is about, for logs; never personal data
     */
    record Message(Channel channel, String recipient, String subject, String body, String data, String topic) {
    }

    /** Inserts messages in the current transaction as one JDBC batch, each with a new message id. */
    @Transactional(Transactional.TxType.MANDATORY)
    void insertAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(now());
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_JDBC)) {
                for (Message message : messages) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, message.channel().name());
                    insert.setString(3, message.recipient());
                    insert.setString(4, message.subject());
                    insert.setString(5, message.body());
                    insert.setString(6, message.data());
                    insert.setString(7, message.topic());
                    insert.setTimestamp(8, now);
                    insert.setTimestamp(9, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private UUID insert(Channel channel, String recipient, String subject, String body, String data, String topic) {
        UUID id = UUID.randomUUID();
        Instant now = now();
        entityManager.createNativeQuery("""
                insert into outbox_message (id, channel, recipient, subject, body, data, topic, next_attempt_at, created_at)
                values (:id, :channel, :recipient, :subject, :body, cast(:data as jsonb), :topic, :now, :now)
                """)
                .unwrap(NativeQuery.class)
                .setParameter("id", id)
                .setParameter("channel", channel.name())
                .setParameter("recipient", recipient)
                .setParameter("subject", subject, String.class)
                .setParameter("body", body)
                .setParameter("data", data, String.class)
                .setParameter("topic", topic)
                .setParameter("now", now)
                .executeUpdate();
        return id;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an outbox payload", e);
        }
    }

    /** The way a message leaves. */
    public enum Channel {
        EMAIL, SMS, PUSH, WEBHOOK
    }
}
