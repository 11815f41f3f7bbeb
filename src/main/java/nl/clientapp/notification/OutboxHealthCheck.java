package nl.clientapp.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * Reports the outbox backlog: {@code OK} below the degraded thresholds, {@code DEGRADED} (still
 * UP) from either degraded threshold, DOWN from either down threshold (pending messages or age of
 * the oldest). It belongs to the health group {@code dependencies}, not to readiness: the backlog
 * is shared by all instances, so a DOWN in readiness would take every instance out of the load
 * balancer at once while the API itself still works.
 */
@ApplicationScoped
@HealthGroup(DependencyHealth.GROUP)
class OutboxHealthCheck implements HealthCheck {

    static final String NAME = "outbox";

    @Inject
    OutboxBacklog backlog;

    @Inject
    MonitoringConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        OutboxBacklog.Snapshot snapshot;
        try {
            snapshot = backlog.count();
        } catch (IllegalStateException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
        MonitoringConfig.Outbox limits = config.outbox();
        long ageSeconds = snapshot.oldestAge().toSeconds();
        response.withData("pending", snapshot.pending()).withData("oldestPendingAgeSeconds", ageSeconds);
        if (snapshot.pending() >= limits.downBacklog() || snapshot.oldestAge().compareTo(limits.downAge()) >= 0) {
            return response.down().withData("state", "DOWN").build();
        }
        if (snapshot.pending() >= limits.degradedBacklog() || snapshot.oldestAge().compareTo(limits.degradedAge()) >= 0) {
            return response.up().withData("state", "DEGRADED").build();
        }
        return response.up().withData("state", "OK").build();
    }
}
