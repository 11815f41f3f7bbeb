package nl.clientapp.auth;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.common.throttle.Throttle;

/**
 * The SMS limits of SECURITY.md L3 on the shared {@link Throttle}: at least
 * {@code sms-min-interval} between two codes and at most {@code sms-max-per-user-per-hour} per
 * user. Callers run inside a transaction; a rollback (for example a failed SMS) uncounts the code.
 * The per-IP cap is the request cap of the endpoint ({@code Throttled}).
 */
@ApplicationScoped
class SmsThrottle {

    @Inject
    Throttle throttle;

    @Inject
    AuthConfig config;

    /**
     * Counts an SMS code for {@code userId}.
     *
     * @throws ProblemException 429 when the last code is too recent or the hourly limit is reached
     */
    void acquireSms(UUID userId) {
        throttle.acquire(limit(), "user:" + userId);
    }

    /**
     * Applies the per-user limits to an activation code that sends no SMS (unknown, expired or
     * used), counted per code. A repeated invalid code then gets 429 at the same moments a valid
     * one would, so the limits do not reveal which codes are valid.
     *
     * @throws ProblemException 429 when a valid code would get 429 now
     */
    void recordDecoy(String codeHash) {
        throttle.acquire(limit(), "decoy:" + codeHash);
    }

    private Throttle.Limit limit() {
        return new Throttle.Limit("sms", config.smsMaxPerUserPerHour(), Duration.ofHours(1), config.smsMinInterval());
    }
}
