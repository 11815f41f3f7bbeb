package nl.clientapp.dossier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A planned appointment in the client agenda. */
public record AppointmentView(UUID id, String status, String title, String description, Instant startsAt,
        Instant endsAt, String location, List<ParticipantView> participants) {
}
