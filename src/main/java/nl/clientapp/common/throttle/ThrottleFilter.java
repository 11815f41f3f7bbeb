package nl.clientapp.common.throttle;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;

/**
 * Applies the per-IP request cap of endpoints marked {@link Throttled}. The client IP address is
 * the one Quarkus resolved: {@code X-Forwarded-For} counts only from a trusted proxy. The count is
 * committed in its own transaction, so a request that fails later still counts.
 */
class ThrottleFilter {

    @Inject
    Throttle throttle;

    @ServerRequestFilter
    void limit(ResourceInfo resource, HttpServerRequest http) {
        Throttled throttled = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Throttled.class);
        if (throttled == null) {
            return;
        }
        Throttle.Limit limit = Throttle.Limit.perHour("requests:" + throttled.value(),
                throttle.requestsPerIpPerHour(throttled.value()));
        QuarkusTransaction.requiringNew().run(() -> throttle.acquire(limit, ClientAddress.of(http)));
    }
}
