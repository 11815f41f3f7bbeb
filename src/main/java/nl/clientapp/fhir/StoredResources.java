package nl.clientapp.fhir;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import nl.clientapp.common.SecureTokens;

/**
 * The {@code fhir_resource} table: every resource as received, one row per organisation, type and
 * id, with a version that goes up only when the content hash changes.
 */
@ApplicationScoped
class StoredResources {

    enum Change {
        CREATED, UPDATED, UNCHANGED
    }

    /**
     * The outcome of saving one resource: {@code rowId} is the fhir_resource row, and
     * {@code previousPatientRef} is null for a new resource.
     */
    record SaveResult(UUID rowId, int version, Change change, String previousPatientRef) {
    }

    /** A stored resource as read back for projection. */
    record Stored(String resourceType, String resourceId, String content, String patientRef) {

        String reference() {
            return resourceType + "/" + resourceId;
        }
    }

    private record Existing(UUID rowId, int version, String contentHash, String patientRef) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /**
     * Inserts the resource or, when its content hash differs from the stored one, replaces it and
     * increments its version. Must run inside a transaction, because the row lock is held until commit.
     */
    SaveResult save(UUID organisationId, String resourceType, String resourceId, String canonicalJson, String patientRef,
            String source) {
        String hash = SecureTokens.sha256Hex(canonicalJson);
        Existing existing = lock(organisationId, resourceType, resourceId);
        if (existing == null) {
            UUID rowId = UUID.randomUUID();
            int inserted = entityManager.createNativeQuery("""
                    insert into fhir_resource (id, organisation_id, resource_type, resource_id, version_id, content,
                        content_hash, patient_ref, source, received_at)
                    values (?1, ?2, ?3, ?4, 1, cast(?5 as jsonb), ?6, ?7, ?8, ?9)
                    on conflict (organisation_id, resource_type, resource_id) do nothing""")
                    .setParameter(1, rowId)
                    .setParameter(2, organisationId)
                    .setParameter(3, resourceType)
                    .setParameter(4, resourceId)
                    .setParameter(5, canonicalJson)
                    .setParameter(6, hash)
                    .setParameter(7, patientRef)
                    .setParameter(8, source)
                    .setParameter(9, Timestamp.from(clock.instant()))
                    .executeUpdate();
            if (inserted == 1) {
                return new SaveResult(rowId, 1, Change.CREATED, null);
            }
            // Another request inserted the same resource between the lock query and the insert.
            existing = lock(organisationId, resourceType, resourceId);
        }

        if (existing.contentHash().equals(hash)) {
            return new SaveResult(existing.rowId(), existing.version(), Change.UNCHANGED, existing.patientRef());
        }
        entityManager.createNativeQuery("""
                update fhir_resource
                set version_id = version_id + 1, content = cast(?1 as jsonb), content_hash = ?2, patient_ref = ?3,
                    source = ?4, received_at = ?5
                where organisation_id = ?6 and resource_type = ?7 and resource_id = ?8""")
                .setParameter(1, canonicalJson)
                .setParameter(2, hash)
                .setParameter(3, patientRef)
                .setParameter(4, source)
                .setParameter(5, Timestamp.from(clock.instant()))
                .setParameter(6, organisationId)
                .setParameter(7, resourceType)
                .setParameter(8, resourceId)
                .executeUpdate();
        return new SaveResult(existing.rowId(), existing.version() + 1, Change.UPDATED, existing.patientRef());
    }

    /** Returns the stored content of {@code Type/id} in this organisation. */
    Optional<Stored> find(UUID organisationId, String reference) {
        if (reference == null || reference.indexOf('/') < 0) {
            return Optional.empty();
        }
        String[] parts = reference.split("/", 2);
        List<?> rows = entityManager.createNativeQuery("""
                select cast(content as text), patient_ref from fhir_resource
                where organisation_id = ?1 and resource_type = ?2 and resource_id = ?3""")
                .setParameter(1, organisationId)
                .setParameter(2, parts[0])
                .setParameter(3, parts[1])
                .getResultList();
        return rows.stream().findFirst().map(Object[].class::cast)
                .map(row -> new Stored(parts[0], parts[1], (String) row[0], (String) row[1]));
    }

    /** Returns every stored resource about one patient, except the Patient itself, oldest first. */
    List<Stored> aboutPatient(UUID organisationId, String patientRef) {
        return rows(entityManager.createNativeQuery("""
                select resource_type, resource_id, cast(content as text), patient_ref from fhir_resource
                where organisation_id = ?1 and patient_ref = ?2 and resource_type <> 'Patient'
                order by received_at, resource_type, resource_id""")
                .setParameter(1, organisationId)
                .setParameter(2, patientRef)
                .getResultList());
    }

    /**
     * Returns the stored resources of the given types that refer to {@code reference} in a Reference or
     * in an attachment url (a DocumentReference pointing to a Binary).
     */
    List<Stored> referringTo(UUID organisationId, String reference, Collection<String> resourceTypes) {
        return rows(entityManager.createNativeQuery("""
                select resource_type, resource_id, cast(content as text), patient_ref from fhir_resource
                where organisation_id = ?1 and resource_type in (?2)
                  and (jsonb_path_exists(content, 'strict $.**.reference ? (@ == $ref)', jsonb_build_object('ref', cast(?3 as text)))
                    or jsonb_path_exists(content, 'strict $.**.url ? (@ == $ref)', jsonb_build_object('ref', cast(?3 as text))))
                order by resource_type, resource_id""")
                .setParameter(1, organisationId)
                .setParameter(2, resourceTypes)
                .setParameter(3, reference)
                .getResultList());
    }

    private Existing lock(UUID organisationId, String resourceType, String resourceId) {
        List<?> rows = entityManager.createNativeQuery("""
                select id, version_id, content_hash, patient_ref from fhir_resource
                where organisation_id = ?1 and resource_type = ?2 and resource_id = ?3
                for update""")
                .setParameter(1, organisationId)
                .setParameter(2, resourceType)
                .setParameter(3, resourceId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Existing((UUID) row[0], ((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
    }

    private static List<Stored> rows(List<?> result) {
        return result.stream()
                .map(Object[].class::cast)
                .map(row -> new Stored((String) row[0], (String) row[1], (String) row[2], (String) row[3]))
                .toList();
    }
}
