package nl.clientapp.dossier;

import nl.clientapp.common.problem.ProblemException;

/** The {@code limit} query parameter of paged lists: 20 by default, at most 100. */
public final class PageLimit {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageLimit() {
    }

    /**
     * Parses a page size.
     *
     * @throws ProblemException 400 {@code invalid-limit} unless the value is a whole number from 1 to 100
     */
    public static int parse(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same problem as an out-of-range number.
        }
        throw ProblemException.badRequest("invalid-limit", MAX);
    }
}
