package nl.clientapp.dossier;

import java.util.List;

/**
 * Everyone involved with the client.
 *
 * @param relatives relatives, informal carers, volunteers and contact persons
 * @param professionals care professionals
 */
public record NetworkView(List<NetworkMemberView> relatives, List<NetworkMemberView> professionals) {
}
