package nl.clientapp.fhir;

import java.util.List;

/**
 * Result of importing one resource: its stored version, whether it changed, the projection outcome,
 * and warnings about the import (an identifier that another resource holds).
 */
record ImportResult(String resourceType, String resourceId, int version, StoredResources.Change change, ProjectionOutcome outcome,
        List<FhirIssue> warnings) {

    String reference() {
        return resourceType + "/" + resourceId;
    }
}
