package nl.clientapp.access;

import java.time.Instant;
import java.util.UUID;

/**
 * One active member of a client as administrators see them; ended memberships are not listed.
 * The e-mail address is masked and the mobile number is left out: an administrator recognises
 * whom they invited by name and the masked address, and needs no other member's contact details.
 *
 * @param maskedEmail the first character of the address, "***" and the domain, for example "a***@example.nl"
 * @param invitationExpiresAt expiry of the pending invitation; only when {@code invitation} is PENDING
 */
record MemberView(UUID membershipId, String name, String relation, Role role, MembershipBasis basis,
        InvitationState invitation, Instant invitationExpiresAt, String maskedEmail, Instant memberSince) {

    static String maskEmail(String email) {
        return ContactDetails.maskEmail(email);
    }
}
