package nl.clientapp.access;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import nl.clientapp.common.problem.ProblemException;

/**
 * Locks a client's row for the rest of the transaction, so that changes to the client's
 * members run one after another. Rules that count members, such as "a client with members
 * keeps an administrator" and "the first member is an administrator", then see every change
 * committed before them and none half-way.
 */
@ApplicationScoped
class ClientRowLock {

    @Inject
    EntityManager entityManager;

    /**
     * Locks a client of the integrator's organisation.
     *
     * @throws ProblemException 404 when the client does not exist or belongs to another organisation
     */
    void lockClientOf(UUID organisationId, UUID clientId) {
        UUID owner = lockAndReadOrganisation(clientId);
        if (owner == null || !owner.equals(organisationId)) {
            throw ProblemException.notFound();
        }
    }

    /** Locks a client whose existence the caller's membership already proves. */
    void lockClient(UUID clientId) {
        if (lockAndReadOrganisation(clientId) == null) {
            throw ProblemException.notFound();
        }
    }

    private UUID lockAndReadOrganisation(UUID clientId) {
        @SuppressWarnings("unchecked")
        List<UUID> rows = entityManager.createNativeQuery("select organisation_id from client where id = :client for update")
                .setParameter("client", clientId)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }
}
