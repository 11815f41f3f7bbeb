package nl.clientapp.dossier;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The client profile.
 *
 * @param personalDetails the personal details the ECD import shaped for the app, as a JSON object
 * @param myStory the client's life story (Mijn verhaal), or null when the ECD has none
 * @param beeldvorming the professionals' overall picture of the client (Beeldvorming), or null
 */
@Schema(name = "ClientProfileView")
public record ProfileView(String displayName, LocalDate birthDate, Map<String, Object> personalDetails,
        ProfileTextView myStory, ProfileTextView beeldvorming, List<CareRelationshipView> careRelationships) {
}
