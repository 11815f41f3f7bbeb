package nl.clientapp.common.throttle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import nl.clientapp.common.config.ClientAppConfig;
import nl.clientapp.common.problem.ProblemException;

/**
 * The one throttle of the application: counts events per bucket and subject in PostgreSQL, so
 * every instance counts the same rows, and answers 429 with {@code Retry-After} when a limit is
 * reached. Each check takes a transaction-scoped advisory lock on the bucket and subject, so
 * parallel requests are counted one after another and a limit is never overshot.
 *
 * <p>Two ways to use it: {@link #acquire} counts every request (request caps), and
 * {@link #check} before plus {@link #record} after a failure count failures only (wrong PINs,
 * secrets, codes). Callers run inside a transaction that is not rolled back by the failure.
 */
@ApplicationScoped
public class Throttle {

    /**
     * A limit: at most {@code max} events per {@code window} in {@code bucket}, and, when
     * {@code minInterval} is positive, at least that long between two events.
     */
    public record Limit(String bucket, int max, Duration window, Duration minInterval) {

        public static Limit perHour(String bucket, int max) {
            return new Limit(bucket, max, Duration.ofHours(1), Duration.ZERO);
        }
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    ClientAppConfig config;

    /**
     * Returns the cap of requests per client IP address in any hour for an endpoint marked
     * {@link Throttled}: {@code clientapp.throttle.requests-per-ip-per-hour.<operationId>}.
     *
     * @throws IllegalStateException when the endpoint has no cap configured
     */
    public int requestsPerIpPerHour(String operationId) {
        return Optional.ofNullable(config.throttle().requestsPerIpPerHour().get(operationId))
                .orElseThrow(() -> new IllegalStateException("No clientapp.throttle.requests-per-ip-per-hour." + operationId));
    }

    /**
     * Counts failures against the limits checked by {@link #checkFailures}, in the transaction of
     * that check: either after the failure ({@link #count}) or in advance ({@link #reserve}).
     */
    public final class Failures {

        private final Limit perIp;
        private final String ipAddress;
        private final Limit perAccount;
        private final String account;

        private Failures(Limit perIp, String ipAddress, Limit perAccount, String account) {
            this.perIp = perIp;
            this.ipAddress = ipAddress;
            this.perAccount = perAccount;
            this.account = account;
        }

        /** Counts one failure now. */
        public void count() {
            reserve();
        }

        /**
         * Counts one failure now, before the outcome is known, and returns it so that
         * {@link #cancel} can take it back after a success. Use it when the outcome is decided
         * after this transaction: the counted failure keeps the limit exact for parallel requests
         * although the lock ends with the transaction. Until it is cancelled, the reserved
         * failure fills a place of the limit, so a parallel request may get 429 for a request
         * that later succeeds.
         */
        public Reservation reserve() {
            List<Long> eventIds = new ArrayList<>(2);
            eventIds.add(insertEvent(perIp, ipAddress));
            if (account != null) {
                eventIds.add(insertEvent(perAccount, account));
            }
            return new Reservation(List.copyOf(eventIds));
        }
    }

    /** Failure events counted by {@link Failures#reserve} and not yet known to be failures. */
    public record Reservation(List<Long> eventIds) {
    }

    /**
     * Checks {@code limit} for {@code subject} and counts this event.
     *
     * @throws ProblemException 429 with Retry-After when the limit is reached; nothing is counted then
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire(Limit limit, String subject) {
        check(limit, subject);
        record(limit, subject);
    }

    /**
     * Checks {@code limit} for {@code subject} without counting, and holds the lock until the
     * transaction ends, so a {@link #record} in the same transaction is seen by the next check.
     *
     * @throws ProblemException 429 with Retry-After when the limit is reached
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(Limit limit, String subject) {
        Instant now = now();
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) as locked")
                .setParameter("key", limit.bucket() + ":" + subject)
                .getSingleResult();
        Object[] counted = (Object[]) entityManager.createNativeQuery("""
                select count(*), min(created_at), max(created_at) from throttle_event
                 where bucket = :bucket and subject = :subject and created_at > :since and created_at <= :now
                """)
                .setParameter("bucket", limit.bucket())
                .setParameter("subject", subject)
                .setParameter("since", now.minus(limit.window()))
                .setParameter("now", now)
                .getSingleResult();
        long count = ((Number) counted[0]).longValue();
        if (count == 0) {
            return;
        }
        Instant latest = toInstant(counted[2]);
        if (!limit.minInterval().isZero() && latest.plus(limit.minInterval()).isAfter(now)) {
            throw ProblemException.tooManyRequests(secondsUntil(latest.plus(limit.minInterval()), now));
        }
        if (count >= limit.max()) {
            throw ProblemException.tooManyRequests(secondsUntil(toInstant(counted[1]).plus(limit.window()), now));
        }
    }

    /** Counts one event of {@code subject} in {@code limit}'s bucket now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Limit limit, String subject) {
        insertEvent(limit, subject);
    }

    private long insertEvent(Limit limit, String subject) {
        return ((Number) entityManager.createNativeQuery("""
                insert into throttle_event (bucket, subject, created_at) values (:bucket, :subject, :now) returning id
                """)
                .setParameter("bucket", limit.bucket())
                .setParameter("subject", subject)
                .setParameter("now", now())
                .getSingleResult()).longValue();
    }

    /**
     * Checks the failure limits of {@code operation} for the client IP address and, when not null,
     * for the account (a device, an integrator client id), and returns what counts a failure. The
     * locks are held until the transaction ends, so parallel failures are all counted.
     *
     * @throws ProblemException 429 with Retry-After when either limit is reached
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Failures checkFailures(String operation, String ipAddress, String account) {
        Limit perIp = Limit.perHour("failures-ip:" + operation, config.throttle().failuresPerIpPerHour());
        Limit perAccount = Limit.perHour("failures-account:" + operation, config.throttle().failuresPerAccountPerHour());
        check(perIp, ipAddress);
        if (account != null) {
            check(perAccount, account);
        }
        return new Failures(perIp, ipAddress, perAccount, account);
    }

    /** Takes back the failures of {@code reservation}, because the request succeeded after all. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(Reservation reservation) {
        entityManager.createNativeQuery("delete from throttle_event where id in (:ids)")
                .setParameter("ids", reservation.eventIds())
                .executeUpdate();
    }

    /** Deletes events older than {@code cutoff}; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteBefore(Instant cutoff) {
        return entityManager.createNativeQuery("delete from throttle_event where created_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Returns whole seconds from {@code now} to {@code moment}, rounded up, at least 1. */
    private static long secondsUntil(Instant moment, Instant now) {
        long millis = Duration.between(now, moment).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
