package nl.clientapp.notification;

/**
 * Sends text messages to mobile numbers in E.164 format. Dev mode and tests keep messages in
 * memory ({@link InMemorySmsSender}), and every other profile sends through an HTTP gateway.
 */
public interface SmsSender {

    /** Sends one SMS; throws {@link SmsFailedException} when the gateway fails or times out. */
    void send(String mobile, String text);
}
