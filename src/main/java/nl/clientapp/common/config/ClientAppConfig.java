package nl.clientapp.common.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the CliëntApp API itself, under the prefix {@code clientapp}. */
@ConfigMapping(prefix = "clientapp")
public interface ClientAppConfig {

    Jwt jwt();

    Bootstrap bootstrap();

    Throttle throttle();

    /** Limits of the shared throttle (SECURITY.md L3, T3). */
    interface Throttle {
        /**
         * Requests per client IP address in any hour, per operationId of an endpoint marked
         * {@code @Throttled}. Every such endpoint needs an entry; a missing one fails the request.
         */
        Map<String, Integer> requestsPerIpPerHour();

        /** Failed logins, refreshes, SMS codes or client secrets per client IP address in any hour, per endpoint. */
        @WithDefault("30")
        int failuresPerIpPerHour();

        /** Failures per account (device for a PIN login, client id for an integrator) in any hour. */
        @WithDefault("10")
        int failuresPerAccountPerHour();
    }

    interface Jwt {
        /** Issuer ({@code iss}) of every token this API signs and the only issuer it accepts. */
        String issuer();

        /** Lifetime of access tokens for app users and integrators. */
        @WithDefault("PT5M")
        Duration accessTokenLifetime();
    }

    /** An organisation and integrator created at start, so a fresh installation can be used. */
    interface Bootstrap {
        @WithDefault("Zorgorganisatie")
        String organisationName();

        Optional<String> integratorClientId();

        /** Secret of the bootstrap integrator; only its SHA-256 hash is stored. */
        Optional<String> integratorClientSecret();

        @WithDefault("fhir:write members:write terms:write audit:read audit:write webhooks:write chat:write")
        String integratorScopes();

        /** Address of the organisation's privacy officer for privacy notices, such as a client left without an administrator. */
        Optional<String> organisationPrivacyContactEmail();
    }
}
