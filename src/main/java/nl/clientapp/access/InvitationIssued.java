package nl.clientapp.access;

import java.time.Instant;
import java.util.UUID;

/**
 * Event fired inside the transaction that created an invitation. The e-mail goes out after it commits.
 * The activation code exists in clear text only in this event and the e-mail.
 */
record InvitationIssued(UUID invitationId, UUID userId, String email, String language, String activationCode,
        Instant expiresAt) {
}
