package nl.clientapp.fhir;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Patient → {@code client}: creates the client on the first Patient and keeps its name, birth date
 * and personal details current. Identifiers (BSN included) are left out of the personal details.
 */
@ApplicationScoped
class PatientProjection implements Projection {

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    @Override
    public String resourceType() {
        return "Patient";
    }

    @Override
    public String documentation() {
        return "Creates the client on first receipt and updates it afterwards: display name (official name text, "
                + "else given and family names), birth date, and the profile's personal details (name, birth date, "
                + "gender, addresses, phone numbers and e-mail addresses, marital status). Identifiers such as the BSN "
                + "are stored with the resource but never shown. Resources that arrived earlier for this Patient are "
                + "projected when it arrives.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        Patient patient = (Patient) resource;
        String displayName = FhirValues.displayName(patient.getName());
        LocalDate birthDate = patient.hasBirthDateElement() ? FhirValues.localDate(patient.getBirthDateElement()) : null;

        entityManager.createNativeQuery("""
                insert into client (id, organisation_id, fhir_patient_id, display_name, birth_date, personal_details,
                    created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?7)
                on conflict (organisation_id, fhir_patient_id) do update
                set display_name = excluded.display_name, birth_date = excluded.birth_date,
                    personal_details = excluded.personal_details, updated_at = excluded.updated_at""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, organisationId)
                .setParameter(3, patient.getIdElement().getIdPart())
                // NOTE: a Patient without any name gets an empty display name; the app decides what to show.
                .setParameter(4, displayName == null ? "" : displayName)
                .setParameter(5, birthDate)
                .setParameter(6, readModels.json(personalDetails(patient, displayName, birthDate)))
                .setParameter(7, readModels.now())
                .executeUpdate();
        return ProjectionOutcome.PROJECTED;
    }

    private static Map<String, Object> personalDetails(Patient patient, String displayName, LocalDate birthDate) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", displayName);
        patient.getName().stream()
                .filter(name -> name.getUse() == HumanName.NameUse.USUAL)
                .map(FhirValues::displayName)
                .filter(name -> name != null)
                .findFirst()
                .ifPresent(callName -> details.put("callName", callName));
        details.put("birthDate", birthDate == null ? null : birthDate.toString());
        details.put("gender", patient.hasGender() ? patient.getGender().toCode() : null);
        details.put("addresses", patient.getAddress().stream().map(PatientProjection::address).toList());
        details.put("telecom", patient.getTelecom().stream().filter(ContactPoint::hasValue).map(PatientProjection::contactPoint).toList());
        details.put("maritalStatus", FhirValues.display(patient.getMaritalStatus()));
        details.values().removeIf(value -> value == null || (value instanceof List<?> list && list.isEmpty()));
        return details;
    }

    private static Map<String, Object> address(Address address) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("use", address.hasUse() ? address.getUse().toCode() : null);
        view.put("text", address.getText());
        view.put("lines", address.getLine().stream().map(line -> line.getValue()).toList());
        view.put("postalCode", address.getPostalCode());
        view.put("city", address.getCity());
        view.put("country", address.getCountry());
        view.values().removeIf(value -> value == null || (value instanceof List<?> list && list.isEmpty()));
        return view;
    }

    private static Map<String, Object> contactPoint(ContactPoint point) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("system", point.hasSystem() ? point.getSystem().toCode() : null);
        view.put("value", point.getValue());
        view.put("use", point.hasUse() ? point.getUse().toCode() : null);
        view.values().removeIf(value -> value == null);
        return view;
    }
}
