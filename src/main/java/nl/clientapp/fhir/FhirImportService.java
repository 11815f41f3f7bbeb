package nl.clientapp.fhir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;
import nl.clientapp.integration.IntegratorAudit;

/**
 * Stores received resources under the calling integrator's organisation and projects the changed
 * ones. A single resource and a whole transaction each commit as one database transaction; a batch
 * calls {@link #importResource} once per entry, so every entry commits on its own.
 *
 * <p>N1: every resource an import creates or changes in a client's dossier writes one audit entry
 * (event {@value #AUDIT_EVENT}, the resource type and id as object) in the same transaction, so a
 * rolled-back import leaves none. A resource whose patient has no client yet, and a resource
 * received unchanged, write none.
 */
@ApplicationScoped
class FhirImportService {

    /** Event of the audit entry written per resource an import creates or changes in a client's dossier. */
    static final String AUDIT_EVENT = "fhir.import";

    private static final Logger LOG = Logger.getLogger(FhirImportService.class);

    @Inject
    StoredResources storedResources;

    @Inject
    Projector projector;

    @Inject
    EntityManager entityManager;

    @Inject
    AuditLog auditLog;

    @Inject
    IntegratorAudit integratorAudit;

    @Transactional
    ImportResult importResource(UUID organisationId, String source, Resource resource, String patientContext) {
        List<AuditEntry> audit = new ArrayList<>();
        ImportResult result = save(organisationId, source, resource, patientContext, audit);
        auditLog.recordAll(audit);
        return result;
    }

    /** Imports all entries or, when one fails, none; results are in the entries' order. */
    @Transactional
    List<ImportResult> importTransaction(UUID organisationId, String source, List<TransactionBundles.PreparedEntry> entries,
            String patientContext) {
        ImportResult[] results = new ImportResult[entries.size()];
        List<AuditEntry> audit = new ArrayList<>();
        for (int index : TransactionBundles.importOrder(entries)) {
            results[index] = save(organisationId, source, entries.get(index).resource(), patientContext, audit);
        }
        // One batch insert for the whole Bundle, in its transaction: a rollback leaves no entry.
        auditLog.recordAll(audit);
        return new ArrayList<>(Arrays.asList(results));
    }

    /** Returns the client created from a Patient reference of the organisation, or null when there is none yet. */
    private UUID clientOf(UUID organisationId, String patientRef) {
        if (patientRef == null || !patientRef.startsWith("Patient/")) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("select id from client where organisation_id = :organisation and fhir_patient_id = :patient")
                .setParameter("organisation", organisationId)
                .setParameter("patient", patientRef.substring("Patient/".length()))
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Returns the OAuth client id of an integrator, which fhir_resource.source records. */
    @Transactional
    String sourceOf(UUID integratorId) {
        return (String) entityManager.createNativeQuery("select client_id from integrator_client where id = ?1")
                .setParameter(1, integratorId)
                .getSingleResult();
    }

    private ImportResult save(UUID organisationId, String source, Resource resource, String patientContext, List<AuditEntry> audit) {
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        String patientRef = PatientReferences.of(resource, patientContext);

        StoredResources.SaveResult saved = storedResources.save(organisationId, type, id, Fhir.canonicalJson(resource), patientRef, source);
        if (saved.change() == StoredResources.Change.UNCHANGED) {
            return new ImportResult(type, id, saved.version(), saved.change(), null);
        }

        ProjectionOutcome outcome = projector.onChange(organisationId, resource, patientRef, saved.change() == StoredResources.Change.CREATED,
                saved.previousPatientRef());
        LOG.debugf("Imported %s/%s version %d for organisation %s: %s", type, id, saved.version(), organisationId, outcome.kind());
        AuditAction action = saved.change() == StoredResources.Change.CREATED ? AuditAction.CREATE : AuditAction.UPDATE;
        UUID clientId = clientOf(organisationId, patientRef);
        if (clientId != null) {
            audit.add(integratorAudit.entry(AUDIT_EVENT, action, AuditOutcome.SUCCESS, FhirEndpoint.WRITE_SCOPE, clientId, type, id));
        }
        UUID previousClientId = clientOf(organisationId, saved.previousPatientRef());
        if (previousClientId != null && !previousClientId.equals(clientId)) {
            // The resource moved to another patient: it left the previous client's dossier.
            audit.add(integratorAudit.entry(AUDIT_EVENT, AuditAction.DELETE, AuditOutcome.SUCCESS, FhirEndpoint.WRITE_SCOPE,
                    previousClientId, type, id));
        }
        return new ImportResult(type, id, saved.version(), saved.change(), outcome);
    }
}
