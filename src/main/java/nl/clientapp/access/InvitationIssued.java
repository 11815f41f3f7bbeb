package nl.clientapp.access;

import java.time.Instant;
import java.util.UUID;

/**
 * Event fired inside the transaction that created an invitation. Its observer queues the
 * e-mail in the outbox in that transaction.
 * The activation code exists in clear text only in this event, the e-mail and its outbox row
 * until the relay has sent it.
 */
record InvitationIssued(UUID invitationId, UUID userId, String name, String email, String language, String activationCode,
        Instant expiresAt) {
}
