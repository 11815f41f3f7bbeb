package nl.clientapp.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Finds the Patient a resource is about, which decides the client whose read models it feeds. */
final class PatientReferences {

    /** Elements that name the patient in R4 resources (Observation.subject, EpisodeOfCare.patient, Coverage.beneficiary, ...). */
    private static final List<String> PATIENT_ELEMENTS = List.of("subject", "patient", "beneficiary");

    private PatientReferences() {
    }

    /**
     * Returns {@code Patient/{id}} of the patient the resource is about. A resource that could name a
     * patient but names none is about {@code context}, the patient the integrator stated for the whole
     * request; resources that cannot name a patient (Practitioner, Organization, ...) stay without one.
     */
    static String of(Resource resource, String context) {
        String own = of(resource);
        if (own != null || context == null || resource instanceof Appointment) {
            return own;
        }
        for (String element : PATIENT_ELEMENTS) {
            if (resource.getNamedProperty(element) != null) {
                return context;
            }
        }
        return null;
    }

    /** Returns {@code Patient/{id}} of the patient the resource is about, or null when it names none. */
    static String of(Resource resource) {
        if ("Patient".equals(resource.fhirType())) {
            return "Patient/" + resource.getIdElement().getIdPart();
        }
        if (resource instanceof Appointment appointment) {
            return appointment.getParticipant().stream()
                    .map(participant -> FhirValues.relativeReference(participant.getActor()))
                    .filter(PatientReferences::isPatient)
                    .findFirst().orElse(null);
        }
        for (String element : PATIENT_ELEMENTS) {
            Property property = resource.getNamedProperty(element);
            if (property == null) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof Reference reference && isPatient(FhirValues.relativeReference(reference))) {
                    return FhirValues.relativeReference(reference);
                }
            }
        }
        return null;
    }

    private static boolean isPatient(String reference) {
        return reference != null && reference.startsWith("Patient/");
    }
}
