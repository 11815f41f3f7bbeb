package nl.clientapp.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import nl.clientapp.notification.OutboxRelay;
import nl.clientapp.notification.SentEmailCounter;

/**
 * Runs the outbox relay as the scheduler would, so tests read e-mails after they were sent. The
 * relay's schedule is off in tests; every test that reads sent messages goes through here.
 */
@ApplicationScoped
public class TestOutbox {

    @Inject
    OutboxRelay relay;

    @Inject
    MockMailbox mailbox;

    @Inject
    EntityManager entityManager;

    /** The delivery state of one outbox message. */
    public record State(String status, int attempts, Instant nextAttemptAt) {
    }

    /** Sends every message due at the test clock's time and returns how many were claimed. */
    public int deliver() {
        return relay.deliverDue();
    }

    /** Delivers due messages and returns the e-mails sent to {@code address}, oldest first. */
    public List<Mail> mailsTo(String address) {
        deliver();
        return mailbox.getMailsSentTo(address);
    }

    /** Delivers due messages and returns how many e-mails went to {@code address} since the tests started. */
    public int sentCount(String address) {
        deliver();
        return SentEmailCounter.sentTo(address);
    }

    /** One queued message as the outbox stored it; text fields are cleared once it was sent. */
    public record Queued(UUID id, String channel, String recipient, String subject, String body, String data, String topic) {
    }

    /** Reads, without delivering, every message to {@code recipient} (an address, push token or endpoint id), oldest first. */
    public List<Queued> queuedTo(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select id, channel, recipient, subject, body, cast(data as text), topic from outbox_message
                     where recipient = :recipient order by created_at, id
                    """)
                    .setParameter("recipient", recipient)
                    .getResultList();
            return rows.stream().map(row -> new Queued((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                    (String) row[4], (String) row[5], (String) row[6])).toList();
        });
    }

    /** Reads the delivery state of one message. */
    public State state(UUID messageId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) entityManager
                    .createNativeQuery("select status, attempts, next_attempt_at from outbox_message where id = :id")
                    .setParameter("id", messageId)
                    .getSingleResult();
            return new State((String) row[0], ((Number) row[1]).intValue(), (Instant) row[2]);
        });
    }
}
