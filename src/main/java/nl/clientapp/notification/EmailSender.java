package nl.clientapp.notification;

/**
 * Sends plain-text e-mails. Callers send only after their transaction has committed.
 *
 * <p>NOTE: sending is direct for now. A transactional outbox will replace it behind this interface.
 */
public interface EmailSender {

    /** Sends one e-mail; throws when the mail server rejects it or cannot be reached. */
    void send(String to, String subject, String text);
}
