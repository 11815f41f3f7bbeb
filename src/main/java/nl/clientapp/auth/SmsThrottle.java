package nl.clientapp.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import nl.clientapp.common.problem.ProblemException;

/**
 * Limits activation requests per IP address and SMS codes per user, with counters in PostgreSQL
 * so that every instance counts the same rows. Callers run inside a transaction. The checks take
 * a lock (the user row, or an advisory lock on the IP address), so parallel requests are counted
 * one after another.
 */
@ApplicationScoped
class SmsThrottle {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    AuthConfig config;

    /**
     * Records an activation request from {@code ipAddress}.
     *
     * @throws ProblemException 429 when the address made too many requests in the past hour
     */
    void recordRequestFrom(String ipAddress) {
        Instant now = DatabaseTime.now(clock);
        lockUntilCommit("activation-ip:" + ipAddress);

        List<?> recent = createdInPastHour("activation_request", "ip_address", ipAddress, now);
        if (recent.size() >= config.activationRequestsPerIpPerHour()) {
            throw ProblemException.tooManyRequests(secondsUntil(toInstant(recent.get(0)).plus(HOUR), now));
        }

        entityManager.createNativeQuery("insert into activation_request (id, ip_address, created_at) values (:id, :ip, :now)")
                .setParameter("id", UUID.randomUUID())
                .setParameter("ip", ipAddress)
                .setParameter("now", now)
                .executeUpdate();
    }

    /**
     * Checks whether {@code userId} may get another SMS code now. Locks the user's row until the
     * transaction ends, so the caller's new activation row is counted by the next request.
     *
     * @throws ProblemException 429 when the last code is too recent or the hourly limit is reached
     */
    void requireSmsAllowed(UUID userId) {
        Instant now = DatabaseTime.now(clock);
        entityManager.createNativeQuery("select id from app_user where id = :user for update")
                .setParameter("user", userId)
                .getResultList();

        requireWithinLimits(createdInPastHour("activation", "user_id", userId, now), now);
    }

    /**
     * Applies the per-user limits to an activation code that sends no SMS (unknown, expired or
     * used), counted per code, and records the request. A repeated invalid code then gets 429 at
     * the same moments a valid one would, so the limits do not reveal which codes are valid.
     *
     * @throws ProblemException 429 when a valid code would get 429 now
     */
    void recordDecoy(String codeHash) {
        Instant now = DatabaseTime.now(clock);
        lockUntilCommit("activation-decoy:" + codeHash);

        requireWithinLimits(createdInPastHour("activation_decoy", "code_hash", codeHash, now), now);

        entityManager.createNativeQuery("insert into activation_decoy (id, code_hash, created_at) values (:id, :hash, :now)")
                .setParameter("id", UUID.randomUUID())
                .setParameter("hash", codeHash)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** Throws 429 when the newest of {@code recent} (sorted, within the past hour) is too recent or there are too many. */
    /** Takes a PostgreSQL advisory lock on {@code key} until the transaction ends, so counting and inserting are atomic. */
    private void lockUntilCommit(String key) {
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) as locked")
                .setParameter("key", key)
                .getSingleResult();
    }

    /**
     * Returns the created_at values of the past hour, oldest first, of the rows of {@code table} whose
     * {@code column} equals {@code value}. Table and column names come from this class only.
     */
    private List<?> createdInPastHour(String table, String column, Object value, Instant now) {
        return entityManager.createNativeQuery("select created_at from " + table + " where " + column
                + " = :value and created_at > :since and created_at <= :now order by created_at")
                .setParameter("value", value)
                .setParameter("since", now.minus(HOUR))
                .setParameter("now", now)
                .getResultList();
    }

    private void requireWithinLimits(List<?> recent, Instant now) {
        if (recent.isEmpty()) {
            return;
        }
        Instant latest = toInstant(recent.get(recent.size() - 1));
        if (latest.plus(config.smsMinInterval()).isAfter(now)) {
            throw ProblemException.tooManyRequests(secondsUntil(latest.plus(config.smsMinInterval()), now));
        }
        if (recent.size() >= config.smsMaxPerUserPerHour()) {
            throw ProblemException.tooManyRequests(secondsUntil(toInstant(recent.get(0)).plus(HOUR), now));
        }
    }

    /** Returns whole seconds from {@code now} to {@code moment}, rounded up, at least 1. */
    private static long secondsUntil(Instant moment, Instant now) {
        long millis = Duration.between(now, moment).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
