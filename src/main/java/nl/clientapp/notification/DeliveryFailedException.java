package nl.clientapp.notification;

/**
 * A provider or receiver that did not accept a message. The message names the status or failure
 * class only, never the address or the text. A permanent failure is not retried.
 */
public class DeliveryFailedException extends RuntimeException {

    private final boolean permanent;

    public DeliveryFailedException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
