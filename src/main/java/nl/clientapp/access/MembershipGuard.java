package nl.clientapp.access;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.security.UnauthorizedException;
import nl.clientapp.common.problem.ProblemException;

/**
 * Resolves on every request, from the database, whether the calling app user may use a client's
 * data: the login session must be active, the membership current with an admitted role, and no
 * end-of-access rule may apply (care ended more than 6 weeks ago, a termination request's end
 * date has passed, or a misuse block). Nothing is cached across requests, so a revoked session,
 * a block or an ended membership takes effect on the next request, whether or not the
 * end-of-access job has run.
 */
@ApplicationScoped
public class MembershipGuard {

    // One statement: the session, the membership and the facts of the end-of-access rules.
    private static final String ACCESS_QUERY = """
            select s.revoked_at is null,
                   m.id,
                   m.role,
                   m.status,
                   m.basis,
                   f.any_open_care, f.last_care_end, f.termination_ends_on, f.blocked
              from login_session s
              left join membership m on m.user_id = s.user_id and m.client_id = :client
              left join membership_access_facts f on f.membership_id = m.id
             where s.id = :session and s.user_id = :user
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /**
     * Checks the caller's access to a client.
     *
     * @throws UnauthorizedException when the session is unknown or revoked
     * @param orClientThemself whether a member with basis CLIENT passes whatever their role
     * @throws ProblemException 404 when the caller may not see this client with one of {@code roles}
     */
    public Role requireMembership(UUID userId, UUID sessionId, UUID clientId, Set<Role> roles, boolean orClientThemself,
            CurrentMembership current) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(ACCESS_QUERY)
                .setParameter("client", clientId)
                .setParameter("session", sessionId)
                .setParameter("user", userId)
                .getResultList();
        if (rows.isEmpty() || !Boolean.TRUE.equals(rows.get(0)[0])) {
            throw new UnauthorizedException();
        }
        Object[] row = rows.get(0);
        if (row[1] == null || !"ACTIVE".equals(row[3])) {
            throw ProblemException.notFound();
        }
        Role role = Role.valueOf((String) row[2]);
        boolean admitted = roles.contains(role) || (orClientThemself && MembershipBasis.CLIENT.name().equals(row[4]));
        if (!admitted || !AccessFacts.fromRow(row, 5).allowsAccess(clock.instant())) {
            current.refuse(role);
            throw ProblemException.notFound();
        }
        current.admit((UUID) row[1], clientId, userId, role);
        return role;
    }

    /** Checks that the caller's login session is active. */
    public void requireActiveSession(UUID userId, UUID sessionId) {
        Number active = (Number) entityManager.createNativeQuery(
                "select count(*) from login_session where id = :session and user_id = :user and revoked_at is null")
                .setParameter("session", sessionId)
                .setParameter("user", userId)
                .getSingleResult();
        if (active.intValue() == 0) {
            throw new UnauthorizedException();
        }
    }
}
