package nl.clientapp.access;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/** The membership that admitted the current request to a client, set by {@link ClientRolesInterceptor}. */
@RequestScoped
public class CurrentMembership {

    private UUID membershipId;
    private UUID clientId;
    private UUID userId;
    private Role role;
    // The role of a current membership that the check refused, kept for the DENIED audit entry.
    private Role refusedRole;

    void admit(UUID membershipId, UUID clientId, UUID userId, Role role) {
        this.membershipId = membershipId;
        this.clientId = clientId;
        this.userId = userId;
        this.role = role;
    }

    void refuse(Role role) {
        this.refusedRole = role;
    }

    /** Returns the role of the caller's membership when the check refused it, or null when the caller has no membership. */
    public Role refusedRoleOrNull() {
        return refusedRole;
    }

    public UUID membershipId() {
        return require(membershipId);
    }

    public UUID clientId() {
        return require(clientId);
    }

    public UUID userId() {
        return require(userId);
    }

    public Role role() {
        return require(role);
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new IllegalStateException("No membership was checked for this request; annotate the endpoint with @ClientRoles");
        }
        return value;
    }
}
