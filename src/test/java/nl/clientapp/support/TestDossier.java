package nl.clientapp.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Inserts dossier read-model rows directly with SQL, as the FHIR import would, so read tests
 * build their own data and depend on no importer and no other test.
 */
@ApplicationScoped
public class TestDossier {

    @Inject
    EntityManager entityManager;

    /** Inserts a report with one section and its timeline item; returns the report id. */
    @Transactional
    public UUID report(UUID clientId, String category, String title, String sectionText, Instant reportedAt) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into report (id, client_id, source_ref, category, title, author_name, sections, reported_at, updated_at)
                values (:id, :client, :ref, :category, :title, 'Verpleegkundige J. de Vries',
                        cast(:sections as jsonb), :at, :at)""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("ref", "Composition/" + id)
                .setParameter("category", category)
                .setParameter("title", title)
                .setParameter("sections", "[{\"code\": \"S\", \"title\": \"Subjectief\", \"text\": \"" + sectionText
                        + "\"}, {\"code\": \"P\", \"title\": \"Plan\", \"text\": \"Morgen opnieuw bekijken.\", \"extra\": 1}]")
                .setParameter("at", reportedAt)
                .executeUpdate();
        insertTimelineItem(UUID.randomUUID(), clientId, "REPORT", reportedAt, id, null, null, title);
        return id;
    }

    /** Inserts a measurement and its timeline item; returns the measurement id. */
    @Transactional
    public UUID measurement(UUID clientId, String code, String name, BigDecimal value, String unit, Instant measuredAt) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into measurement (id, client_id, source_ref, code_system, code, name, value, unit, measured_at, updated_at)
                values (:id, :client, :ref, 'http://loinc.org', :code, :name, :value, :unit, :at, :at)""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("ref", "Observation/" + id)
                .setParameter("code", code)
                .setParameter("name", name)
                .setParameter("value", value)
                .setParameter("unit", unit)
                .setParameter("at", measuredAt)
                .executeUpdate();
        insertTimelineItem(UUID.randomUUID(), clientId, "MEASUREMENT", measuredAt, id, null, null, name);
        return id;
    }

    /** Inserts a blood pressure measurement with two components and no single value. */
    @Transactional
    public UUID bloodPressure(UUID clientId, Instant measuredAt) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into measurement (id, client_id, source_ref, code_system, code, name, components, measured_at, updated_at)
                values (:id, :client, :ref, 'http://loinc.org', '85354-9', 'Bloeddruk',
                        cast('[{"name": "Systolisch", "value": 128, "unit": "mm[Hg]"}, {"name": "Diastolisch", "value": 82, "unit": "mm[Hg]"}]' as jsonb),
                        :at, :at)""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("ref", "Observation/" + id)
                .setParameter("at", measuredAt)
                .executeUpdate();
        return id;
    }

    /** Inserts a news post written by an app user; returns the timeline item id. */
    @Transactional
    public UUID newsPost(UUID clientId, UUID authorUserId, String text, Instant occurredAt) {
        UUID id = UUID.randomUUID();
        insertTimelineItem(id, clientId, "NEWS_POST", occurredAt, null, authorUserId, "Anna Jansen", text);
        return id;
    }

    /** Adds a JPEG photo, with its bytes in the PostgreSQL photo store, to a news post or photo moment; returns the photo id. */
    @Transactional
    public UUID photo(UUID clientId, UUID timelineItemId, UUID uploadedBy) {
        UUID id = UUID.randomUUID();
        byte[] jpeg = TestImages.jpeg();
        entityManager.createNativeQuery("""
                insert into photo (id, client_id, uploaded_by, timeline_item_id, position, content_type, width, height, size_bytes,
                        thumbnail_width, thumbnail_height, thumbnail_size_bytes, created_at)
                values (:id, :client, cast(:uploader as uuid), :item, 0, 'image/jpeg', 64, 48, :size, 64, 48, :size, now())""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("uploader", uploadedBy)
                .setParameter("item", timelineItemId)
                .setParameter("size", jpeg.length)
                .executeUpdate();
        for (String variant : List.of("FULL", "THUMBNAIL")) {
            entityManager.createNativeQuery("insert into photo_blob (photo_id, variant, content) values (:id, :variant, :content)")
                    .setParameter("id", id)
                    .setParameter("variant", variant)
                    .setParameter("content", jpeg)
                    .executeUpdate();
        }
        return id;
    }

    /** Inserts a photo moment a professional shared from the ECD, so without an app user as author. */
    @Transactional
    public UUID professionalPhotoMoment(UUID clientId, String text, Instant occurredAt) {
        UUID id = UUID.randomUUID();
        insertTimelineItem(id, clientId, "PHOTO_MOMENT", occurredAt, null, null, "Activiteitenbegeleider", text);
        return id;
    }

    /** Inserts a timeline item with a given id and time, for tests of the order among equal times. */
    @Transactional
    public void timelineItem(UUID id, UUID clientId, String kind, Instant occurredAt, UUID authorUserId, String summary) {
        insertTimelineItem(id, clientId, kind, occurredAt, null, authorUserId, null, summary);
    }

    @Transactional
    public UUID carePlanItem(UUID clientId, String kind, String domain, String title, LocalDate periodStart) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into care_plan_item (id, client_id, source_ref, kind, domain, title, description, status, period_start, updated_at)
                values (:id, :client, :ref, :kind, :domain, :title, 'Afgesproken met de cliënt', 'active', :start, now())""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("ref", "CarePlan/" + id)
                .setParameter("kind", kind)
                .setParameter("domain", domain)
                .setParameter("title", title)
                .setParameter("start", periodStart)
                .executeUpdate();
        return id;
    }

    @Transactional
    public UUID appointment(UUID clientId, String title, Instant startsAt) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into appointment (id, client_id, source_ref, status, title, starts_at, ends_at, location, participants, updated_at)
                values (:id, :client, :ref, 'booked', :title, :start, :end, 'Huiskamer De Linde',
                        cast('[{"name": "Fysiotherapeut", "role": "uitvoerder"}]' as jsonb), now())""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("ref", "Appointment/" + id)
                .setParameter("title", title)
                .setParameter("start", startsAt)
                .setParameter("end", startsAt.plusSeconds(1800))
                .executeUpdate();
        return id;
    }

    @Transactional
    public UUID networkMember(UUID clientId, String kind, String name, String relation) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into network_member (id, client_id, source_ref, kind, name, relation, role_description, updated_at)
                values (:id, :client, :ref, :kind, :name, :relation, 'Betrokken bij de zorg', now())""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("ref", "RelatedPerson/" + id)
                .setParameter("kind", kind)
                .setParameter("name", name)
                .setParameter("relation", relation)
                .executeUpdate();
        return id;
    }

    @Transactional
    public UUID document(UUID clientId, String title, String contentType, byte[] content, Instant createdAt) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into document (id, client_id, source_ref, title, category, content_type, size_bytes, created_at, updated_at)
                values (:id, :client, :ref, :title, 'Zorgplan', :type, :size, :at, :at)""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("ref", "DocumentReference/" + id)
                .setParameter("title", title)
                .setParameter("type", contentType)
                .setParameter("size", (long) content.length)
                .setParameter("at", createdAt)
                .executeUpdate();
        entityManager.createNativeQuery("insert into document_content (document_id, content) values (:id, :content)")
                .setParameter("id", id)
                .setParameter("content", content)
                .executeUpdate();
        return id;
    }

    /** Inserts Mijn verhaal (LIFE_STORY) or Beeldvorming (OVERALL_PICTURE). */
    @Transactional
    public void profileSection(UUID clientId, String kind, String text) {
        entityManager.createNativeQuery("""
                insert into profile_section (client_id, kind, source_ref, text, updated_at)
                values (:client, :kind, :ref, :text, now())""")
                .setParameter("client", clientId)
                .setParameter("kind", kind)
                .setParameter("ref", "Composition/" + UUID.randomUUID())
                .setParameter("text", text)
                .executeUpdate();
    }

    @Transactional
    public void personalDetails(UUID clientId, LocalDate birthDate, String detailsJson) {
        entityManager.createNativeQuery("update client set birth_date = :birth, personal_details = cast(:details as jsonb) where id = :client")
                .setParameter("birth", birthDate)
                .setParameter("details", detailsJson)
                .setParameter("client", clientId)
                .executeUpdate();
    }

    /** Inserts a care relationship; {@code endDate} null means care goes on. */
    @Transactional
    public void careRelationship(UUID clientId, LocalDate startDate, LocalDate endDate) {
        entityManager.createNativeQuery("""
                insert into care_relationship (id, client_id, source_ref, status, start_date, end_date, updated_at)
                values (:id, :client, :ref, :status, cast(:start as date), cast(:end as date), now())""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("client", clientId)
                .setParameter("ref", "EpisodeOfCare/" + UUID.randomUUID())
                .setParameter("status", endDate == null ? "active" : "finished")
                .setParameter("start", startDate)
                .setParameter("end", endDate)
                .executeUpdate();
    }

    @Transactional
    public void endMembership(UUID userId, UUID clientId) {
        entityManager.createNativeQuery("update membership set status = 'ENDED', ended_at = now(), end_reason = 'REMOVED' where user_id = :user and client_id = :client")
                .setParameter("user", userId)
                .setParameter("client", clientId)
                .executeUpdate();
    }

    /** Adds {@code count} users with an active full-access membership of the client, without sessions. */
    @Transactional
    public void bulkMembers(UUID clientId, int count) {
        entityManager.createNativeQuery("""
                with users as (
                    insert into app_user (id, name, email, mobile, language, created_at)
                    select gen_random_uuid(), 'Naaste ' || n, 'bulk-' || gen_random_uuid() || '@example.test', '+31612345678', 'nl', now()
                      from generate_series(1, :count) n
                    returning id)
                insert into membership (id, user_id, client_id, role, relation, basis, status, created_at)
                select gen_random_uuid(), id, :client, 'FULL_ACCESS', 'kleinkind', 'INVITED', 'ACTIVE', now() from users""")
                .setParameter("count", count)
                .setParameter("client", clientId)
                .executeUpdate();
    }

    /** Returns the status, end reason and end time of each of the client's memberships. */
    @Transactional
    public List<Object[]> memberships(UUID clientId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select status, end_reason, ended_at from membership where client_id = :client")
                .setParameter("client", clientId)
                .getResultList();
        return rows;
    }

    /** Counts the client's memberships that were ended at exactly {@code endedAt}. */
    @Transactional
    public long membershipsEndedAt(UUID clientId, Instant endedAt) {
        // Scoped to the client: a database reused across test runs keeps the rows of earlier runs.
        return ((Number) entityManager.createNativeQuery(
                "select count(*) from membership where client_id = :client and ended_at = :at")
                .setParameter("client", clientId)
                .setParameter("at", endedAt)
                .getSingleResult()).longValue();
    }

    private void insertTimelineItem(UUID id, UUID clientId, String kind, Instant occurredAt, UUID refId, UUID authorUserId,
            String authorName, String summary) {
        entityManager.createNativeQuery("""
                insert into timeline_item (id, client_id, kind, occurred_at, ref_id, author_user_id, author_name, summary, created_at)
                values (:id, :client, :kind, :at, cast(:ref as uuid), cast(:author as uuid), cast(:authorName as text), :summary, now())""")
                .setParameter("id", id)
                .setParameter("client", clientId)
                .setParameter("kind", kind)
                .setParameter("at", occurredAt)
                .setParameter("ref", refId)
                .setParameter("author", authorUserId)
                .setParameter("authorName", authorName)
                .setParameter("summary", summary)
                .executeUpdate();
    }
}
