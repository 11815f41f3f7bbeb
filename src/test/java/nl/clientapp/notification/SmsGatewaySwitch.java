package nl.clientapp.notification;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

/**
 * Lets a test take the SMS gateway down: while {@link #down} is set, every send fails as the HTTP
 * gateway adapter does when the gateway fails or times out.
 */
@Decorator
@Priority(10)
public class SmsGatewaySwitch implements SmsSender {

    private static volatile boolean down;

    @Inject
    @Delegate
    @Any
    SmsSender delegate;

    /** Makes every SMS fail until {@link #up()}. */
    public static void down() {
        down = true;
    }

    public static void up() {
        down = false;
    }

    @Override
    public void send(String mobile, String text) {
        if (down) {
            throw new SmsFailedException("SMS gateway returned HTTP 503", null);
        }
        delegate.send(mobile, text);
    }
}
