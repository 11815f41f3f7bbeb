package nl.clientapp.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.WebhookEvent;
import nl.clientapp.common.problem.ProblemException;

/**
 * Lists a client's members and changes their roles, removes them and withdraws invitations, for
 * the client's administrators in the app and for the organisation's integrator. Every change
 * holds the client's row lock, so a client with members always keeps an active administrator,
 * also when two changes arrive at once.
 */
@ApplicationScoped
class MemberManagementService {

    private static final Logger LOG = Logger.getLogger(MemberManagementService.class);

    // Invitations count only from the membership's start, so a member who was removed and
    // invited again is pending until they activate again.
    private static final String LIST_QUERY = """
            select m.id, u.name, m.relation, m.role, m.basis, m.created_at, u.email,
                   exists (select 1 from invitation i
                            where i.membership_id = m.id and i.created_at >= m.created_at and i.used_at is not null),
                   exists (select 1 from invitation i where i.membership_id = m.id and i.created_at >= m.created_at),
                   (select max(i.expires_at) from invitation i
                     where i.membership_id = m.id and i.created_at >= m.created_at
                       and i.used_at is null and i.voided_at is null and i.expires_at > :now)
              from membership m
              join app_user u on u.id = m.user_id
             where m.client_id = :client and m.status = 'ACTIVE'
             order by m.created_at, m.id
            """;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    ClientRowLock clientLock;

    /** Lists the active members of a client whose administrator the caller's membership proves. */
    @Transactional
    List<MemberView> list(UUID clientId) {
        return members(clientId);
    }

    /** Lists the active members of a client of the integrator's organisation. */
    @Transactional
    List<MemberView> listForOrganisation(UUID organisationId, UUID clientId) {
        clientLock.lockClientOf(organisationId, clientId);
        return members(clientId);
    }

    /**
     * Changes a member's role on behalf of the administrator with membership {@code callerMembershipId}.
     *
     * @throws ProblemException 403 own-membership for the caller's own membership, 404 for no such
     *         active member, 409 last-administrator when the client would have no administrator left
     */
    @Transactional
    MemberView changeRole(UUID clientId, UUID membershipId, Role role, UUID callerMembershipId) {
        clientLock.lockClient(clientId);
        requireOtherMemberAsAdministrator(callerMembershipId, membershipId);
        return changeRole(activeMember(clientId, membershipId), role);
    }

    /** Changes a member's role on behalf of the organisation; the rules of the app variant apply, except the own-membership one. */
    @Transactional
    MemberView changeRoleForOrganisation(UUID organisationId, UUID clientId, UUID membershipId, Role role) {
        clientLock.lockClientOf(organisationId, clientId);
        return changeRole(activeMember(clientId, membershipId), role);
    }

    /**
     * Ends a membership with reason REMOVED on behalf of an administrator. The removed person's
     * next request about this client gets 404, because every request checks the membership.
     *
     * @throws ProblemException 403 own-membership, 404 for no such active member, 409 last-administrator
     */
    @Transactional
    void remove(UUID clientId, UUID membershipId, UUID callerMembershipId) {
        clientLock.lockClient(clientId);
        requireOtherMemberAsAdministrator(callerMembershipId, membershipId);
        end(activeMember(clientId, membershipId), MemberEndReason.REMOVED);
    }

    /** Ends a membership with reason REMOVED on behalf of the organisation. */
    @Transactional
    void removeForOrganisation(UUID organisationId, UUID clientId, UUID membershipId) {
        clientLock.lockClientOf(organisationId, clientId);
        end(activeMember(clientId, membershipId), MemberEndReason.REMOVED);
    }

    /**
     * Withdraws the invitation of a person who has not activated the app yet: voids it and ends
     * the membership with reason INVITATION_WITHDRAWN, on behalf of an administrator.
     *
     * @throws ProblemException 403 own-membership, 404 for no such active member, 409
     *         invitation-accepted when the person already activated, 409 last-administrator
     */
    @Transactional
    void withdrawInvitation(UUID clientId, UUID membershipId, UUID callerMembershipId) {
        clientLock.lockClient(clientId);
        requireOtherMemberAsAdministrator(callerMembershipId, membershipId);
        withdrawInvitation(activeMember(clientId, membershipId));
    }

    /** Withdraws a pending invitation on behalf of the organisation. */
    @Transactional
    void withdrawInvitationForOrganisation(UUID organisationId, UUID clientId, UUID membershipId) {
        clientLock.lockClientOf(organisationId, clientId);
        withdrawInvitation(activeMember(clientId, membershipId));
    }

