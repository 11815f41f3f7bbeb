package nl.clientapp.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import nl.clientapp.common.throttle.Throttle;

/**
 * Deletes login rows that no check reads any more: expired challenges, request counters older
 * than the one-hour limit windows, and SMS attempts and contact changes past their expiry. Deleting is safe when
 * several instances run it at once.
 */
@ApplicationScoped
class LoginHousekeeping {

    private static final Logger LOG = Logger.getLogger(LoginHousekeeping.class);
    /** Kept longer than the longest window a check reads (one hour), so no limit is lifted early. */
    private static final Duration RETENTION = Duration.ofDays(1);

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    Throttle throttle;

    @Scheduled(every = "${clientapp.auth.housekeeping-interval}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge();
    }

    /** Deletes rows that expired more than a day ago and returns the number deleted. */
    @Transactional
    int purge() {
        Instant cutoff = DatabaseTime.now(clock).minus(RETENTION);
        int deleted = delete("delete from login_challenge where expires_at < :cutoff", cutoff)
                + throttle.deleteBefore(cutoff)
                + delete("delete from activation where expires_at < :cutoff and used_at is null", cutoff)
                + delete("delete from contact_change where expires_at < :cutoff", cutoff);
        LOG.infof("Deleted %d expired login rows", deleted);
        return deleted;
    }

    private int delete(String sql, Instant cutoff) {
        return entityManager.createNativeQuery(sql).setParameter("cutoff", cutoff).executeUpdate();
    }
}
