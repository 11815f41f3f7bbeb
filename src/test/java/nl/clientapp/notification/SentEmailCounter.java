package nl.clientapp.notification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

/**
 * Counts the e-mails sent to each address, for tests that send from several threads at once. The
 * mock mailbox is not made for concurrent senders, so sends through it are serialised here.
 */
@Decorator
@Priority(10)
public class SentEmailCounter implements EmailSender {

    private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();
    private static final Object SEND_LOCK = new Object();

    @Inject
    @Delegate
    @Any
    EmailSender delegate;

    /** Returns how many e-mails were sent to {@code address} since the tests started. */
    public static int sentTo(String address) {
        return COUNTS.getOrDefault(address, 0);
    }

    @Override
    public void send(String to, String subject, String text) {
        COUNTS.merge(to, 1, Integer::sum);
        synchronized (SEND_LOCK) {
            delegate.send(to, subject, text);
        }
    }
}
