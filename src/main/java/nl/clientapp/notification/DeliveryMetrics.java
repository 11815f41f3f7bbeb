package nl.clientapp.notification;

import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts messages handed to a provider as {@code clientapp_message_sends_total{channel,outcome}}:
 * channel {@code email}, {@code sms}, {@code push} or {@code webhook}; outcome {@code success}
 * or {@code failure}. Outbox attempts and the SMS login codes sent during a request both count,
 * each attempt once. Labels never name a recipient.
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void registerSeries() {
        // Every series is present from the start at 0, so a failure ratio has a denominator at once.
        for (Outbox.Channel channel : Outbox.Channel.values()) {
            counter(channel, true);
            counter(channel, false);
        }
    }

    public void record(Outbox.Channel channel, boolean success) {
        counter(channel, success).increment();
    }

    private Counter counter(Outbox.Channel channel, boolean success) {
        return Counter.builder("clientapp.message.sends")
                .description("Messages handed to the e-mail, SMS, push or webhook provider, by outcome")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("outcome", success ? "success" : "failure")
                .register(registry);
    }
}
