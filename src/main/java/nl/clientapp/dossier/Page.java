package nl.clientapp.dossier;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list, newest first.
 *
 * @param items the rows of this page, at most the requested limit
 * @param nextCursor the cursor to request the next page with, or null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only shows that a
     * next page exists and is left out.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, KeysetCursor> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), key.apply(items.get(limit - 1)).encode());
    }
}
