package nl.clientapp.fhir;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The convention that marks a DocumentReference or Composition as the client's Mijn verhaal (life
 * story) or Beeldvorming (overall picture): a type coding with system {@link #SYSTEM} and code
 * {@code mijn-verhaal} or {@code beeldvorming}. Such a resource fills {@code profile_section} instead of
 * becoming a document or report.
 */
@ApplicationScoped
class ProfileSections {

    static final String SYSTEM = "https://clientapp.nl/fhir/CodeSystem/profile-section";
    static final String LIFE_STORY_CODE = "mijn-verhaal";
    static final String OVERALL_PICTURE_CODE = "beeldvorming";

    static final String CONVENTION = "Mijn verhaal and Beeldvorming: send a DocumentReference or a Composition whose "
            + "type has a coding with system " + SYSTEM + " and code " + LIFE_STORY_CODE + " (the client's life story) "
            + "or " + OVERALL_PICTURE_CODE + " (the professionals' overall picture). The text comes from the "
            + "DocumentReference's text/plain attachment (inline data, UTF-8) or from the Composition's section "
            + "narratives; it replaces the client's current text of that section.";

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    /** Returns LIFE_STORY or OVERALL_PICTURE when the type follows the convention. */
    static Optional<String> kind(List<CodeableConcept> types) {
        for (CodeableConcept type : types) {
            for (Coding coding : type.getCoding()) {
                if (SYSTEM.equals(coding.getSystem()) && LIFE_STORY_CODE.equals(coding.getCode())) {
                    return Optional.of("LIFE_STORY");
                }
                if (SYSTEM.equals(coding.getSystem()) && OVERALL_PICTURE_CODE.equals(coding.getCode())) {
                    return Optional.of("OVERALL_PICTURE");
                }
            }
        }
        return Optional.empty();
    }

    /** Inserts or replaces the client's text of one profile section. */
    void upsert(UUID clientId, String kind, String sourceRef, String text) {
        entityManager.createNativeQuery("""
                insert into profile_section (client_id, kind, source_ref, text, updated_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (client_id, kind) do update
                set source_ref = excluded.source_ref, text = excluded.text, updated_at = excluded.updated_at""")
                .setParameter(1, clientId)
                .setParameter(2, kind)
                .setParameter(3, sourceRef)
                .setParameter(4, text)
                .setParameter(5, readModels.now())
                .executeUpdate();
    }
}
