package nl.clientapp.access;

import java.time.Instant;
import java.util.UUID;

/** A registered membership and when its invitation expires; never contains the activation code. */
record MemberRegistrationView(UUID membershipId, UUID userId, Instant invitationExpiresAt) {
}
