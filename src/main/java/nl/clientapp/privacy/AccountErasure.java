package nl.clientapp.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One account erasure in progress, handed to every {@link AccountErasureStep}.
 *
 * @param userId the app user being erased
 * @param sessionId the login session that confirmed the erasure, for audit entries
 * @param clientIp the IP address of the request, for audit entries
 * @param erasedAt the time of the erasure, the same for every step
 */
public record AccountErasure(UUID userId, UUID sessionId, String clientIp, Instant erasedAt, List<Runnable> afterCommit) {

    public AccountErasure(UUID userId, UUID sessionId, String clientIp, Instant erasedAt) {
        this(userId, sessionId, clientIp, erasedAt, new ArrayList<>());
    }

    /** Registers work to do once the erasure has committed, such as an e-mail; it is skipped on rollback. */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }
}
