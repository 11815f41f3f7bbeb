package nl.clientapp.common.http;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Stops the start on transport settings that would open the API too wide: CORS admitting any
 * origin, or forwarded headers honoured without a list of trusted proxies (Quarkus then trusts
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} from every sender).
 */
@ApplicationScoped
class TransportConfigCheck {

    @ConfigProperty(name = "quarkus.http.cors.origins")
    Optional<List<String>> corsOrigins;

    @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
    boolean proxyAddressForwarding;

    @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies")
    Optional<List<String>> trustedProxies;

    void onStart(@Observes StartupEvent event) {
        requireExplicitOrigins(corsOrigins.orElse(List.of()));
        requireTrustedProxies(proxyAddressForwarding, trustedProxies.orElse(List.of()));
    }

    /** Rejects {@code *} and regular expressions (Quarkus reads an origin between slashes as one). */
    static void requireExplicitOrigins(List<String> origins) {
        for (String origin : origins) {
            String trimmed = origin.trim();
            if (trimmed.contains("*") || (trimmed.startsWith("/") && trimmed.endsWith("/"))) {
                throw new IllegalStateException("quarkus.http.cors.origins must list exact origins such as https://app.example.nl, not "
                        + trimmed);
            }
        }
    }

    static void requireTrustedProxies(boolean forwarding, List<String> proxies) {
        if (forwarding && proxies.stream().allMatch(String::isBlank)) {
            throw new IllegalStateException("quarkus.http.proxy.proxy-address-forwarding is on without "
                    + "quarkus.http.proxy.trusted-proxies: set QUARKUS_HTTP_PROXY_TRUSTED_PROXIES to the reverse proxy's addresses");
        }
    }
}
