package nl.clientapp.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Keeps sent SMS messages in server memory instead of sending them, for dev mode and tests. The
 * bean exists only in builds for the dev and test profiles, so a production build cannot use it.
 * It logs that a message was stored, never the number or the text.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class InMemorySmsSender implements SmsSender {

    /** The newest messages kept; older ones are dropped. */
    private static final int CAPACITY = 200;
    private static final Logger LOG = Logger.getLogger(InMemorySmsSender.class);

    /** One stored message. */
    public record StoredSms(String to, String text, Instant sentAt) {
    }

    private final Deque<StoredSms> messages = new ArrayDeque<>();

    @Inject
    Clock clock;

    @Override
    public void send(String mobile, String text) {
        synchronized (messages) {
            if (messages.size() == CAPACITY) {
                messages.removeFirst();
            }
            messages.addLast(new StoredSms(mobile, text, clock.instant()));
        }
        LOG.debug("Stored an SMS in memory instead of sending it");
    }

    /** Returns the stored messages to {@code mobile}, oldest first. */
    public List<StoredSms> sentTo(String mobile) {
        synchronized (messages) {
            return messages.stream().filter(sms -> sms.to().equals(mobile)).toList();
        }
    }

    /** Returns every stored message, oldest first. */
    public List<StoredSms> all() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
