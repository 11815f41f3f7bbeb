package nl.clientapp.notification;

/** An SMS that the gateway did not accept. The message never contains the number or the text. */
public class SmsFailedException extends RuntimeException {

    public SmsFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
