package nl.clientapp.access;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.WebhookEvent;
import nl.clientapp.auth.AuthConfig;
import nl.clientapp.client.Client;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.ProblemException;

/**
 * Gives people access to a client and e-mails them login details: registrations by the
 * organisation's integrator and invitations by a client's administrator share one path.
 */
@ApplicationScoped
class MemberRegistrationService {

    private static final Logger LOG = Logger.getLogger(MemberRegistrationService.class);
    /** 32 random bytes: 256 bits, well above the 128 bits a guessable-by-nobody code needs. */
    private static final int ACTIVATION_CODE_BYTES = 32;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    AuthConfig config;

    @Inject
    ContactDetails contactDetails;

    @Inject
    Event<InvitationIssued> invitationIssued;

    @Inject
    ClientRowLock clientLock;

    /** Returns the organisation's client with this FHIR Patient id. */
    @Transactional
    ClientLookupView findClient(UUID organisationId, String fhirPatientId) {
        Client client = Client.findByPatientId(organisationId, fhirPatientId);
        if (client == null) {
            throw ProblemException.notFound();
        }
        return new ClientLookupView(client.id, client.displayName);
    }

    /**
     * Registers a person for a client of the integrator's organisation. The first member of a
     * client is its administrator: role FULL_ACCESS_ADMIN with basis CLIENT, CONTACT_PERSON or
     * LEGAL_REPRESENTATIVE.
     *
     * @throws ProblemException 404 for a client of another organisation, 409 when the person is
     *         already a member or the first member would not be an administrator
     */
    @Transactional
    MemberRegistrationView register(UUID organisationId, UUID clientId, RegisterMemberRequest request, Locale locale) {
        clientLock.lockClientOf(organisationId, clientId);
        NewMember member = NewMember.of(request);
        requireAdministratorAsFirstMember(clientId, member);
        return addMember(clientId, member, locale);
    }

    /**
     * Invites a person on behalf of a client's administrator, who is checked by the caller.
     *
     * @throws ProblemException 409 when the person is already a member
     */
    @Transactional
    MemberRegistrationView invite(UUID clientId, InviteMemberRequest request, Locale locale) {
        clientLock.lockClient(clientId);
        return addMember(clientId, NewMember.of(request), locale);
    }

