package nl.clientapp.auth;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the login flow, under the prefix {@code clientapp.auth}. */
@ConfigMapping(prefix = "clientapp.auth")
public interface AuthConfig {

    /**
     * Server-side secret (pepper) mixed into PIN hashes and SMS code hashes, at least 32
     * characters. Production reads it from CLIENTAPP_AUTH_PEPPER and does not start without it.
     */
    String pepper();

    /** Lifetime of the activation code in an invitation e-mail. */
    @WithDefault("PT72H")
    Duration invitationLifetime();

    /** Lifetime of an SMS verification code. */
    @WithDefault("PT5M")
    Duration smsCodeLifetime();

    /** Wrong entries after which an SMS code is void. */
    @WithDefault("3")
    int smsCodeMaxAttempts();

    /** Minimum time between two SMS codes for one user. */
    @WithDefault("PT60S")
    Duration smsMinInterval();

    /** Maximum SMS codes for one user in any hour. */
    @WithDefault("5")
    int smsMaxPerUserPerHour();

    /** Regions (ISO 3166 codes) whose mobile numbers may register and receive SMS codes. */
    @WithDefault("NL,BE,DE")
    List<String> allowedMobileRegions();

    /** Lifetime of a PIN-login challenge. */
    @WithDefault("PT2M")
    Duration challengeLifetime();

    /**
     * Argon2 PIN checks and hashes that run at once; further ones wait in arrival order. Default:
     * half the available processors, at least 1. Argon2 is bound by memory bandwidth: on the
     * benchmark machine two parallel runs took 47 ms each against 27 ms for one alone, so a second
     * run added 10% throughput and took the core the other requests needed.
     */
    OptionalInt pinCheckConcurrency();

    /**
     * Maximum wait for a free Argon2 run. A login, PIN change or PIN confirmation that waited
     * longer gets 503 {@code server-busy}, and a PIN login's failure limits do not count it.
     */
    @WithDefault("PT2S")
    Duration pinCheckWait();

    /** Consecutive wrong PINs that destroy a device registration. */
    @WithDefault("5")
    int maxFailedPins();

    /** Idle expiry of a login session: each refresh token expires this long after it was issued. */
    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** How often expired login rows are deleted, as a Quarkus scheduler interval; "off" disables it. */
    @WithDefault("1h")
    String housekeepingInterval();
}
