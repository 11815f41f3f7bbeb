package nl.clientapp.notification;

/**
 * Sends text messages to mobile numbers in E.164 format. Dev mode and tests keep messages in
 * memory ({@link InMemorySmsSender}); other builds send through CM.com ({@link CmSmsSender}).
 */
public interface SmsSender {

    /** Sends one SMS; throws {@link SmsFailedException} when the gateway fails, rejects the message or times out. */
    void send(String mobile, String text);

    /**
     * Returns false while the provider is known to be down (its circuit breaker is open), so a
     * caller can respond with 503 before it promises an SMS.
     */
    default boolean isAvailable() {
        return true;
    }
}
