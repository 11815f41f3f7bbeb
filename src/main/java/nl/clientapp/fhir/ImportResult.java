package nl.clientapp.fhir;

/** What importing one resource did: its stored version, whether it changed, and what the projection made of it. */
record ImportResult(String resourceType, String resourceId, int version, StoredResources.Change change, ProjectionOutcome outcome) {

    String reference() {
        return resourceType + "/" + resourceId;
    }
}
