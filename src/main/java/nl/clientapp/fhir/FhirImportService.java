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

/**
 * Stores received resources under the calling integrator's organisation and projects the changed
 * ones. A single resource and a whole transaction each commit as one database transaction; a batch
 * calls {@link #importResource} once per entry, so every entry commits on its own.
 */
@ApplicationScoped
class FhirImportService {

    private static final Logger LOG = Logger.getLogger(FhirImportService.class);

    @Inject
    StoredResources storedResources;

    @Inject
    Projector projector;

    @Inject
    EntityManager entityManager;

    @Transactional
    ImportResult importResource(UUID organisationId, String source, Resource resource, String patientContext) {
        return save(organisationId, source, resource, patientContext);
    }

    /** Imports all entries or, when one fails, none; results are in the entries' order. */
    @Transactional
    List<ImportResult> importTransaction(UUID organisationId, String source, List<TransactionBundles.PreparedEntry> entries,
            String patientContext) {
        ImportResult[] results = new ImportResult[entries.size()];
        for (int index : TransactionBundles.importOrder(entries)) {
            results[index] = save(organisationId, source, entries.get(index).resource(), patientContext);
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /** Returns the OAuth client id of an integrator, which fhir_resource.source records. */
    @Transactional
    String sourceOf(UUID integratorId) {
        return (String) entityManager.createNativeQuery("select client_id from integrator_client where id = ?1")
                .setParameter(1, integratorId)
                .getSingleResult();
    }

    private ImportResult save(UUID organisationId, String source, Resource resource, String patientContext) {
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
        return new ImportResult(type, id, saved.version(), saved.change(), outcome);
    }
}
