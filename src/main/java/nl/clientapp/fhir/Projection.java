package nl.clientapp.fhir;

import java.util.UUID;

import org.hl7.fhir.r4.model.Resource;

/** Turns one resource type into rows of the app's read models. Implementations upsert, so running one twice changes nothing. */
interface Projection {

    /** The FHIR resource type this projection reads. */
    String resourceType();

    /** Returns the description of what the app shows of this type, for the CapabilityStatement. */
    String documentation();

    /**
     * Projects the resource for the client it is about. {@code clientId} is null only for Patient,
     * which creates its client.
     */
    ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource);
}
