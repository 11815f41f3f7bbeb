package nl.clientapp.dossier;

import java.time.LocalDate;
import java.util.List;

/**
 * The client's appointments from {@code from} to {@code to}, both Europe/Amsterdam dates and inclusive.
 *
 * @param truncated whether more appointments fall in the range than the response contains
 */
public record AgendaView(LocalDate from, LocalDate to, List<AppointmentView> appointments, boolean truncated) {
}
