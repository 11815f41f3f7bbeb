package nl.clientapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text a user reads exists in Dutch and in English, once: a key defined twice in one file
 * silently loses one of its texts, and a key in one language only falls back to the other.
 */
class MessageBundlesTest {

    @ParameterizedTest
    @ValueSource(strings = { "messages/texts", "messages/fhir" })
    void dutch_and_english_define_the_same_keys_once(String bundle) throws IOException {
        List<String> dutch = keys(bundle + ".properties");
        List<String> english = keys(bundle + "_en.properties");

        assertEquals(List.of(), duplicates(dutch), bundle + ".properties defines these keys more than once");
        assertEquals(List.of(), duplicates(english), bundle + "_en.properties defines these keys more than once");
        assertEquals(missing(dutch, english), Set.of(), "keys only in " + bundle + ".properties");
        assertEquals(missing(english, dutch), Set.of(), "keys only in " + bundle + "_en.properties");
    }

    /** The keys of a properties file in the order they appear, repeats included. */
    private static List<String> keys(String resource) throws IOException {
        List<String> keys = new ArrayList<>();
        Properties collector = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                keys.add((String) key);
                return super.put(key, value);
            }
        };
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            collector.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return keys;
    }

    private static List<String> duplicates(List<String> keys) {
        Set<String> seen = new HashSet<>();
        return keys.stream().filter(key -> !seen.add(key)).sorted().toList();
    }

    private static Set<String> missing(List<String> present, List<String> other) {
        Set<String> result = new TreeSet<>(present);
        result.removeAll(other);
        return result;
    }
}
