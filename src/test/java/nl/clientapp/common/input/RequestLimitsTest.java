package nl.clientapp.common.input;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.ServedOpenApi;

/**
 * I1: every string and list a request body may carry has a documented maximum (maxLength, maxItems),
 * read from the served OpenAPI document, so that a new request field without a limit fails the build.
 */
@QuarkusTest
class RequestLimitsTest {

    /** Formats whose values have a fixed short shape, so that they need no maxLength. */
    private static final Set<String> BOUNDED_FORMATS = Set.of("uuid", "date", "date-time");

    /** "Schema.property" without a maximum, each with the reason it needs none. Empty on purpose. */
    private static final Map<String, String> ALLOWED_WITHOUT_MAXIMUM = Map.of();

    @Test
    void every_request_string_and_list_has_a_maximum() {
        ServedOpenApi openApi = ServedOpenApi.fetch();
        List<String> unbounded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int checked = 0;
        for (var operation : openApi.operations().entrySet()) {
            Map<String, Object> schema = openApi.jsonRequestSchema(operation.getValue());
            if (schema != null) {
                checked += check(openApi, operation.getKey(), schema, seen, unbounded);
            }
        }
        assertTrue(checked > 20, "only " + checked + " request properties found");
        assertTrue(unbounded.isEmpty(), "request properties without a documented maximum (I1):\n" + String.join("\n", unbounded));
    }

    @SuppressWarnings("unchecked")
    private static int check(ServedOpenApi openApi, String where, Map<String, Object> schema, Set<String> seen, List<String> unbounded) {
        String name = (String) schema.getOrDefault("x-component", where);
        if (!seen.add(name)) {
            return 0;
        }
        int checked = 0;
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        for (var entry : properties.entrySet()) {
            Map<String, Object> property = openApi.resolve((Map<String, Object>) entry.getValue());
            String key = name + "." + entry.getKey();
            checked++;
            String type = String.valueOf(property.get("type"));
            if (type.equals("string") && !property.containsKey("maxLength") && !property.containsKey("enum")
                    && !BOUNDED_FORMATS.contains(String.valueOf(property.get("format"))) && !ALLOWED_WITHOUT_MAXIMUM.containsKey(key)) {
                unbounded.add(key + " is a string without maxLength");
            }
            if (type.equals("array")) {
                if (!property.containsKey("maxItems") && !ALLOWED_WITHOUT_MAXIMUM.containsKey(key)) {
                    unbounded.add(key + " is an array without maxItems");
                }
                Map<String, Object> items = openApi.resolve((Map<String, Object>) property.get("items"));
                if (items != null && "object".equals(items.get("type"))) {
                    checked += check(openApi, key + "[]", items, seen, unbounded);
                }
            }
            if (type.equals("object")) {
                checked += check(openApi, key, property, seen, unbounded);
            }
        }
        return checked;
    }
}
