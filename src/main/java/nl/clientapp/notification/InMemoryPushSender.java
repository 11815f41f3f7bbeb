package nl.clientapp.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Keeps push notifications in server memory instead of sending them, for dev mode and tests. Only
 * dev and test builds contain the bean, so a production build cannot use it
 * ({@code PushAdaptersTest} checks this). A test profile that sets {@code clientapp.push.provider=fcm}
 * uses the real adapter instead.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
@LookupIfProperty(name = "clientapp.push.provider", stringValue = "in-memory")
public class InMemoryPushSender implements PushSender {

    private static final int CAPACITY = 200;

    /** One stored push message. */
    public record StoredPush(String token, String title, String body, Map<String, String> data, Instant sentAt) {
    }

    private final Deque<StoredPush> messages = new ArrayDeque<>();

    @Inject
    Clock clock;

    @Override
    public void send(String token, String title, String body, Map<String, String> data) {
        synchronized (messages) {
            if (messages.size() == CAPACITY) {
                messages.removeFirst();
            }
            messages.addLast(new StoredPush(token, title, body, Map.copyOf(data), clock.instant()));
        }
    }

    /** Returns the messages sent to one push token, oldest first. */
    public List<StoredPush> sentTo(String token) {
        synchronized (messages) {
            return messages.stream().filter(push -> push.token().equals(token)).toList();
        }
    }
}
