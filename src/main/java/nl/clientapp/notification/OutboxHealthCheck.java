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
    static final String OK = "OK";
    static final String DEGRADED = "DEGRADED";
    static final String DOWN = "DOWN";

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
        String state = state(snapshot, config.outbox());
        response.withData("pending", snapshot.pending())
                .withData("oldestPendingAgeSeconds", snapshot.oldestAge().toSeconds())
                .withData("state", state);
        return (state.equals(DOWN) ? response.down() : response.up()).build();
    }

    /** Returns {@code OK}, {@code DEGRADED} or {@code DOWN} for a backlog; DOWN wins over DEGRADED. */
    static String state(OutboxBacklog.Snapshot snapshot, MonitoringConfig.Outbox limits) {
        if (snapshot.pending() >= limits.downBacklog() || snapshot.oldestAge().compareTo(limits.downAge()) >= 0) {
            return DOWN;
        }
        if (snapshot.pending() >= limits.degradedBacklog() || snapshot.oldestAge().compareTo(limits.degradedAge()) >= 0) {
            return DEGRADED;
        }
        return OK;
    }
}
