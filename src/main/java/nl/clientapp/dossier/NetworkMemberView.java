package nl.clientapp.dossier;

import java.util.UUID;

/** A person in the client's network. */
public record NetworkMemberView(UUID id, String name, String relation, String roleDescription,
        String organisationName, String phone) {
}
