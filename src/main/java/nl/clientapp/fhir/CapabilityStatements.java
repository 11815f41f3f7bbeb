package nl.clientapp.fhir;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/** Builds the CapabilityStatement of {@code /fhir}: every accepted type, and what each becomes in the app. */
@ApplicationScoped
class CapabilityStatements {

    private static final String REFERENCED_DOCUMENTATION = "Stored; not shown on its own. Names, roles, organisations, "
            + "report texts and document contents are read from it when other resources refer to it, and those are "
            + "projected again when it changes.";
    private static final String STORED_DOCUMENTATION = "Stored as received (accepted but not projected); not shown in the app.";

    /** Bodies in STU3, as in MedMij long-term-care (BgLZ) exchanges. */
    static final String STU3_DOCUMENTATION = "Bodies may also be FHIR STU3 (3.0), marked with the media type parameter "
            + "fhirVersion=3.0 (application/fhir+json; fhirVersion=3.0); they are converted to R4 before import. Answers are R4.";

    private static final String NL_CORE = "http://nictiz.nl/fhir/StructureDefinition/";

    /**
     * The Nictiz nl-core (zib2020) profiles whose instances this endpoint imports, per type. Elements
     * beyond the base resource are accepted and stored; the mapping reads the base elements.
     */
    static final Map<String, List<String>> PROFILES = Map.ofEntries(
            Map.entry("Patient", List.of("nl-core-Patient")),
            Map.entry("RelatedPerson", List.of("nl-core-ContactPerson")),
            Map.entry("Practitioner", List.of("nl-core-HealthProfessional-Practitioner")),
            Map.entry("PractitionerRole", List.of("nl-core-HealthProfessional-PractitionerRole")),
            Map.entry("Organization", List.of("nl-core-HealthcareProvider-Organization")),
            Map.entry("Location", List.of("nl-core-HealthcareProvider")),
            Map.entry("CareTeam", List.of("nl-core-CareTeam")),
            Map.entry("EpisodeOfCare", List.of("nl-core-EpisodeOfCare")),
            Map.entry("Encounter", List.of("nl-core-Encounter")),
            Map.entry("Composition", List.of("nl-core-SOAPReport")),
            Map.entry("Observation", List.of("nl-core-SOAPReport.SOAPLine", "nl-core-BodyWeight", "nl-core-BodyHeight",
                    "nl-core-BloodPressure", "nl-core-HeartRate", "nl-core-BodyTemperature", "nl-core-O2Saturation", "nl-core-PainScore",
                    "nl-core-AbilityToWashOneself", "nl-core-BarthelADLIndex", "nl-core-DOSScore", "nl-core-FunctionalOrMentalStatus",
                    "nl-core-LivingSituation", "nl-core-Mobility", "nl-core-SNAQ65plusScore")),
            Map.entry("CarePlan", List.of("nl-core-NursingIntervention", "nl-core-HelpFromOthers")),
            Map.entry("Goal", List.of("nl-core-TreatmentObjective")),
            Map.entry("Flag", List.of("nl-core-Alert")),
            Map.entry("Condition", List.of("nl-core-Problem", "nl-core-PressureUlcer", "nl-core-LegalSituation-Representation")),
            Map.entry("AllergyIntolerance", List.of("nl-core-AllergyIntolerance")),
            Map.entry("Procedure", List.of("nl-core-FreedomRestrictingIntervention")),
            Map.entry("Consent", List.of("nl-core-AdvanceDirective", "nl-core-TreatmentDirective2")));

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
                + "else gets a new UUID. A PUT entry may address its resource by identifier (Type?identifier=system|value), "
                + "as a conditional update. " + FhirEndpoint.PATIENT_PARAMETER_DESCRIPTION + " " + ProfileSections.CONVENTION + " "
                + STU3_DOCUMENTATION);
        rest.getSecurity().setCors(false)
                .setDescription("OAuth 2.0 client credentials (RFC 6749, section 4.4) at /oauth/token, with HTTP Basic client "
                        + "authentication; the access token needs the scope " + FhirEndpoint.WRITE_SCOPE + ". Without a token the answer "
                        + "is 401, without the scope 403. This is a system-to-system API: no SMART on FHIR app launch, user "
                        + "authorisation or SMART scopes.")
                .addService().addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service").setCode("OAuth").setDisplay("OAuth");
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
        if (FhirIdentifiers.hasIdentifiers(type)) {
            resource.setConditionalUpdate(true);
            resource.addSearchParam().setName("identifier").setType(SearchParamType.TOKEN)
                    .setDocumentation("Only in a conditional update (PUT /fhir/" + type + "?identifier=system|value); there is no search.");
        }
        PROFILES.getOrDefault(type, List.of()).forEach(profile -> resource.addSupportedProfile(NL_CORE + profile));
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
