package nl.clientapp.fhir;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Resource;

/** Appointment with a Patient participant → {@code appointment} in that client's agenda. */
@ApplicationScoped
class AppointmentProjection implements Projection {

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    @Inject
    ReferenceNames names;

    @Override
    public String resourceType() {
        return "Appointment";
    }

    @Override
    public String documentation() {
        return "Agenda item of the client named by a Patient participant: status, title (description, else service "
                + "type or appointment type), comment, start and end, location (a Location participant), and the other "
                + "participants' names and roles. Appointments without a start are not shown.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        Appointment appointment = (Appointment) resource;
        if (!appointment.hasStart()) {
            return ProjectionOutcome.skipped("no-time");
        }
        String title = appointment.hasDescription() ? appointment.getDescription()
                : appointment.hasServiceType() ? FhirValues.display(appointment.getServiceType())
                : FhirValues.display(appointment.getAppointmentType());
        String location = null;
        List<Map<String, Object>> participants = new ArrayList<>();
        for (AppointmentParticipantComponent participant : appointment.getParticipant()) {
            String reference = FhirValues.relativeReference(participant.getActor());
            if (reference != null && reference.startsWith("Patient/")) {
                continue;
            }
            String name = names.name(organisationId, participant.getActor());
            if (name == null) {
                continue;
            }
            if (reference != null && reference.startsWith("Location/")) {
                location = name;
                continue;
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", name);
            view.put("role", FhirValues.display(participant.getType()));
            view.values().removeIf(value -> value == null);
            participants.add(view);
        }

        entityManager.createNativeQuery("""
                insert into appointment (id, client_id, source_ref, status, title, description, starts_at, ends_at, location,
                    participants, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as jsonb), ?11)
                on conflict (client_id, source_ref) do update
                set status = excluded.status, title = excluded.title, description = excluded.description,
                    starts_at = excluded.starts_at, ends_at = excluded.ends_at, location = excluded.location,
                    participants = excluded.participants, updated_at = excluded.updated_at""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, "Appointment/" + appointment.getIdElement().getIdPart())
                .setParameter(4, appointment.hasStatus() ? appointment.getStatus().toCode() : null)
                .setParameter(5, title)
                .setParameter(6, appointment.getComment())
                .setParameter(7, Timestamp.from(appointment.getStart().toInstant()))
                .setParameter(8, appointment.hasEnd() ? Timestamp.from(appointment.getEnd().toInstant()) : null)
                .setParameter(9, location)
                .setParameter(10, readModels.json(participants))
                .setParameter(11, readModels.now())
                .executeUpdate();
        return ProjectionOutcome.PROJECTED;
    }
}
