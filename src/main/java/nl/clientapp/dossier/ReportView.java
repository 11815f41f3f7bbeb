package nl.clientapp.dossier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A report (rapportage) from the ECD.
 *
 * @param category CARE, WELLBEING or TREATMENT
 * @param sections the report's parts in the order of the source, such as SOAP parts
 */
public record ReportView(UUID id, String category, String title, String authorName, Instant reportedAt,
        List<ReportSectionView> sections) {
}