    /**
     * Creates an active membership, and the app user unless one with this e-mail address exists,
     * then e-mails an invitation. A membership that an administrator removed or whose invitation
     * was withdrawn becomes active again with the new role. The caller holds the client's row lock.
     */
    private MemberRegistrationView addMember(UUID clientId, NewMember member, Locale locale) {
        String mobile = contactDetails.normaliseMobile(member.mobile(), "mobile", locale);
        String email = ContactDetails.normaliseEmail(member.email());
        // PostgreSQL keeps microseconds, so truncating keeps the times exact when read back. The
        // member list compares invitation times with the membership's start.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);

        // Inserts with "on conflict", so parallel registrations of one person for one client
        // create one user and one membership, and the others get 409 instead of a failed commit.
        AppUser user = findOrCreateUser(member, email, mobile, now);
        @SuppressWarnings("unchecked")
        List<UUID> saved = entityManager.createNativeQuery("""
                insert into membership (id, user_id, client_id, role, relation, basis, status, created_at)
                values (:id, :user, :client, :role, :relation, :basis, 'ACTIVE', :createdAt)
                on conflict (user_id, client_id) do update
                   set role = excluded.role, relation = excluded.relation, basis = excluded.basis,
                       status = 'ACTIVE', created_at = excluded.created_at, ended_at = null, end_reason = null
                 where membership.status = 'ENDED' and membership.end_reason in (:rejoinable)
                returning id
                """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("user", user.id)
                .setParameter("client", clientId)
                .setParameter("role", member.role().name())
                .setParameter("relation", member.relation())
                .setParameter("basis", member.basis().name())
                .setParameter("createdAt", now)
                .setParameter("rejoinable", List.of(MemberEndReason.REMOVED, MemberEndReason.INVITATION_WITHDRAWN))
                .getResultList();
        if (saved.isEmpty()) {
            // NOTE: a membership that ended for another reason, such as the end of care, also
            // gets 409 member-exists; the organisation decides whether such access may return.
            throw new ProblemException(409, "member-exists");
        }
        // NOTE: an existing user keeps their stored name, number and language. Changing contact
        // details needs its own flow with a new SMS check.
        Membership membership = Membership.findById(saved.get(0));

        Instant expiresAt = issueInvitation(membership, user);
        outbox.webhookForClient(clientId, WebhookEvent.MEMBER_REGISTERED, Map.of("membershipId", membership.id.toString(),
                "clientId", clientId.toString(), "userId", user.id.toString(), "role", membership.role.name()));
        LOG.infof("Registered membership %s of user %s for client %s", membership.id, user.id, clientId);
        return new MemberRegistrationView(membership.id, user.id, expiresAt);
    }

    private void requireAdministratorAsFirstMember(UUID clientId, NewMember member) {
        if (member.role() == Role.FULL_ACCESS_ADMIN && member.basis() != MembershipBasis.INVITED) {
            return;
        }
        Number activeMembers = (Number) entityManager.createNativeQuery(
                "select count(*) from membership where client_id = :client and status = 'ACTIVE'")
                .setParameter("client", clientId)
                .getSingleResult();
        if (activeMembers.longValue() == 0) {
            throw new ProblemException(409, "first-member-not-administrator");
        }
    }

    /** Voids the membership's unused invitations and e-mails a new one, for the integrator's client. */
    @Transactional
    MemberRegistrationView resendInvitation(UUID organisationId, UUID clientId, UUID membershipId) {
        clientLock.lockClientOf(organisationId, clientId);
        return resend(clientId, membershipId);
    }

    /** Voids the membership's unused invitations and e-mails a new one, for an administrator checked by the caller. */
    @Transactional
    MemberRegistrationView resendInvitation(UUID clientId, UUID membershipId) {
        clientLock.lockClient(clientId);
        return resend(clientId, membershipId);
    }

    private MemberRegistrationView resend(UUID clientId, UUID membershipId) {
        Membership membership = Membership.findById(membershipId);
        if (membership == null || !membership.clientId.equals(clientId) || !Membership.ACTIVE.equals(membership.status)) {
            throw ProblemException.notFound();
        }
        AppUser user = AppUser.findById(membership.userId);

        Instant expiresAt = issueInvitation(membership, user);
        LOG.infof("Sent a new invitation for membership %s", membership.id);
        return new MemberRegistrationView(membership.id, user.id, expiresAt);
    }

    private Instant issueInvitation(Membership membership, AppUser user) {
        // PostgreSQL keeps microseconds, so truncating keeps the expiry exact when read back.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entityManager.createNativeQuery("""
                update invitation set voided_at = :now
                 where membership_id = :membership and used_at is null and voided_at is null
                """)
                .setParameter("now", now)
                .setParameter("membership", membership.id)
                .executeUpdate();

        String code = SecureTokens.randomToken(ACTIVATION_CODE_BYTES);
        UUID invitationId = UUID.randomUUID();
        Instant expiresAt = now.plus(config.invitationLifetime());
        entityManager.createNativeQuery("""
                insert into invitation (id, membership_id, user_id, code_hash, created_at, expires_at)
                values (:id, :membership, :user, :hash, :now, :expires)
                """)
                .setParameter("id", invitationId)
                .setParameter("membership", membership.id)
                .setParameter("user", user.id)
                .setParameter("hash", SecureTokens.sha256Hex(code))
                .setParameter("now", now)
                .setParameter("expires", expiresAt)
                .executeUpdate();
        invitationIssued.fire(new InvitationIssued(invitationId, user.id, user.name, user.email, user.language, code, expiresAt));
        return expiresAt;
    }

    private AppUser findOrCreateUser(NewMember member, String email, String mobile, Instant now) {
        // The same lock as a change of e-mail address, so a new account never takes an address
        // that an existing account is switching to at this moment.
        contactDetails.lockEmail(email);
        entityManager.createNativeQuery("""
                insert into app_user (id, name, email, mobile, language, created_at)
                values (:id, :name, :email, :mobile, :language, :createdAt)
                on conflict (email) do nothing
                """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("name", member.name().trim())
                .setParameter("email", email)
                .setParameter("mobile", mobile)
                .setParameter("language", member.language() == null ? "nl" : member.language())
                .setParameter("createdAt", now)
                .executeUpdate();
        return AppUser.findByEmail(email);
    }
}
