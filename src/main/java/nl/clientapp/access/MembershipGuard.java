package nl.clientapp.access;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.UnauthorizedException;
import nl.clientapp.common.problem.ProblemException;

/**
 * Resolves on every request, from the database, whether the calling app user may use a client's
 * data: the login session must be active, the membership current with an admitted role, and no
 * end-of-access rule may apply (care ended more than 6 weeks ago, a termination request's end
 * date has passed, or a misuse block). Nothing is cached across requests, so a revoked session,
 * a block or an ended membership takes effect on the next request, whether or not the
 * end-of-access job has run. The facts come from {@link CallerAccess}, the one statement per
 * request that the terms gate reads too.
 */
@ApplicationScoped
public class MembershipGuard {

    @Inject
    CallerAccess callerAccess;

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
        CallerAccess.Facts access = callerAccess.of(userId, sessionId, clientId);
        if (access == null || !access.sessionActive()) {
            throw new UnauthorizedException();
        }
        if (access.membershipId() == null || !"ACTIVE".equals(access.status())) {
            throw ProblemException.notFound();
        }
        Role role = Role.valueOf(access.role());
        boolean admitted = roles.contains(role) || (orClientThemself && MembershipBasis.CLIENT.name().equals(access.basis()));
        if (!admitted || !access.facts().allowsAccess(clock.instant())) {
            current.refuse(role);
            throw ProblemException.notFound();
        }
        current.admit(access.membershipId(), clientId, userId, role);
        return role;
    }

    /** Checks that the caller's login session is active. */
    public void requireActiveSession(UUID userId, UUID sessionId) {
        CallerAccess.Facts access = callerAccess.ofSession(userId, sessionId);
        if (access == null || !access.sessionActive()) {
            throw new UnauthorizedException();
        }
    }
}
