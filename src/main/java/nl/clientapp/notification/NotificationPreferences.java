package nl.clientapp.notification;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import nl.clientapp.common.problem.ProblemException;

/**
 * A user's choices per {@link NotificationKind} and channel. Without a stored choice both channels
 * are on. E-mails of a kind with {@link NotificationKind#emailMandatory()} go out whatever is stored.
 */
@ApplicationScoped
public class NotificationPreferences {

    /** One kind's choices, as the app reads and writes them. */
    public record Preference(NotificationKind kind, boolean email, boolean push, boolean emailMandatory) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** Checks whether a message of {@code kind} may go to {@code userId} through {@code channel}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean allows(UUID userId, NotificationKind kind, Outbox.Channel channel) {
        if (!kind.configurable() || (channel == Outbox.Channel.EMAIL && kind.emailMandatory())) {
            return true;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select email, push from notification_preference where user_id = :user and kind = :kind")
                .setParameter("user", userId)
                .setParameter("kind", kind.name())
                .getResultList();
        if (rows.isEmpty()) {
            return true;
        }
        return Boolean.TRUE.equals(rows.get(0)[channel == Outbox.Channel.EMAIL ? 0 : 1]);
    }

    /** Returns the user's choices for every configurable kind. */
    @Transactional
    public List<Preference> read(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select kind, email, push from notification_preference where user_id = :user")
                .setParameter("user", userId)
                .getResultList();
        Map<String, Object[]> stored = new HashMap<>();
        for (Object[] row : rows) {
            stored.put((String) row[0], row);
        }
        List<Preference> preferences = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            if (!kind.configurable()) {
                continue;
            }
            Object[] row = stored.get(kind.name());
            boolean email = kind.emailMandatory() || row == null || Boolean.TRUE.equals(row[1]);
            boolean push = row == null || Boolean.TRUE.equals(row[2]);
            preferences.add(new Preference(kind, email, push, kind.emailMandatory()));
        }
        return preferences;
    }

    /**
     * Stores the given choices; kinds left out keep theirs.
     *
     * @throws ProblemException 400 for a kind without preferences, a kind given twice, or e-mail
     *         turned off where it is mandatory
     */
    @Transactional
    public List<Preference> update(UUID userId, List<Preference> changes) {
        List<NotificationKind> seen = new ArrayList<>();
        for (Preference change : changes) {
            if (!change.kind().configurable() || seen.contains(change.kind())) {
                throw ProblemException.badRequest("notification-kind-invalid", change.kind().name());
            }
            if (change.kind().emailMandatory() && !change.email()) {
                throw ProblemException.badRequest("notification-email-mandatory", change.kind().name());
            }
            seen.add(change.kind());
        }
        for (Preference change : changes) {
            entityManager.createNativeQuery("""
                    insert into notification_preference (user_id, kind, email, push, updated_at)
                    values (:user, :kind, :email, :push, :now)
                    on conflict (user_id, kind) do update set email = excluded.email, push = excluded.push,
                                                              updated_at = excluded.updated_at
                    """)
                    .setParameter("user", userId)
                    .setParameter("kind", change.kind().name())
                    .setParameter("email", change.email())
                    .setParameter("push", change.push())
                    .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                    .executeUpdate();
        }
        return read(userId);
    }
}
