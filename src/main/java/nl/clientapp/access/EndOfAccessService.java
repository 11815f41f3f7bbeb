package nl.clientapp.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.access.EndOfAccessRequests.BlockUserRequest;
import nl.clientapp.access.EndOfAccessRequests.BlockView;
import nl.clientapp.access.EndOfAccessRequests.RegisterTerminationRequest;
import nl.clientapp.access.EndOfAccessRequests.TerminationRequestView;
import nl.clientapp.client.Client;
import nl.clientapp.common.DutchTime;
import nl.clientapp.common.SecureTokens;
import nl.clientapp.common.problem.ProblemException;

/**
 * Registers written termination requests and misuse blocks. Neither changes a membership here:
 * the per-request check applies them from the next request on, and {@link AccessEndJob} ends the
 * memberships when they fall due.
 */
@ApplicationScoped
class EndOfAccessService {

    private static final Logger LOG = Logger.getLogger(EndOfAccessService.class);

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /**
     * Registers a termination request for one membership, or for every active membership of the
     * client. With an idempotency key, a retry with the same body returns the first result.
     *
     * @throws ProblemException 404 for a client of another organisation or a membership that is
     *         not active at this client, 400 for dates in the wrong order, 422 for a reused
     *         idempotency key with another body
     */
    @Transactional
    TerminationRequestView registerTermination(UUID organisationId, UUID integratorId, UUID clientId,
            RegisterTerminationRequest request, String idempotencyKey) {
        requireClientOf(organisationId, clientId);
        LocalDate today = DutchTime.today(clock);
        if (request.receivedDate().isAfter(today)) {
            throw ProblemException.badRequest("termination-received-in-future");
        }
        if (request.effectiveDate() != null && request.effectiveDate().isBefore(request.receivedDate())) {
            throw ProblemException.badRequest("termination-effective-before-received");
        }

        String requestHash = requestHash(clientId, request);
        UUID id = UUID.randomUUID();
        LocalDate latestEnd = AccessPeriod.latestEndDayAfterRequest(request.receivedDate());
        LocalDate accessEndsOn = request.effectiveDate() != null && request.effectiveDate().isBefore(latestEnd)
                ? request.effectiveDate()
                : latestEnd;
        // A retry with the same key waits here for the first transaction, then inserts nothing.
        int inserted = entityManager.createNativeQuery("""
                insert into termination_request (id, organisation_id, client_id, membership_id, received_on,
                        requested_end_on, access_ends_on, created_at, created_by, idempotency_key, request_hash)
                values (:id, :organisation, :client, cast(:membership as uuid), :received, cast(:requested as date),
                        :endsOn, :now, :integrator, cast(:key as text), :hash)
                on conflict (organisation_id, idempotency_key) where idempotency_key is not null do nothing
                """)
                .setParameter("id", id)
                .setParameter("organisation", organisationId)
                .setParameter("client", clientId)
                .setParameter("membership", request.membershipId())
                .setParameter("received", request.receivedDate())
                .setParameter("requested", request.effectiveDate())
                .setParameter("endsOn", accessEndsOn)
                .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                .setParameter("integrator", integratorId)
                .setParameter("key", idempotencyKey)
                .setParameter("hash", requestHash)
                .executeUpdate();
        if (inserted == 0) {
            return replay(organisationId, idempotencyKey, requestHash);
        }

        int members = entityManager.createNativeQuery("""
                insert into membership_termination (membership_id, termination_request_id, access_ends_on)
                select m.id, :request, :endsOn
                  from membership m
                 where m.client_id = :client and m.status = 'ACTIVE'
                   and (cast(:membership as uuid) is null or m.id = cast(:membership as uuid))
                """)
                .setParameter("request", id)
                .setParameter("endsOn", accessEndsOn)
                .setParameter("client", clientId)
                .setParameter("membership", request.membershipId())
                .executeUpdate();
        if (request.membershipId() != null && members == 0) {
            throw ProblemException.notFound();
        }
        LOG.infof("Registered termination request %s for client %s ending %d memberships on %s", id, clientId, members,
                accessEndsOn);
        return view(id);
    }

