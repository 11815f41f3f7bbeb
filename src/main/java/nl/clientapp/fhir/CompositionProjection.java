package nl.clientapp.fhir;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Composition → {@code report} with SOEP sections plus a REPORT timeline item, or a profile section
 * when its type follows the Mijn verhaal / Beeldvorming convention.
 */
@ApplicationScoped
class CompositionProjection implements Projection {

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    @Inject
    ReferenceNames names;

    @Inject
    ProfileSections profileSections;

    @Override
    public String resourceType() {
        return "Composition";
    }

    @Override
    public String documentation() {
        return "Report (rapportage), such as a SOEP nursing report (nl-core-SOAPReport): title, date, author (name of "
                + "the referenced Practitioner, through a PractitionerRole, else the author display), and sections with "
                + "code S, O, E or P (Subjective, Objective, Evaluation/Assessment, Plan/Beleid), title and text. A "
                + "section's text is the valueString of its referenced Observations when those were imported, else its "
                + "narrative without HTML. Category: WELLBEING when the Composition's category or type mentions "
                + "'welzijn' or 'wellbeing', TREATMENT when it mentions 'behandel' or 'treatment', else CARE. Each "
                + "report is also a timeline item. " + ProfileSections.CONVENTION;
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        Composition composition = (Composition) resource;
        String sourceRef = "Composition/" + composition.getIdElement().getIdPart();
        Optional<String> profileKind = ProfileSections.kind(List.of(composition.getType()));
        if (profileKind.isPresent()) {
            return projectProfileSection(organisationId, clientId, composition, sourceRef, profileKind.get());
        }
        Instant reportedAt = FhirValues.instant(composition.getDateElement());
        if (reportedAt == null) {
            return ProjectionOutcome.skipped("no-time");
        }

        String authorName = composition.getAuthor().stream().map(author -> names.name(organisationId, author))
                .filter(name -> name != null).findFirst().orElse(null);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (SectionComponent section : composition.getSection()) {
            sections.add(section(organisationId, section));
        }

        UUID reportId = (UUID) entityManager.createNativeQuery("""
                insert into report (id, client_id, source_ref, category, title, author_name, sections, reported_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), ?8, ?9)
                on conflict (client_id, source_ref) do update
                set category = excluded.category, title = excluded.title, author_name = excluded.author_name,
                    sections = excluded.sections, reported_at = excluded.reported_at, updated_at = excluded.updated_at
                returning id""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, sourceRef)
                .setParameter(4, category(composition))
                .setParameter(5, composition.getTitle())
                .setParameter(6, authorName)
                .setParameter(7, readModels.json(sections))
                .setParameter(8, Timestamp.from(reportedAt))
                .setParameter(9, readModels.now())
                .getSingleResult();
        readModels.upsertTimelineItem(clientId, "REPORT", reportedAt, reportId, authorName, composition.getTitle());
        return ProjectionOutcome.PROJECTED;
    }

    private ProjectionOutcome projectProfileSection(UUID organisationId, UUID clientId, Composition composition, String sourceRef,
            String kind) {
        List<String> texts = new ArrayList<>();
        for (SectionComponent section : composition.getSection()) {
            String text = FhirValues.narrativeText(section.getText());
            if (text != null) {
                texts.add(text);
            }
        }
        if (texts.isEmpty() && FhirValues.narrativeText(composition.getText()) != null) {
            texts.add(FhirValues.narrativeText(composition.getText()));
        }
        if (texts.isEmpty()) {
            return ProjectionOutcome.skipped("no-text");
        }
        profileSections.upsert(clientId, kind, sourceRef, String.join("\n\n", texts));
        return ProjectionOutcome.PROJECTED;
    }

    private Map<String, Object> section(UUID organisationId, SectionComponent section) {
        String letter = SoepSections.letter(section.getCode());
        if (letter == null) {
            letter = SoepSections.letterFromText(section.getTitle());
        }
        String title = section.hasTitle() ? section.getTitle() : FhirValues.display(section.getCode());
        List<String> lines = new ArrayList<>();
        for (Reference entry : section.getEntry()) {
            names.resolve(organisationId, entry)
                    .filter(Observation.class::isInstance)
                    .map(Observation.class::cast)
                    .map(CompositionProjection::lineText)
                    .ifPresent(lines::add);
        }
        String text = lines.isEmpty() ? FhirValues.narrativeText(section.getText()) : String.join("\n", lines);

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", letter);
        view.put("title", title);
        view.put("text", text);
        view.values().removeIf(value -> value == null);
        return view;
    }

    private static String lineText(Observation line) {
        if (line.hasValueStringType()) {
            return line.getValueStringType().getValue();
        }
        return line.hasValueCodeableConcept() ? FhirValues.display(line.getValueCodeableConcept()) : null;
    }

    /** Picks the report category from words in the Composition's category and type, with CARE as the default. */
    static String category(Composition composition) {
        List<CodeableConcept> concepts = new ArrayList<>(composition.getCategory());
        concepts.add(composition.getType());
        String words = concepts.stream()
                .flatMap(concept -> concept.getCoding().stream().map(coding -> coding.getDisplay() + " " + coding.getCode()))
                .collect(Collectors.joining(" "))
                + " " + concepts.stream().map(CodeableConcept::getText).collect(Collectors.joining(" "));
        String lower = words.toLowerCase(Locale.ROOT);
        if (lower.contains("welzijn") || lower.contains("wellbeing") || lower.contains("well-being")) {
            return "WELLBEING";
        }
        if (lower.contains("behandel") || lower.contains("treatment")) {
            return "TREATMENT";
        }
        return "CARE";
    }
}
