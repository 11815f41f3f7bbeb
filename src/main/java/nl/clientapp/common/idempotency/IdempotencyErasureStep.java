package nl.clientapp.common.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import nl.clientapp.privacy.AccountErasure;
import nl.clientapp.privacy.AccountErasureStep;

/**
 * Deletes the idempotency records of an erased user. Their stored responses repeat what the user
 * posted or wrote, so they would otherwise keep a deleted post's text until they expire. A retry
 * with the same key after the erasure fails anyway: the access token no longer works.
 */
@ApplicationScoped
class IdempotencyErasureStep implements AccountErasureStep {

    @Inject
    EntityManager entityManager;

    @Override
    public void erase(AccountErasure erasure) {
        entityManager.createNativeQuery("delete from idempotency_record where scope = ?1")
                .setParameter(1, IdempotencyKeys.appUserScope(erasure.userId()))
                .executeUpdate();
    }
}
