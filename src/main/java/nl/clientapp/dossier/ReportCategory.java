package nl.clientapp.dossier;

import java.util.Locale;

import nl.clientapp.common.problem.ProblemException;

/** The kind of care a report is about: zorg, welzijn or behandeling. */
public enum ReportCategory {
    CARE,
    WELLBEING,
    TREATMENT;

    /**
     * Parses the {@code category} query parameter, case-insensitively.
     *
     * @return the category, or null when the parameter is absent
     * @throws nl.clientapp.common.problem.ProblemException 400 {@code invalid-category} for any other value
     */
    static ReportCategory parse(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-category");
        }
    }
}
