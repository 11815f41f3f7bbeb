package nl.clientapp.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts PIN logins by outcome as {@code clientapp_logins_total{outcome}}. The outcome is the
 * only label: never a device, user or address, so the metric contains no personal data.
 */
@Startup
@ApplicationScoped
class LoginMetrics {

    /** Result of a PIN login. The API returns one generic 401 for every failure, and this tells them apart. */
    enum Outcome {
        SUCCESS, UNKNOWN_DEVICE, INVALID_CHALLENGE, BAD_SIGNATURE, WRONG_PIN, THROTTLED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void registerOutcomes() {
        // Every outcome is present from the start at 0, so an alert on its rate has a series to read.
        for (Outcome outcome : Outcome.values()) {
            counter(outcome);
        }
    }

    void record(Outcome outcome) {
        counter(outcome).increment();
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder("clientapp.logins")
                .description("PIN logins by outcome")
                .tag("outcome", outcome.label())
                .register(registry);
    }
}