    private MemberView changeRole(Membership member, Role role) {
        if (member.role != role) {
            if (role != Role.FULL_ACCESS_ADMIN) {
                requireAnotherAdministrator(member, true);
            }
            member.role = role;
            LOG.infof("Changed the role of membership %s to %s", member.id, role);
        }
        entityManager.flush();
        return members(member.clientId).stream()
                .filter(view -> view.membershipId().equals(member.id))
                .findFirst()
                .orElseThrow();
    }

    private void withdrawInvitation(Membership member) {
        Number accepted = (Number) entityManager.createNativeQuery("""
                select count(*) from invitation
                 where membership_id = :membership and created_at >= :since and used_at is not null
                """)
                .setParameter("membership", member.id)
                .setParameter("since", member.createdAt)
                .getSingleResult();
        if (accepted.longValue() > 0) {
            throw new ProblemException(409, "invitation-accepted");
        }
        end(member, MemberEndReason.INVITATION_WITHDRAWN);
    }

    private void end(Membership member, String reason) {
        requireAnotherAdministrator(member, false);
        Instant now = clock.instant();
        member.status = Membership.ENDED;
        member.endedAt = now;
        member.endReason = reason;
        entityManager.createNativeQuery("""
                update invitation set voided_at = :now
                 where membership_id = :membership and used_at is null and voided_at is null
                """)
                .setParameter("now", now)
                .setParameter("membership", member.id)
                .executeUpdate();
        outbox.webhookForClient(member.clientId, WebhookEvent.MEMBERSHIP_ENDED,
                AccessEndJob.membershipEndedData(member.id, member.clientId, member.userId, reason));
        LOG.infof("Ended membership %s of client %s: %s", member.id, member.clientId, reason);
    }

    /**
     * Rejects a change that would leave a client with members but without an active
     * administrator. Removing the only member of a client is allowed: a client without members
     * needs no administrator.
     */
    private void requireAnotherAdministrator(Membership member, boolean staysMember) {
        if (member.role != Role.FULL_ACCESS_ADMIN) {
            return;
        }
        if (countActive(member, "and role = 'FULL_ACCESS_ADMIN'") > 0) {
            return;
        }
        if (!staysMember && countActive(member, "") == 0) {
            return;
        }
        throw new ProblemException(409, "last-administrator");
    }

    private long countActive(Membership except, String condition) {
        Number count = (Number) entityManager.createNativeQuery(
                "select count(*) from membership where client_id = :client and status = 'ACTIVE' and id <> :except " + condition)
                .setParameter("client", except.clientId)
                .setParameter("except", except.id)
                .getSingleResult();
        return count.longValue();
    }

    /**
     * Checks, under the client's row lock, that the caller is still an active administrator, since
     * another administrator may have changed them after the request's membership check, and that
     * the target is someone else: nobody changes their own role or removes themselves here.
     */
    private void requireOtherMemberAsAdministrator(UUID callerMembershipId, UUID targetMembershipId) {
        Membership caller = Membership.findById(callerMembershipId);
        if (caller == null || !Membership.ACTIVE.equals(caller.status) || caller.role != Role.FULL_ACCESS_ADMIN) {
            throw ProblemException.notFound();
        }
        if (callerMembershipId.equals(targetMembershipId)) {
            throw new ProblemException(403, "own-membership");
        }
    }

    private static Membership activeMember(UUID clientId, UUID membershipId) {
        Membership member = Membership.findById(membershipId);
        if (member == null || !member.clientId.equals(clientId) || !Membership.ACTIVE.equals(member.status)) {
            throw ProblemException.notFound();
        }
        return member;
    }

    private List<MemberView> members(UUID clientId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(LIST_QUERY)
                .setParameter("client", clientId)
                .setParameter("now", clock.instant())
                .getResultList();
        return rows.stream().map(MemberManagementService::view).toList();
    }

    private static MemberView view(Object[] row) {
        Instant pendingUntil = toInstant(row[9]);
        InvitationState invitation;
        if (Boolean.TRUE.equals(row[7])) {
            invitation = InvitationState.ACCEPTED;
        } else if (pendingUntil != null) {
            invitation = InvitationState.PENDING;
        } else if (Boolean.TRUE.equals(row[8])) {
            invitation = InvitationState.EXPIRED;
        } else {
            invitation = InvitationState.NOT_SENT;
        }
        return new MemberView((UUID) row[0], (String) row[1], (String) row[2], Role.valueOf((String) row[3]),
                MembershipBasis.valueOf((String) row[4]), invitation,
                invitation == InvitationState.PENDING ? pendingUntil : null,
                MemberView.maskEmail((String) row[6]), toInstant(row[5]));
    }

    /** Reads a timestamptz column, which Hibernate returns as one of several types depending on the driver. */
    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
