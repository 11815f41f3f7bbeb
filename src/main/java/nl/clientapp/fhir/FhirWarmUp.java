package nl.clientapp.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Builds HAPI's model of FHIR R4 in a background thread after start. The first use takes seconds, and
 * the 401 and 403 responses of /fhir are written on the I/O thread, which should not block that long.
 * The warm-up does not delay readiness. A FHIR request that arrives before it ends uses the same
 * thread-safe context, which builds the parts it still lacks, so that request is slow but succeeds.
 */
@ApplicationScoped
class FhirWarmUp {

    private static final Logger LOG = Logger.getLogger(FhirWarmUp.class);

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(FhirWarmUp::warmUp, "fhir-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warmUp() {
        long started = System.nanoTime();
        try {
            Fhir.CONTEXT.getResourceTypes();
            Fhir.CONTEXT.newJsonParser().encodeResourceToString(new OperationOutcome());
            Fhir.CONTEXT.newXmlParser().encodeResourceToString(new OperationOutcome());
            LOG.debugf("FHIR R4 context and parsers ready after %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // The first FHIR request builds what is missing itself, so a failed warm-up only costs time.
            LOG.warn("FHIR warm-up failed; the first FHIR request builds the context instead", e);
        }
    }
}
