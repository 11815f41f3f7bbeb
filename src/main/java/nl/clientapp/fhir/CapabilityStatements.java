package nl.clientapp.fhir;

import java.time.Clock;
import java.util.Date;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/** Builds the CapabilityStatement of {@code /fhir}: every accepted type, and what each becomes in the app. */
@ApplicationScoped
class CapabilityStatements {

    private static final String REFERENCED_DOCUMENTATION = "Stored; not shown on its own. Names, roles, organisations, "
            + "report texts and document contents are read from it when other resources refer to it, and those are "
            + "projected again when it changes.";
    private static final String STORED_DOCUMENTATION = "Stored as received (accepted but not projected); not shown in the app.";

    @Inject
    Projector projector;

    @Inject
    Clock clock;

    CapabilityStatement current() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE)
                .setDate(Date.from(clock.instant()))
                .setKind(CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1)
                .setName("ClientAppFhirImport")
                .setTitle("CliëntApp FHIR R4 import")
                .setPublisher("CliëntApp")
                .setDescription("Import of ECD data for the CliëntApp. Every resource is stored as received under the "
                        + "calling integrator's organisation (Type/id is unique per organisation) and projected into "
                        + "what the app shows. Re-sending an unchanged resource changes nothing.");
        statement.addFormat("application/fhir+json").addFormat("application/fhir+xml").addFormat("json").addFormat("xml");
        statement.getImplementation().setDescription("CliëntApp API FHIR endpoint").setUrl("/fhir");

        CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Resources are linked to a client through subject, patient or beneficiary (for an "
                + "Appointment: a Patient participant). A resource whose Patient has not arrived yet is stored and projected "
                + "when the Patient arrives; a reference that cannot be resolved never fails an import. Transaction and "
                + "batch Bundles may use urn:uuid fullUrls; each entry keeps its resource id, else the id in its PUT url, "
                + "else gets a new UUID. " + FhirEndpoint.PATIENT_PARAMETER_DESCRIPTION + " " + ProfileSections.CONVENTION);
        rest.getSecurity().setDescription("OAuth 2.0 client credentials at /oauth/token; the access token needs the scope "
                + FhirEndpoint.WRITE_SCOPE + ". Without a token the answer is 401, without the scope 403.");
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION)
                .setDocumentation("All entries in one database transaction; response type transaction-response.");
        rest.addInteraction().setCode(SystemRestfulInteraction.BATCH)
                .setDocumentation("Each entry on its own; response type batch-response.");

        for (String type : new TreeSet<>(Fhir.CONTEXT.getResourceTypes())) {
            if (!ResourceReader.NOT_ACCEPTED.contains(type)) {
                rest.addResource(resource(type));
            }
        }
        return statement;
    }

    private CapabilityStatementRestResourceComponent resource(String type) {
        CapabilityStatementRestResourceComponent resource = new CapabilityStatementRestResourceComponent().setType(type);
        resource.addInteraction().setCode(TypeRestfulInteraction.UPDATE);
        resource.setVersioning(ResourceVersionPolicy.VERSIONED).setUpdateCreate(true);
        Projection projection = projector.projections().get(type);
        if (projection != null) {
            resource.setDocumentation(projection.documentation());
        } else if (Projector.REFERENCED_TYPES.contains(type)) {
            resource.setDocumentation(REFERENCED_DOCUMENTATION);
        } else {
            resource.setDocumentation(STORED_DOCUMENTATION);
        }
        return resource;
    }
}
