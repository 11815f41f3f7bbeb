package nl.clientapp.fhir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
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

    @Inject
    FhirIdentifiers identifiers;

    @Transactional
    ImportResult importResource(UUID organisationId, String source, Resource resource, String patientContext) {
        List<AuditEntry> audit = new ArrayList<>();
        ImportResult result = save(organisationId, source, resource, patientContext, audit);
        auditLog.recordAll(audit);
        return result;
    }

    /**
     * Conditional update: updates the one resource of the organisation that has one of the
     * identifiers, or creates the resource when none does (with its own id, else a new UUID). Several
     * matches get 412. {@code expression} is the FHIRPath prefix of the resource in error messages.
     */
    @Transactional
    ImportResult importConditional(UUID organisationId, String source, Resource resource, List<FhirIdentifiers.Criterion> criteria,
            String patientContext, String expression) {
        identifiers.lock(organisationId, resource.fhirType(), lockValues(resource, criteria));
        resolveConditional(organisationId, resource, criteria, expression, null);
        return importResource(organisationId, source, resource, patientContext);
    }

    /** Imports all entries or, when one fails, none; results are in the entries' order. */
    @Transactional
    List<ImportResult> importTransaction(UUID organisationId, String source, List<TransactionBundles.PreparedEntry> entries,
            String patientContext) {
        // Every identifier lock the whole Bundle needs, in one order, before any search or write.
        List<String[]> locks = new ArrayList<>();
        for (TransactionBundles.PreparedEntry entry : entries) {
            for (String value : lockValues(entry.resource(), entry.conditional())) {
                locks.add(new String[] {entry.resource().fhirType(), value});
            }
        }
        identifiers.lockAll(organisationId, locks);
        Map<String, String> conditionalFullUrls = new HashMap<>();
        for (TransactionBundles.PreparedEntry entry : entries) {
            if (entry.conditional() != null) {
                resolveConditional(organisationId, entry.resource(), entry.conditional(), "Bundle.entry[" + entry.index() + "]",
                        "Bundle.entry[" + entry.index() + "].request.url");
                if (entry.fullUrl() != null) {
                    conditionalFullUrls.put(entry.fullUrl(), entry.resource().fhirType() + "/" + entry.resource().getIdElement().getIdPart());
                }
            }
        }
        TransactionBundles.rewriteReferences(entries, conditionalFullUrls);

        ImportResult[] results = new ImportResult[entries.size()];
        List<AuditEntry> audit = new ArrayList<>();
        for (int index : TransactionBundles.importOrder(entries)) {
            results[index] = save(organisationId, source, entries.get(index).resource(), patientContext, audit);
        }
        // One batch insert for the whole Bundle, in its transaction: a rollback leaves no entry.
        auditLog.recordAll(audit);
        return new ArrayList<>(Arrays.asList(results));
    }

    /**
     * Gives a conditional resource its id: the one match, else its own id, else a new UUID. The
     * caller holds the identifier locks.
     */
    private void resolveConditional(UUID organisationId, Resource resource, List<FhirIdentifiers.Criterion> criteria, String expression,
            String conditionExpression) {
        String type = resource.fhirType();
        List<String> matches = identifiers.match(organisationId, type, criteria);
        String ownId = resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : null;
        if (matches.size() > 1) {
            throw new FhirException(412, FhirIssue.error(IssueType.MULTIPLEMATCHES, conditionExpression, "fhir.error.multiple-matches",
                    matches.size(), type, criteria.stream().map(Object::toString).collect(Collectors.joining(","))));
        }
        if (matches.size() == 1) {
            if (ownId != null && !ownId.equals(matches.get(0))) {
                throw new FhirException(400, FhirIssue.error(IssueType.INVALID, expression + ".id", "fhir.error.conditional-id-mismatch",
                        ownId, type + "/" + matches.get(0)));
            }
            resource.setId(matches.get(0));
        } else {
            resource.setId(ownId != null ? ownId : UUID.randomUUID().toString());
        }
    }

    /** Collects the identifier values an import locks: the searched ones and the resource's own. */
    private static List<String> lockValues(Resource resource, List<FhirIdentifiers.Criterion> criteria) {
        List<String> values = new ArrayList<>();
        if (resource == null) {
            return values;
        }
        if (criteria != null) {
            criteria.forEach(criterion -> values.add(criterion.value()));
        }
        FhirIdentifiers.of(resource).forEach(identifier -> values.add(identifier.getValue()));
        return values;
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
        // Identifier locks before the row lock, in the same order as a conditional update takes them.
        identifiers.lock(organisationId, type, lockValues(resource, null));

        StoredResources.SaveResult saved = storedResources.save(organisationId, type, id, Fhir.canonicalJson(resource), patientRef, source);
        if (saved.change() == StoredResources.Change.UNCHANGED) {
            return new ImportResult(type, id, saved.version(), saved.change(), null, List.of());
        }
        List<FhirIssue> warnings = identifiers.index(organisationId, saved.rowId(), resource);

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
        return new ImportResult(type, id, saved.version(), saved.change(), outcome, warnings);
    }
}
