package nl.clientapp.dossier;

import java.util.UUID;

import nl.clientapp.access.Role;

/**
 * A client the caller follows.
 *
 * @param relation the caller's relation to the client, for example "dochter"
 */
public record ClientSummaryView(UUID clientId, String displayName, Role role, String relation) {
}
