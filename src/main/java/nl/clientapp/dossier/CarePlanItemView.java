package nl.clientapp.dossier;

import java.time.LocalDate;
import java.util.UUID;

/** A plan, goal or activity of the care plan; the period is in Dutch calendar dates. */
public record CarePlanItemView(UUID id, String title, String description, String status, LocalDate periodStart,
        LocalDate periodEnd) {
}
