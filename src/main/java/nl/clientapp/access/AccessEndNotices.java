package nl.clientapp.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import nl.clientapp.common.DutchTime;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.JobShutdown;
import nl.clientapp.common.SkipLockedBatches;
import nl.clientapp.notification.NotificationKind;
import nl.clientapp.notification.Outbox;

/**
 * E-mails about the end of access: a warning 7 days before access ends when the end date is known
 * (care ended or a termination request), and a notice when access has ended. Each e-mail is
 * claimed by inserting a row into {@code access_end_notice} and queued in the outbox in the same
 * transaction, so several instances and repeated runs send it once, and the relay retries it. These
 * e-mails are required and ignore notification preferences.
 */
@ApplicationScoped
class AccessEndNotices {

    /** How long before the end of access the warning is sent. */
    static final int WARNING_DAYS = 7;

    /** Warnings claimed per transaction. */
    static final int BATCH_SIZE = 500;

    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("d-M-yyyy");

    // The known end day is the earlier of care end + 6 weeks (when no care relationship is open)
    // and the termination end day; PostgreSQL's least() ignores nulls. Blocked users get no
    // warning, because a block ends access at once.
    private static final String CLAIM_WARNINGS = """
            with due as (
                select m.id, least(case when f.any_open_care = false then f.last_care_end + 42 end,
                                   f.termination_ends_on) as end_day
                  from membership m
                  join membership_access_facts f on f.membership_id = m.id
                 where m.status = 'ACTIVE' and not f.blocked
            ), claimed as (
                insert into access_end_notice (membership_id, kind, access_ends_on, created_at)
                select id, 'WARNING', end_day, :now
                  from due
                 where end_day > :today and end_day <= :lastWarnedEndDay
                   and not exists (select 1 from access_end_notice n
                                    where n.membership_id = due.id and n.kind = 'WARNING' and n.access_ends_on = due.end_day)
                 limit :batchSize
                on conflict do nothing
                returning membership_id, access_ends_on
            )
            select m.id, m.user_id, u.email, u.language, o.name, claimed.access_ends_on
              from claimed
              join membership m on m.id = claimed.membership_id
              join app_user u on u.id = m.user_id
              join client c on c.id = m.client_id
              join organisation o on o.id = c.organisation_id
            """;

    /** Warning before access ends, or notice that it has ended. */
    enum Kind {
        WARNING, ENDED
    }

    /**
     * One e-mail about the end of a membership's access.
     *
     * @param endDay the day access ends (WARNING) or the day it was ended (ENDED)
     * @param reason why access ended; null for a warning
     */
    record Notice(Kind kind, UUID membershipId, UUID userId, String email, String language, String organisationName,
            LocalDate endDay, EndReason reason) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    JobShutdown jobShutdown;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    /**
     * Claims the warnings of memberships whose access ends within {@value #WARNING_DAYS} days and
     * queues their e-mails in the same transactions. A run that comes late still warns while access
     * has not ended yet.
     *
     * @return how many warnings this call claimed
     */
    public int sendDueWarnings() {
        return SkipLockedBatches.drain(jobShutdown, BATCH_SIZE, this::claimWarnings, batch -> {
        });
    }

    /**
     * Records the ENDED notices in the caller's transaction and queues the e-mails of those not
     * recorded before.
     *
     * @return how many e-mails this call queued
     */
    int claim(List<Notice> ended, Instant now) {
        int queued = 0;
        for (Notice notice : ended) {
            int inserted = entityManager.createNativeQuery("""
                    insert into access_end_notice (membership_id, kind, access_ends_on, created_at)
                    values (:membership, 'ENDED', :day, :now)
                    on conflict do nothing""")
                    .setParameter("membership", notice.membershipId())
                    .setParameter("day", notice.endDay())
                    .setParameter("now", now)
                    .executeUpdate();
            if (inserted == 1) {
                enqueue(notice);
                queued++;
            }
        }
        return queued;
    }

    /** Queues one notice's e-mail in the caller's transaction; the end of access is always e-mailed. */
    private void enqueue(Notice notice) {
        Locale locale = RequestLanguage.fromCode(notice.language());
        String subject;
        String text;
        if (notice.kind() == Kind.WARNING) {
            String lastDay = DATE_FORMAT.format(notice.endDay().minusDays(1));
            subject = Messages.get(locale, "mail.access-ending.subject");
            text = Messages.get(locale, "mail.access-ending.text", notice.organisationName(), lastDay);
        } else {
            String reason = Messages.get(locale, "mail.access-ended.reason." + notice.reason().name(),
                    notice.organisationName());
            subject = Messages.get(locale, "mail.access-ended.subject");
            text = Messages.get(locale, "mail.access-ended.text", notice.organisationName(), reason);
        }
        outbox.email(notice.email(), subject, text, "mail.access-" + notice.kind().name().toLowerCase(Locale.ROOT));
        String push = notice.kind() == Kind.WARNING ? "push.access-ending" : "push.access-ended";
        String lastDay = DATE_FORMAT.format(notice.kind() == Kind.WARNING ? notice.endDay().minusDays(1) : notice.endDay());
        outbox.pushUser(notice.userId(), NotificationKind.ACCESS_NOTICES, push + ".title", push + ".body",
                Map.of("membershipId", notice.membershipId().toString()), notice.organisationName(), lastDay);
    }

    /** Warnings claimed in one transaction. */
    private record Warnings(int claimed) implements SkipLockedBatches.Batch {
    }

    private Warnings claimWarnings() {
        LocalDate today = DutchTime.today(clock);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(CLAIM_WARNINGS)
                .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                .setParameter("today", today)
                .setParameter("lastWarnedEndDay", today.plusDays(WARNING_DAYS))
                .setParameter("batchSize", BATCH_SIZE)
                .getResultList();
        for (Object[] row : rows) {
            enqueue(new Notice(Kind.WARNING, (UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                    (String) row[4], toLocalDate(row[5]), null));
        }
        return new Warnings(rows.size());
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof LocalDate date ? date : ((java.sql.Date) value).toLocalDate();
    }
}
