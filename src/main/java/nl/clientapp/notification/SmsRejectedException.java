package nl.clientapp.notification;

/**
 * An SMS that the gateway rejected (a 4xx status, 429 included, or a body that
 * does not report the message accepted). Trying again at once would get the same answer, so
 * it is not retried.
 */
public class SmsRejectedException extends SmsFailedException {

    public SmsRejectedException(String message) {
        super(message, null);
    }
}
