package nl.clientapp.notification;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import nl.clientapp.common.JobShutdown;
import nl.clientapp.common.SkipLockedBatches;

/**
 * Sends due outbox messages. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} in a short
 * transaction that counts the attempt and moves {@code next_attempt_at} to the end of a lease, so
 * relays on other instances skip it; the messages are sent outside any transaction, and each
 * outcome is stored in its own: SENT, a retry after an exponential backoff, or FAILED after the
 * last attempt. Each message is sent once unless a relay stops between sending and storing the
 * outcome; then it is sent again after the lease, with the same message id (webhook receivers
 * drop repeats by {@code webhook-id}). A finished message keeps its id, recipient and topic; its text
 * is cleared, so activation codes do not stay in the table. Logs name the message id, channel and topic only, never addresses or texts.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String CLAIM_DUE = """
            update outbox_message o
               set attempts = o.attempts + 1, next_attempt_at = :leaseEnd
             where o.id in (select d.id from outbox_message d
                             where d.status = 'PENDING' and d.next_attempt_at <= :now
                             order by d.next_attempt_at, d.id
                             limit :batchSize
                               for update skip locked)
            returning o.id, o.channel, o.recipient, o.subject, o.body, cast(o.data as text), o.topic, o.attempts
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    JobShutdown jobShutdown;

    @Inject
    Clock clock;

    @Inject
    OutboxConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    EmailSender emailSender;

    @Inject
    SmsSender smsSender;

    @Inject
    Instance<PushSender> pushSender;

    @Inject
    WebhookSender webhookSender;

    @Inject
    DeliveryMetrics deliveryMetrics;

    /** One claimed message. */
    record Message(UUID id, Outbox.Channel channel, String recipient, String subject, String body, String data,
            String topic, int attempt) {
    }

    /** Messages claimed in one transaction and the end of their lease. */
    record Claimed(List<Message> messages, Instant leaseEnd) implements SkipLockedBatches.Batch {
        @Override
        public int claimed() {
            return messages.size();
        }
    }

    @Scheduled(identity = "outbox-relay", every = "{clientapp.outbox.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deliverDue();
    }

    /**
     * Sends every message that is due now, batch after batch.
     *
     * @return how many messages this call claimed
     */
    public int deliverDue() {
        return SkipLockedBatches.drain(jobShutdown, config.batchSize(), this::claim, this::sendAll);
    }

    private Claimed claim() {
        Instant now = now();
        Instant leaseEnd = now.plus(config.lease());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(CLAIM_DUE)
                .setParameter("now", now)
                .setParameter("leaseEnd", leaseEnd)
                .setParameter("batchSize", config.batchSize())
                .getResultList();
        List<Message> messages = new ArrayList<>();
        for (Object[] row : rows) {
            messages.add(new Message((UUID) row[0], Outbox.Channel.valueOf((String) row[1]), (String) row[2],
                    (String) row[3], (String) row[4], (String) row[5], (String) row[6], ((Number) row[7]).intValue()));
        }
        return new Claimed(messages, leaseEnd);
    }

    private void sendAll(Claimed batch) {
        // Stop a minute before the lease ends, so another relay cannot claim a message being sent.
        Instant stopAt = batch.leaseEnd().minus(Duration.ofMinutes(1));
        List<Message> messages = batch.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (clock.instant().isAfter(stopAt)) {
                LOG.warnf("Outbox batch stopped before the end of its lease; the rest is sent after the lease");
                return;
            }
            if (jobShutdown.stopping()) {
                List<Message> unsent = messages.subList(i, messages.size());
                QuarkusTransaction.requiringNew().run(() -> release(unsent));
                return;
            }
            try {
                sendCounted(message);
                QuarkusTransaction.requiringNew().run(() -> markSent(message));
            } catch (RuntimeException e) {
                QuarkusTransaction.requiringNew().run(() -> recordFailure(message, e));
            }
        }
    }

    private void sendCounted(Message message) {
        try {
            send(message);
        } catch (RuntimeException e) {
            deliveryMetrics.record(message.channel(), false);
            throw e;
        }
        deliveryMetrics.record(message.channel(), true);
    }

    private void send(Message message) {
        switch (message.channel()) {
            case EMAIL -> emailSender.send(message.recipient(), message.subject(), message.body());
            case SMS -> smsSender.send(message.recipient(), message.body());
            case PUSH -> pushSender.get().send(message.recipient(), message.subject(), message.body(), data(message));
            case WEBHOOK -> sendWebhook(message);
        }
    }

    private void sendWebhook(Message message) {
        List<?> endpoint = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select url, secret from webhook_endpoint where id = :id and deleted_at is null")
                .setParameter("id", UUID.fromString(message.recipient()))
                .getResultList());
        if (endpoint.isEmpty()) {
            throw new DeliveryFailedException("Webhook endpoint was deleted", true, null);
        }
        Object[] row = (Object[]) endpoint.get(0);
        webhookSender.send(URI.create((String) row[0]), message.recipient(), (String) row[1], "msg_" + message.id(), message.body());
    }

    private Map<String, String> data(Message message) {
        if (message.data() == null) {
            return Map.of();
        }
        try {
            return json.readValue(message.data(), new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable push data in outbox message " + message.id(), e);
        }
    }

    /**
     * Hands claimed messages back unsent, when the application shuts down in the middle of a batch:
     * the attempt is not counted and the message is due at once, so another relay sends it without
     * waiting for the lease to end.
     */
    void release(List<Message> unsent) {
        List<UUID> ids = unsent.stream().map(Message::id).toList();
        int released = entityManager.createNativeQuery("""
                update outbox_message set attempts = attempts - 1, next_attempt_at = :now
                 where id in (:ids) and status = 'PENDING'
                """)
                .setParameter("now", now())
                .setParameter("ids", ids)
                .executeUpdate();
        LOG.infof("Shutdown: handed back %d claimed outbox messages unsent", released);
    }

    private void markSent(Message message) {
        entityManager.createNativeQuery("""
                update outbox_message set status = 'SENT', sent_at = :now, last_error = null, body = '', data = null
                 where id = :id and status = 'PENDING'
                """)
                .setParameter("now", now())
                .setParameter("id", message.id())
                .executeUpdate();
        LOG.debugf("Sent outbox message %s (%s, %s)", message.id(), message.channel(), message.topic());
    }

    private void recordFailure(Message message, RuntimeException failure) {
        String error = failure.getClass().getSimpleName();
        boolean permanent = failure instanceof DeliveryFailedException delivery && delivery.permanent();
        if (permanent || message.attempt() >= config.maxAttempts()) {
            entityManager.createNativeQuery("""
                    update outbox_message set status = 'FAILED', failed_at = :now, last_error = :error, body = '', data = null
                     where id = :id and status = 'PENDING'
                    """)
                    .setParameter("now", now())
                    .setParameter("error", error)
                    .setParameter("id", message.id())
                    .executeUpdate();
            LOG.errorf("Outbox message %s (%s, %s) failed for good after %d attempts: %s", message.id(),
                    message.channel(), message.topic(), message.attempt(), error);
            return;
        }
        Instant retryAt = now().plus(backoff(message.attempt()));
        entityManager.createNativeQuery("""
                update outbox_message set next_attempt_at = :retryAt, last_error = :error
                 where id = :id and status = 'PENDING'
                """)
                .setParameter("retryAt", retryAt)
                .setParameter("error", error)
                .setParameter("id", message.id())
                .executeUpdate();
        LOG.warnf("Outbox message %s (%s, %s) attempt %d failed: %s; next attempt at %s", message.id(),
                message.channel(), message.topic(), message.attempt(), error, retryAt);
    }

    /** Computes the wait after failed attempt {@code attempt} (1-based): the initial backoff, doubled per attempt, capped. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
