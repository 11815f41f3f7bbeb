package nl.clientapp.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads and writes chat rows directly, for fixtures and for checks of what a call changed. */
@ApplicationScoped
public class ChatRows {

    @Inject
    EntityManager entityManager;

    /** Inserts a question of {@code userId} asked at {@code askedAt}, as the API would store it. */
    @Transactional
    public UUID question(UUID clientId, UUID userId, String text, Instant askedAt) {
        UUID threadId = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into chat_thread (id, client_id, asked_by, asked_at, expected_answer_on) values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, threadId)
                .setParameter(2, clientId)
                .setParameter(3, userId)
                .setParameter(4, askedAt)
                .setParameter(5, AnswerDates.expectedAnswerDate(askedAt))
                .executeUpdate();
        entityManager.createNativeQuery("""
                insert into chat_message (id, thread_id, client_id, author_type, author_user_id, text, sent_at)
                values (?1, ?2, ?3, 'MEMBER', ?4, ?5, ?6)""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, threadId)
                .setParameter(3, clientId)
                .setParameter(4, userId)
                .setParameter(5, text)
                .setParameter(6, askedAt)
                .executeUpdate();
        return threadId;
    }

    /** Inserts an answer of the care team, as the integration API would store it. */
    @Transactional
    public void answer(UUID clientId, UUID threadId, Instant sentAt) {
        entityManager.createNativeQuery("""
                insert into chat_message (id, thread_id, client_id, author_type, author_name, text, sent_at)
                values (?1, ?2, ?3, 'CARE_TEAM', 'Jan (EVV)', 'Antwoord', ?4)""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, threadId)
                .setParameter(3, clientId)
                .setParameter(4, sentAt)
                .executeUpdate();
    }

    /** Sets where an organisation's chat e-mails go. */
    @Transactional
    public void settings(UUID organisationId, String teamEmail, String escalationEmail) {
        entityManager.createNativeQuery("""
                insert into chat_settings (organisation_id, team_email, escalation_email, updated_at) values (?1, ?2, ?3, now())""")
                .setParameter(1, organisationId)
                .setParameter(2, teamEmail)
                .setParameter(3, escalationEmail)
                .executeUpdate();
    }

    @Transactional
    public long threads(UUID clientId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from chat_thread where client_id = ?1")
                .setParameter(1, clientId).getSingleResult()).longValue();
    }

    @Transactional
    public Instant escalatedAt(UUID threadId) {
        List<?> rows = entityManager.createNativeQuery("select escalated_at from chat_thread where id = ?1 and escalated_at is not null")
                .setParameter(1, threadId).getResultList();
        return rows.isEmpty() ? null : toInstant(rows.get(0));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
