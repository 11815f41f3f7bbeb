package nl.clientapp.access;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

import nl.clientapp.common.DutchTime;

/**
 * The facts that the access checks of one app request need, read in one SQL statement. They are
 * whether the login session is active, the first terms version in effect that the user has not
 * accepted, and the user's membership of the client the request is about, with the facts of the
 * end-of-access rules. {@code TermsGate} reads it first and {@link MembershipGuard} reuses it, so a request pays
 * one statement for both checks. It is read again when a check asks about another user, session
 * or client, and never kept beyond the request.
 */
@RequestScoped
public class CallerAccess {

    // The terms subquery matches the gate's rule: per organisation whose clients the user follows,
    // the latest version with an effective date up to today must be accepted.
    private static final String QUERY = """
            select s.revoked_at is null,
                   (select v.id
                      from membership tm
                      join client c on c.id = tm.client_id
                      join terms_version v on v.organisation_id = c.organisation_id
                     where tm.user_id = s.user_id and tm.status = 'ACTIVE'
                       and v.effective_date = (select max(l.effective_date) from terms_version l
                                                where l.organisation_id = c.organisation_id and l.effective_date <= :today)
                       and not exists (select 1 from terms_acceptance a where a.user_id = s.user_id and a.terms_version_id = v.id)
                     order by v.effective_date, v.id
                     limit 1),
                   m.id, m.role, m.status, m.basis,
                   f.any_open_care, f.last_care_end, f.termination_ends_on, f.blocked
              from login_session s
              left join membership m on m.user_id = s.user_id and m.client_id = :client
              left join membership_access_facts f on f.membership_id = m.id
             where s.id = :session and s.user_id = :user
            """;

    /**
     * The access facts of one request.
     *
     * @param sessionActive whether the login session is not revoked
     * @param unacceptedTermsVersionId the first terms version in effect the user has not accepted, or null
     * @param membershipId the user's membership of the client, or null when there is none (or no client was named)
     * @param role the membership's role, or null
     * @param status the membership's status, or null
     * @param basis the membership's basis, or null
     * @param facts the end-of-access facts of the membership, or null without a membership
     */
    public record Facts(boolean sessionActive, UUID unacceptedTermsVersionId, UUID membershipId, String role, String status,
            String basis, AccessFacts facts) {
    }

    private record Key(UUID userId, UUID sessionId, UUID clientId) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    private Key key;
    private Facts facts;

    /**
     * Returns the facts of a session and its user's membership of {@code clientId} (null for no
     * client), or null when the user has no such session. Reads the database unless this request
     * already read the same user, session and client.
     */
    public Facts of(UUID userId, UUID sessionId, UUID clientId) {
        Key requested = new Key(userId, sessionId, clientId);
        if (!requested.equals(key)) {
            facts = read(requested);
            key = requested;
        }
        return facts;
    }

    /**
     * Returns the facts of a session, for checks that need no membership: the facts already read in
     * this request for this user and session, whichever client they named, or else reads them.
     */
    public Facts ofSession(UUID userId, UUID sessionId) {
        if (key != null && key.userId().equals(userId) && key.sessionId().equals(sessionId)) {
            return facts;
        }
        return of(userId, sessionId, null);
    }

    private Facts read(Key requested) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(QUERY)
                .unwrap(NativeQuery.class)
                .setParameter("client", requested.clientId(), UUID.class)
                .setParameter("session", requested.sessionId())
                .setParameter("user", requested.userId())
                .setParameter("today", DutchTime.today(clock))
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        UUID membershipId = (UUID) row[2];
        return new Facts(Boolean.TRUE.equals(row[0]), (UUID) row[1], membershipId, (String) row[3], (String) row[4],
                (String) row[5], membershipId == null ? null : AccessFacts.fromRow(row, 6));
    }
}
