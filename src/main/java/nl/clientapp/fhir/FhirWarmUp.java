package nl.clientapp.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hl7.fhir.r4.model.OperationOutcome;

import io.quarkus.runtime.StartupEvent;

/**
 * Builds HAPI's model of FHIR R4 at start. The first use takes seconds, and the 401 and 403 responses
 * of /fhir are written on the I/O thread, which should not block that long.
 */
@ApplicationScoped
class FhirWarmUp {

    void onStart(@Observes StartupEvent event) {
        Fhir.CONTEXT.getResourceTypes();
        Fhir.CONTEXT.newJsonParser().encodeResourceToString(new OperationOutcome());
        Fhir.CONTEXT.newXmlParser().encodeResourceToString(new OperationOutcome());
    }
}
