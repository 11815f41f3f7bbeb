package nl.clientapp.fhir;

/** Result of importing one resource: its stored version, whether it changed, and the projection outcome. */
record ImportResult(String resourceType, String resourceId, int version, StoredResources.Change change, ProjectionOutcome outcome) {

    String reference() {
        return resourceType + "/" + resourceId;
    }
}
