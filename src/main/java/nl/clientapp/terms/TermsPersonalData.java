package nl.clientapp.terms;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.clientapp.dossier.SqlReader;
import nl.clientapp.privacy.PersonalDataSection;
import nl.clientapp.privacy.PersonalDataSource;

/** The {@code termsAcceptances} section of a personal-data export: which terms version the user accepted, and when. */
@ApplicationScoped
class TermsPersonalData implements PersonalDataSource {

    record TermsAcceptanceExport(UUID termsVersionId, String organisationName, String versionLabel, LocalDate effectiveDate,
            Instant acceptedAt) {
    }

    @Inject
    SqlReader sql;

    @Override
    public String section() {
        return "termsAcceptances";
    }

    @Override
    public PersonalDataSection collect(UUID userId) {
        return PersonalDataSection.of(sql.list("""
                select v.id, o.name, v.version_label, v.effective_date, a.accepted_at
                  from terms_acceptance a
                  join terms_version v on v.id = a.terms_version_id
                  join organisation o on o.id = v.organisation_id
                 where a.user_id = ?
                 order by a.accepted_at, v.id""",
                row -> new TermsAcceptanceExport(row.getObject("id", UUID.class), row.getString("name"),
                        row.getString("version_label"), row.getObject("effective_date", LocalDate.class),
                        SqlReader.instant(row, "accepted_at")),
                userId));
    }
}
