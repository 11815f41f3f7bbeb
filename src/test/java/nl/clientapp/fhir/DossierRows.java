package nl.clientapp.fhir;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Reads the FHIR store and read models with SQL, because the app's read API is built separately.
 * Every query takes the organisation, so tests that share the database never see each other's rows.
 */
@ApplicationScoped
class DossierRows {

    @Inject
    EntityManager entityManager;

    /** Returns the rows of a native query; {@code ?1}, {@code ?2}, ... are bound to the arguments in order. */
    @Transactional
    List<Object[]> rows(String sql, Object... arguments) {
        Query query = entityManager.createNativeQuery(sql);
        for (int index = 0; index < arguments.length; index++) {
            query.setParameter(index + 1, arguments[index]);
        }
        return ((List<?>) query.getResultList()).stream()
                .map(row -> row instanceof Object[] columns ? columns : new Object[] { row })
                .toList();
    }

    /** Returns the single value of a query with one row and one column, or null when it has no row. */
    @Transactional
    Object value(String sql, Object... arguments) {
        List<Object[]> rows = rows(sql, arguments);
        if (rows.size() > 1) {
            throw new AssertionError("Expected at most one row but got " + rows.size() + " for: " + sql);
        }
        return rows.isEmpty() ? null : rows.get(0)[0];
    }

    long count(String sql, Object... arguments) {
        return ((Number) value(sql, arguments)).longValue();
    }

    UUID clientId(UUID organisationId, String patientId) {
        return (UUID) value("select id from client where organisation_id = ?1 and fhir_patient_id = ?2", organisationId, patientId);
    }

    long storedResources(UUID organisationId) {
        return count("select count(*) from fhir_resource where organisation_id = ?1", organisationId);
    }

    Integer version(UUID organisationId, String resourceType, String resourceId) {
        return (Integer) value("select version_id from fhir_resource where organisation_id = ?1 and resource_type = ?2 and resource_id = ?3",
                organisationId, resourceType, resourceId);
    }
}