    /**
     * Blocks a user for misuse, at one client or at every client of the organisation, from the
     * next request on.
     *
     * @throws ProblemException 404 when the user is not a member of that client, or of any client of the organisation
     */
    @Transactional
    BlockView block(UUID organisationId, UUID integratorId, UUID userId, BlockUserRequest request) {
        if (request.clientId() != null) {
            requireClientOf(organisationId, request.clientId());
        }
        Number memberships = (Number) entityManager.createNativeQuery("""
                select count(*)
                  from membership m
                  join client c on c.id = m.client_id
                 where m.user_id = :user and c.organisation_id = :organisation
                   and (cast(:client as uuid) is null or m.client_id = cast(:client as uuid))
                """)
                .setParameter("user", userId)
                .setParameter("organisation", organisationId)
                .setParameter("client", request.clientId())
                .getSingleResult();
        if (memberships.intValue() == 0) {
            throw ProblemException.notFound();
        }

        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entityManager.createNativeQuery("""
                insert into access_block (id, organisation_id, user_id, client_id, reason, created_at, created_by)
                values (:id, :organisation, :user, cast(:client as uuid), :reason, :now, :integrator)
                """)
                .setParameter("id", id)
                .setParameter("organisation", organisationId)
                .setParameter("user", userId)
                .setParameter("client", request.clientId())
                .setParameter("reason", request.reason().strip())
                .setParameter("now", now)
                .setParameter("integrator", integratorId)
                .executeUpdate();
        LOG.infof("Blocked user %s at %s of organisation %s (block %s)", userId,
                request.clientId() == null ? "every client" : "client " + request.clientId(), organisationId, id);
        return new BlockView(id, userId, request.clientId(), now);
    }

    /**
     * Lifts a misuse block from the next request on. Memberships that the end-of-access job has
     * already ended because of the block stay ended.
     *
     * @throws ProblemException 404 when the organisation has no such active block of this user
     */
    @Transactional
    void liftBlock(UUID organisationId, UUID integratorId, UUID userId, UUID blockId) {
        int lifted = entityManager.createNativeQuery("""
                update access_block set lifted_at = :now, lifted_by = :integrator
                 where id = :id and user_id = :user and organisation_id = :organisation and lifted_at is null
                """)
                .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                .setParameter("integrator", integratorId)
                .setParameter("id", blockId)
                .setParameter("user", userId)
                .setParameter("organisation", organisationId)
                .executeUpdate();
        if (lifted == 0) {
            throw ProblemException.notFound();
        }
        LOG.infof("Lifted block %s of user %s", blockId, userId);
    }

    private TerminationRequestView replay(UUID organisationId, String idempotencyKey, String requestHash) {
        Object[] stored = (Object[]) entityManager.createNativeQuery("""
                select id, request_hash from termination_request where organisation_id = :organisation and idempotency_key = :key
                """)
                .setParameter("organisation", organisationId)
                .setParameter("key", idempotencyKey)
                .getSingleResult();
        if (!requestHash.equals(stored[1])) {
            throw new ProblemException(422, "idempotency-key-reused");
        }
        return view((UUID) stored[0]);
    }

    private TerminationRequestView view(UUID id) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select client_id, received_on, requested_end_on, access_ends_on from termination_request where id = :id
                """)
                .setParameter("id", id)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<UUID> membershipIds = entityManager.createNativeQuery("""
                select membership_id from membership_termination where termination_request_id = :id order by membership_id
                """)
                .setParameter("id", id)
                .getResultList();
        LocalDate accessEndsOn = toLocalDate(row[3]);
        return new TerminationRequestView(id, (UUID) row[0], membershipIds, toLocalDate(row[1]), toLocalDate(row[2]),
                accessEndsOn, AccessPeriod.startOfEndDay(accessEndsOn));
    }

    private static String requestHash(UUID clientId, RegisterTerminationRequest request) {
        String canonical = clientId + "|" + request.membershipId() + "|" + request.receivedDate() + "|" + request.effectiveDate();
        return SecureTokens.sha256Hex(canonical);
    }

    private static void requireClientOf(UUID organisationId, UUID clientId) {
        Client client = Client.findById(clientId);
        if (client == null || !client.organisationId.equals(organisationId)) {
            throw ProblemException.notFound();
        }
    }

    private static LocalDate toLocalDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate date ? date : ((java.sql.Date) value).toLocalDate();
    }
}
