package nl.clientapp.dossier;

/** Someone taking part in an appointment, with their role in it. */
public record ParticipantView(String name, String role) {
}
