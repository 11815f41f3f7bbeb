package nl.clientapp.bench;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of the form {@code --name value}. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] arguments, int from) {
        for (int i = from; i < arguments.length; i++) {
            if (!arguments[i].startsWith("--") || i + 1 >= arguments.length) {
                throw new IllegalArgumentException("Expected --name value, got " + arguments[i]);
            }
            values.put(arguments[i].substring(2), arguments[++i]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing option --" + name);
        }
        return value;
    }
}
