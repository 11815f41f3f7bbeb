package nl.clientapp.dossier;

import java.time.LocalDate;

/** A care relationship (zorgrelatie); the dates are Dutch calendar dates, and endDate is null while care goes on. */
public record CareRelationshipView(String status, LocalDate startDate, LocalDate endDate) {
}
