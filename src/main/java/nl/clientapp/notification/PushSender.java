package nl.clientapp.notification;

import java.util.Map;

/**
 * Sends one push notification to one device's push token. Dev mode and tests keep messages in
 * memory ({@link InMemoryPushSender}); every other build sends through {@link FcmPushSender}.
 */
public interface PushSender {

    /** Sends one message; throws {@link DeliveryFailedException} when the push service refuses it or fails. */
    void send(String token, String title, String body, Map<String, String> data);
}
