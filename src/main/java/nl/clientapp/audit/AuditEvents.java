package nl.clientapp.audit;

import java.util.Date;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Maps stored audit entries to FHIR R4 AuditEvent resources: the type from the DICOM audit event
 * ids (Patient Record, Export, Security Roles Changed, User Security Attributes Changed), the action as C/R/U/D, the agent the app
 * user, integrator or job with its role and IP address, and as entities the client's Patient and
 * the object accessed.
 */
final class AuditEvents {

    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String EVENT_SYSTEM = "urn:clientapp:audit-event";
    static final String ACTOR_SYSTEM = "urn:clientapp:actor:";
    static final String ROLE_SYSTEM = "urn:clientapp:actor-role";
    static final String OBJECT_SYSTEM = "urn:clientapp:object:";

    /** Ending of the events that change a user's mobile number or e-mail address, the login's second factor. */
    private static final String CONTACT_CHANGE = ".contact-change";

    /** The event whose object is a FHIR resource, referenced as such in the object entity. */
    private static final String FHIR_IMPORT = "fhir.import";

    private AuditEvents() {
    }

    static AuditEvent of(AuditRow row, String fhirPatientId) {
        AuditEvent event = new AuditEvent();
        event.setId(row.id().toString());
        event.setType(type(row));
        event.addSubtype(new Coding(EVENT_SYSTEM, row.event(), null));
        event.setAction(action(row.action()));
        event.setRecorded(Date.from(row.occurredAt()));
        event.setOutcome(row.outcome() == AuditOutcome.SUCCESS ? AuditEventOutcome._0 : AuditEventOutcome._4);
        if (row.outcome() == AuditOutcome.DENIED) {
            event.setOutcomeDesc("denied");
        }

        AuditEventAgentComponent agent = event.addAgent();
        agent.setRequestor(row.actorType() != ActorType.SYSTEM);
        agent.setWho(new Reference().setIdentifier(new Identifier()
                .setSystem(ACTOR_SYSTEM + row.actorType().name().toLowerCase().replace('_', '-'))
                .setValue(row.actorId()))
                .setDisplay(agentName(row)));
        if (row.actorRole() != null) {
            agent.addRole(new CodeableConcept(new Coding(ROLE_SYSTEM, row.actorRole(), null)));
        }
        if (row.sessionId() != null) {
            agent.setAltId(row.sessionId().toString());
        }
        if (row.clientIp() != null) {
            agent.getNetwork().setAddress(row.clientIp()).setType(AuditEventAgentNetworkType._2);
        }
        event.getSource().setObserver(new Reference().setDisplay("CliëntApp API"))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));

        if (fhirPatientId != null) {
            event.addEntity()
                    .setWhat(new Reference("Patient/" + fhirPatientId))
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        }
        AuditEvent.AuditEventEntityComponent object = event.addEntity()
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setName(row.objectType());
        if (row.objectId() != null) {
            object.setWhat(FHIR_IMPORT.equals(row.event())
                    ? new Reference(row.objectType() + "/" + row.objectId())
                    : new Reference().setIdentifier(new Identifier().setSystem(OBJECT_SYSTEM + row.objectType()).setValue(row.objectId())));
        }
        return event;
    }

    private static Coding type(AuditRow row) {
        if (row.action() == AuditAction.EXPORT) {
            return new Coding(DICOM, "110106", "Export");
        }
        if (row.event().endsWith(CONTACT_CHANGE)) {
            return new Coding(DICOM, "110137", "User Security Attributes Changed");
        }
        if (row.action() != AuditAction.READ && row.event().startsWith("member")) {
            return new Coding(DICOM, "110136", "Security Roles Changed");
        }
        return new Coding(DICOM, "110110", "Patient Record");
    }

    private static AuditEventAction action(AuditAction action) {
        return switch (action) {
            case CREATE -> AuditEventAction.C;
            case READ, EXPORT -> AuditEventAction.R;
            case UPDATE -> AuditEventAction.U;
            case DELETE -> AuditEventAction.D;
        };
    }

    private static String agentName(AuditRow row) {
        return switch (row.actorType()) {
            case APP_USER -> row.actorName();
            case INTEGRATOR -> row.organisationName();
            case SYSTEM -> row.actorId();
        };
    }
}
