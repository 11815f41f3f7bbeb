package nl.clientapp.fhir;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.clientapp.photo.PhotoService;

/** SQL shared by the projections: finding a client, timeline items, JSON columns and retracting rows with their photos. */
@ApplicationScoped
class ReadModels {

    /** Read-model tables whose rows carry the source_ref of the resource they came from. */
    private static final List<String> SOURCE_TABLES = List.of("report", "measurement", "care_plan_item", "appointment",
            "network_member", "document", "profile_section", "care_relationship", "chat_message", "timeline_item");

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Clock clock;

    @Inject
    PhotoService photos;

    /** Returns the client created from {@code Patient/{id}} in this organisation, or null when it has not arrived yet. */
    UUID clientId(UUID organisationId, String patientRef) {
        if (patientRef == null || !patientRef.startsWith("Patient/")) {
            return null;
        }
        List<?> rows = entityManager.createNativeQuery("select id from client where organisation_id = ?1 and fhir_patient_id = ?2")
                .setParameter(1, organisationId)
                .setParameter(2, patientRef.substring("Patient/".length()))
                .getResultList();
        return rows.isEmpty() ? null : (UUID) rows.get(0);
    }

    /** Inserts or updates the timeline item that shows a report or measurement; its id stays the same on update. */
    void upsertTimelineItem(UUID clientId, String kind, Instant occurredAt, UUID refId, String authorName, String summary) {
        entityManager.createNativeQuery("""
                insert into timeline_item (id, client_id, kind, occurred_at, ref_id, author_name, summary, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                on conflict (ref_id) where ref_id is not null do update
                set client_id = excluded.client_id, occurred_at = excluded.occurred_at,
                    author_name = excluded.author_name, summary = excluded.summary""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, kind)
                .setParameter(4, Timestamp.from(occurredAt))
                .setParameter(5, refId)
                .setParameter(6, authorName)
                .setParameter(7, summary)
                .setParameter(8, now())
                .executeUpdate();
    }

    /**
     * Deletes every read-model row that {@code sourceRef} produced for any client of the organisation,
     * including rows of its parts ({@code sourceRef#...}) and their timeline items. Used when a resource
     * no longer projects (for example entered-in-error) or moves to another patient.
     */
    void retract(UUID organisationId, String sourceRef) {
        String partPrefix = sourceRef + "#%";
        @SuppressWarnings("unchecked")
        List<UUID> photoMoments = entityManager.createNativeQuery("select id from timeline_item where (source_ref = ?1 or source_ref like ?2)"
                + " and client_id in (select id from client where organisation_id = ?3)", UUID.class)
                .setParameter(1, sourceRef)
                .setParameter(2, partPrefix)
                .setParameter(3, organisationId)
                .getResultList();
        photos.deleteForItems(photoMoments);
        for (String table : List.of("report", "measurement")) {
            entityManager.createNativeQuery("delete from timeline_item where ref_id in (select id from " + table
                    + " where (source_ref = ?1 or source_ref like ?2) and client_id in (select id from client where organisation_id = ?3))")
                    .setParameter(1, sourceRef)
                    .setParameter(2, partPrefix)
                    .setParameter(3, organisationId)
                    .executeUpdate();
        }
        for (String table : SOURCE_TABLES) {
            entityManager.createNativeQuery("delete from " + table
                    + " where (source_ref = ?1 or source_ref like ?2) and client_id in (select id from client where organisation_id = ?3)")
                    .setParameter(1, sourceRef)
                    .setParameter(2, partPrefix)
                    .setParameter(3, organisationId)
                    .executeUpdate();
        }
    }

    /** Deletes the rows of {@code table} for parts of {@code sourceRef} that the latest version no longer has. */
    void retractPartsExcept(String table, UUID clientId, String sourceRef, List<String> keptSourceRefs) {
        List<String> kept = keptSourceRefs.isEmpty() ? List.of("") : keptSourceRefs;
        entityManager.createNativeQuery("delete from " + table + " where client_id = ?1 and source_ref like ?2 and source_ref not in (?3)")
                .setParameter(1, clientId)
                .setParameter(2, sourceRef + "#%")
                .setParameter(3, kept)
                .executeUpdate();
    }

    String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Read-model value cannot be written as JSON", e);
        }
    }

    Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
