package nl.clientapp.notification;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Sends SMS messages through CM.com ({@link CmSmsGateway}). The adapter of every build whose
 * {@code clientapp.sms.provider} is {@code cm}, the default outside dev and test. It is an
 * alternative with a priority, so a test build that selects it uses it in place of the in-memory
 * sender. The application fails at start when the base URL or the product token is missing.
 */
@Startup
@ApplicationScoped
@Alternative
@Priority(1)
@IfBuildProperty(name = "clientapp.sms.provider", stringValue = "cm", enableIfMissing = true)
public class CmSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(CmSmsSender.class);

    @Inject
    CmSmsGateway gateway;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Override
    public void send(String mobile, String text) {
        String reference = UUID.randomUUID().toString();
        try {
            gateway.post(mobile, text, reference);
            LOG.debugf("CM.com accepted SMS %s", reference);
        } catch (FaultToleranceException e) {
            // The circuit breaker is open or the attempts ran out of time: no request reached the gateway this time.
            LOG.warnf("SMS %s not sent: %s", reference, e.getClass().getSimpleName());
            throw new SmsFailedException("SMS gateway unavailable: " + e.getClass().getSimpleName(), e);
        } catch (SmsFailedException e) {
            LOG.warnf("SMS %s not sent: %s", reference, e.getMessage());
            throw e;
        }
    }

    @Override
    public boolean isAvailable() {
        return circuitBreakers.currentState(CmSmsGateway.CIRCUIT_BREAKER) != CircuitBreakerState.OPEN;
    }
}
