package nl.clientapp.privacy;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A test-only erasure step that fails for one chosen user, as a feature's step might, so a test
 * proves that the erasure rolls back as a whole.
 */
@ApplicationScoped
public class TestErasureFault implements AccountErasureStep {

    private volatile UUID failingUser;

    void failFor(UUID userId) {
        failingUser = userId;
    }

    @Override
    public void erase(AccountErasure erasure) {
        if (erasure.userId().equals(failingUser)) {
            throw new IllegalStateException("Test fault in an erasure step");
        }
    }
}
