package nl.clientapp.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import nl.clientapp.dossier.SqlReader;
import nl.clientapp.privacy.AccountErasure;
import nl.clientapp.privacy.AccountErasureStep;
import nl.clientapp.privacy.PersonalDataSection;
import nl.clientapp.privacy.PersonalDataSource;

/**
 * The privacy side of notifications.
 *
 * <p>Export ({@code notifications} section): each push registration with its platform, login
 * session and time, but not the token: it is an address Apple or Google issued to the app on the
 * device, meaningless to the person and usable to send pushes to the device. Then the user's
 * notification preferences.
 *
 * <p>Erasure: e-mails, SMS and push messages to the user's address, number or push tokens that
 * the outbox has not sent yet are cancelled (status FAILED, error {@code AccountErased}), and every
 * outbox row to them, sent or not, loses recipient, subject, text and data, so no copy of a message
 * to the person outlives the account. Push tokens and preferences are deleted. The confirmation of
 * the erasure is sent after the commit and is not touched. Webhook messages go to the
 * organisation, name ids only, and stay.
 */
@ApplicationScoped
class NotificationPrivacy implements PersonalDataSource, AccountErasureStep {

    /** {@code last_error} of a message cancelled because its recipient erased the account. */
    static final String CANCELLED = "AccountErased";

    private static final Logger LOG = Logger.getLogger(NotificationPrivacy.class);

    record PushTokenExport(UUID loginSessionId, String platform, Instant registeredAt) {
    }

    record PreferenceExport(String kind, boolean email, boolean push, Instant updatedAt) {
    }

    record NotificationsExport(List<PushTokenExport> pushTokens, List<PreferenceExport> preferences) {
    }

    @Inject
    SqlReader sql;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Override
    public String section() {
        return "notifications";
    }

    @Override
    public PersonalDataSection collect(UUID userId) {
        List<PushTokenExport> tokens = sql.list("""
                select login_session_id, platform, updated_at from push_token where user_id = ? order by updated_at, login_session_id""",
                row -> new PushTokenExport(row.getObject("login_session_id", UUID.class), row.getString("platform"),
                        SqlReader.instant(row, "updated_at")),
                userId);
        List<PreferenceExport> preferences = sql.list("""
                select kind, email, push, updated_at from notification_preference where user_id = ? order by kind""",
                row -> new PreferenceExport(row.getString("kind"), row.getBoolean("email"), row.getBoolean("push"),
                        SqlReader.instant(row, "updated_at")),
                userId);
        return PersonalDataSection.of(new NotificationsExport(tokens, preferences));
    }

    @Override
    public void erase(AccountErasure erasure) {
        // Before the push tokens go and before the account row loses its address and number.
        int messages = entityManager.createNativeQuery("""
                update outbox_message o
                   set status = case when o.status = 'PENDING' then 'FAILED' else o.status end,
                       failed_at = case when o.status = 'PENDING' then :now else o.failed_at end,
                       last_error = case when o.status = 'PENDING' then :cancelled else o.last_error end,
                       recipient = '', subject = null, body = '', data = null
                  from app_user u
                 where u.id = :user
                   and ((o.channel = 'EMAIL' and lower(o.recipient) = lower(u.email))
                        or (o.channel = 'SMS' and o.recipient = u.mobile)
                        or (o.channel = 'PUSH' and o.recipient in (select t.token from push_token t where t.user_id = :user)))""")
                .setParameter("now", erasure.erasedAt().truncatedTo(ChronoUnit.MICROS))
                .setParameter("cancelled", CANCELLED)
                .setParameter("user", erasure.userId())
                .executeUpdate();
        int tokens = entityManager.createNativeQuery("delete from push_token where user_id = ?1")
                .setParameter(1, erasure.userId())
                .executeUpdate();
        entityManager.createNativeQuery("delete from notification_preference where user_id = ?1")
                .setParameter(1, erasure.userId())
                .executeUpdate();
        LOG.infof("Emptied %d outbox messages and deleted %d push tokens of user %s", messages, tokens, erasure.userId());
    }
}
