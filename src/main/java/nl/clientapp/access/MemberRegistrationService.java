package nl.clientapp.access;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.auth.AuthConfig;
import nl.clientapp.client.Client;
import nl.clientapp.common.Messages;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.common.problem.ProblemException;

/** Registers app users for an organisation's clients and sends them login details by e-mail. */
@ApplicationScoped
class MemberRegistrationService {

    private static final Logger LOG = Logger.getLogger(MemberRegistrationService.class);
    /** 32 random bytes: 256 bits, well above the 128 bits a guessable-by-nobody code needs. */
    private static final int ACTIVATION_CODE_BYTES = 32;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    AuthConfig config;

    @Inject
    MobileNumbers mobileNumbers;

    @Inject
    Event<InvitationIssued> invitationIssued;

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
     * Creates an active membership, and the app user unless one with this e-mail address exists,
     * then e-mails an invitation.
     *
     * @throws ProblemException 404 for a client of another organisation, 409 when the person is already a member
     */
    @Transactional
    MemberRegistrationView register(UUID organisationId, UUID clientId, RegisterMemberRequest request, Locale locale) {
        requireClientOf(organisationId, clientId);
        String mobile = normaliseMobile(request.mobile(), locale);
        String email = request.email().trim().toLowerCase(Locale.ROOT);

        // Inserts with "on conflict do nothing", so parallel registrations of one person for one
        // client create one user and one membership, and the others get 409 instead of a failed commit.
        AppUser user = findOrCreateUser(request, email, mobile);
        UUID membershipId = UUID.randomUUID();
        int inserted = entityManager.createNativeQuery("""
                insert into membership (id, user_id, client_id, role, relation, basis, status, created_at)
                values (:id, :user, :client, :role, :relation, :basis, 'ACTIVE', :createdAt)
                on conflict (user_id, client_id) do nothing
                """)
                .setParameter("id", membershipId)
                .setParameter("user", user.id)
                .setParameter("client", clientId)
                .setParameter("role", request.role().name())
                .setParameter("relation", request.relation())
                .setParameter("basis", request.basis().name())
                .setParameter("createdAt", clock.instant())
                .executeUpdate();
        if (inserted == 0) {
            throw new ProblemException(409, "member-exists");
        }
        // NOTE: an existing user keeps their stored name, number and language. Changing contact
        // details needs its own flow with a new SMS check.
        Membership membership = Membership.findById(membershipId);

        Instant expiresAt = issueInvitation(membership, user);
        LOG.infof("Registered membership %s of user %s for client %s", membership.id, user.id, clientId);
        return new MemberRegistrationView(membership.id, user.id, expiresAt);
    }

    /** Voids the membership's unused invitations and e-mails a new one. */
    @Transactional
    MemberRegistrationView resendInvitation(UUID organisationId, UUID clientId, UUID membershipId) {
        requireClientOf(organisationId, clientId);
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
        invitationIssued.fire(new InvitationIssued(invitationId, user.id, user.email, user.language, code, expiresAt));
        return expiresAt;
    }

    private static void requireClientOf(UUID organisationId, UUID clientId) {
        Client client = Client.findById(clientId);
        if (client == null || !client.organisationId.equals(organisationId)) {
            throw ProblemException.notFound();
        }
    }

    private String normaliseMobile(String input, Locale locale) {
        MobileNumbers.Result result = mobileNumbers.normalise(input);
        if (result.rejection() == null) {
            return result.e164();
        }
        String key = result.rejection() == MobileNumbers.Rejection.REGION_NOT_ALLOWED
                ? "member.mobile.region-not-allowed"
                : "member.mobile.not-mobile";
        throw ProblemException.invalidFields(List.of(new Problem.FieldError("mobile", Messages.get(locale, key))));
    }

    private AppUser findOrCreateUser(RegisterMemberRequest request, String email, String mobile) {
        entityManager.createNativeQuery("""
                insert into app_user (id, name, email, mobile, language, created_at)
                values (:id, :name, :email, :mobile, :language, :createdAt)
                on conflict (email) do nothing
                """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("name", request.name().trim())
                .setParameter("email", email)
                .setParameter("mobile", mobile)
                .setParameter("language", request.language() == null ? "nl" : request.language())
                .setParameter("createdAt", clock.instant())
                .executeUpdate();
        return AppUser.findByEmail(email);
    }
}
