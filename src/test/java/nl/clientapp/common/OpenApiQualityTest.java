package nl.clientapp.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Checks every operation of the served OpenAPI document for what integrators rely on. Each needs
 * a summary, a description and a tag with a description. Every JSON request and response body
 * needs an example that fits its schema. Each operation documents at least one 4xx response, and
 * every error response shows the problem types it returns. A new endpoint without them fails
 * here, with one line per gap.
 * Examples come from {@code src/main/resources/openapi-examples/<operationId>.json}; the problem
 * examples from the problem types each response description names.
 */
@QuarkusTest
class OpenApiQualityTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

    private Map<String, Object> document;

    @BeforeEach
    void fetchDocument() {
        document = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().jsonPath().getMap("$");
    }

    @Test
    void every_operation_has_summary_description_and_described_tag() {
        Map<String, String> tagDescriptions = new LinkedHashMap<>();
        for (Map<String, Object> tag : OpenApiQualityTest.<Map<String, Object>>list(document.get("tags"))) {
            tagDescriptions.put((String) tag.get("name"), (String) tag.get("description"));
        }
        List<String> gaps = new ArrayList<>();
        operations().forEach((name, operation) -> {
            if (isBlank(operation.get("summary"))) {
                gaps.add(name + ": no summary");
            }
            if (isBlank(operation.get("description"))) {
                gaps.add(name + ": no description");
            }
            List<String> tags = list(operation.get("tags"));
            if (tags.isEmpty()) {
                gaps.add(name + ": no tag");
            }
            for (String tag : tags) {
                if (isBlank(tagDescriptions.get(tag))) {
                    gaps.add(name + ": tag '" + tag + "' has no description in META-INF/openapi.yaml");
                }
            }
        });
        assertNoGaps(gaps);
    }

    @Test
    void every_json_body_has_example_matching_schema() {
        List<String> gaps = new ArrayList<>();
        operations().forEach((name, operation) -> {
            Map<String, Object> requestBody = map(operation.get("requestBody"));
            if (requestBody != null) {
                checkExamples(name + " request", map(requestBody.get("content")), gaps);
            }
            for (var response : map(operation.get("responses")).entrySet()) {
                checkExamples(name + " response " + response.getKey(), map(map(response.getValue()).get("content")), gaps);
            }
        });
        assertNoGaps(gaps);
    }

    @Test
    void every_operation_documents_its_client_errors() {
        List<String> gaps = new ArrayList<>();
        operations().forEach((name, operation) -> {
            Map<String, Object> responses = map(operation.get("responses"));
            if (responses.keySet().stream().noneMatch(status -> status.startsWith("4"))) {
                gaps.add(name + ": documents no 4xx response");
            }
            for (var response : responses.entrySet()) {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    checkErrorResponse(name + " response " + response.getKey(), Integer.parseInt(response.getKey()),
                            map(response.getValue()), gaps);
                }
            }
        });
        assertNoGaps(gaps);
    }

    /** Checks that an error body shows its problem types, or an OperationOutcome under /fhir, or an RFC 6749 error. */
    private void checkErrorResponse(String name, int status, Map<String, Object> response, List<String> gaps) {
        Map<String, Object> content = map(response.get("content"));
        if (content == null) {
            gaps.add(name + ": no error body documented");
            return;
        }
        Map<String, Object> problem = map(content.get("application/problem+json"));
        if (problem != null) {
            List<Object> examples = exampleValues(problem);
            if (examples.isEmpty()) {
                gaps.add(name + ": no problem example; name the type (urn:clientapp:problem:...) in the description");
            }
            for (Object example : examples) {
                Map<String, Object> body = map(example);
                if (!String.valueOf(body.get("type")).startsWith("urn:clientapp:problem:")) {
                    gaps.add(name + ": problem example type " + body.get("type") + " is no urn:clientapp:problem: type");
                }
                if (!Integer.valueOf(status).equals(body.get("status"))) {
                    gaps.add(name + ": problem example " + body.get("type") + " has status " + body.get("status"));
                }
                if (isBlank(body.get("title")) || isBlank(body.get("detail"))) {
                    gaps.add(name + ": problem example " + body.get("type") + " lacks title or detail");
                }
            }
            return;
        }
        Map<String, Object> other = map(content.get("application/fhir+json"));
        if (other == null) {
            other = map(content.get("application/json"));
        }
        if (other == null || exampleValues(other).isEmpty()) {
            gaps.add(name + ": no problem+json, OperationOutcome or OAuth error example");
        }
    }

    private void checkExamples(String name, Map<String, Object> content, List<String> gaps) {
        if (content == null) {
            return;
        }
        for (var mediaType : content.entrySet()) {
            if (!isJson(mediaType.getKey())) {
                continue;
            }
            Map<String, Object> media = map(mediaType.getValue());
            List<Object> examples = exampleValues(media);
            if (examples.isEmpty()) {
                gaps.add(name + " " + mediaType.getKey() + ": no example; add it to src/main/resources/openapi-examples/");
            }
            for (Object example : examples) {
                checkValue(name + " " + mediaType.getKey() + " example", map(media.get("schema")), example, "$", gaps);
            }
        }
    }

    /** Checks an example value against its schema: types, enums, required and known properties. */
    private void checkValue(String name, Map<String, Object> schema, Object value, String path, List<String> gaps) {
        if (value == null) {
            // quarkus.jackson.serialization-inclusion=non_null: the API leaves null properties out.
            gaps.add(name + " " + path + ": null; leave the property out, as the API does");
            return;
        }
        schema = resolve(schema);
        if (schema == null) {
            return;
        }
        List<Map<String, Object>> alternatives = list(schema.get("anyOf"));
        if (!alternatives.isEmpty()) {
            checkAlternatives(name, alternatives, value, path, gaps);
            return;
        }
        schema = mergeAllOf(schema);
        if (schema.get("enum") instanceof List<?> values && !values.contains(value)) {
            gaps.add(name + " " + path + ": " + value + " is not one of " + values);
        }
        Object type = schema.get("type");
        if (type == null) {
            return;
        }
        switch (String.valueOf(type)) {
            case "object" -> checkObject(name, schema, value, path, gaps);
            case "array" -> {
                if (!(value instanceof List<?> items)) {
                    gaps.add(name + " " + path + ": expected an array");
                    return;
                }
                for (int i = 0; i < items.size(); i++) {
                    checkValue(name, map(schema.get("items")), items.get(i), path + "[" + i + "]", gaps);
                }
            }
            case "string" -> {
                if (!(value instanceof String)) {
                    gaps.add(name + " " + path + ": expected a string, not " + value);
                }
            }
            case "integer" -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    gaps.add(name + " " + path + ": expected an integer, not " + value);
                }
            }
            case "number" -> {
                if (!(value instanceof Number)) {
                    gaps.add(name + " " + path + ": expected a number, not " + value);
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    gaps.add(name + " " + path + ": expected a boolean, not " + value);
                }
            }
            default -> {
            }
        }
    }

    /** Passes when the value fits one of the schemas; otherwise reports the gaps of the first. */
    private void checkAlternatives(String name, List<Map<String, Object>> alternatives, Object value, String path,
            List<String> gaps) {
        List<String> firstGaps = null;
        for (Map<String, Object> alternative : alternatives) {
            List<String> alternativeGaps = new ArrayList<>();
            checkValue(name, alternative, value, path, alternativeGaps);
            if (alternativeGaps.isEmpty()) {
                return;
            }
            firstGaps = firstGaps == null ? alternativeGaps : firstGaps;
        }
        gaps.addAll(firstGaps);
    }

    /** Returns the schema with the properties and required lists of its allOf parts merged in. */
    private Map<String, Object> mergeAllOf(Map<String, Object> schema) {
        List<Map<String, Object>> parts = list(schema.get("allOf"));
        if (parts.isEmpty()) {
            return schema;
        }
        Map<String, Object> merged = new LinkedHashMap<>(schema);
        merged.remove("allOf");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<Object> required = new ArrayList<>();
        for (Map<String, Object> part : parts) {
            Map<String, Object> resolved = mergeAllOf(resolve(part));
            Map<String, Object> partProperties = map(resolved.get("properties"));
            if (partProperties != null) {
                properties.putAll(partProperties);
            }
            required.addAll(list(resolved.get("required")));
        }
        merged.put("type", "object");
        merged.put("properties", properties);
        merged.put("required", required);
        return merged;
    }

    private void checkObject(String name, Map<String, Object> schema, Object value, String path, List<String> gaps) {
        if (!(value instanceof Map<?, ?> raw)) {
            gaps.add(name + " " + path + ": expected an object");
            return;
        }
        Map<String, Object> object = map(raw);
        Map<String, Object> properties = map(schema.get("properties"));
        for (String required : OpenApiQualityTest.<String>list(schema.get("required"))) {
            if (!object.containsKey(required)) {
                gaps.add(name + " " + path + ": lacks required property " + required);
            }
        }
        if (properties == null) {
            return;
        }
        for (var property : object.entrySet()) {
            if (properties.containsKey(property.getKey())) {
                checkValue(name, map(properties.get(property.getKey())), property.getValue(), path + "." + property.getKey(), gaps);
            } else if (!Boolean.TRUE.equals(schema.get("additionalProperties"))) {
                gaps.add(name + " " + path + ": property " + property.getKey() + " is not in the schema");
            }
        }
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema == null || !schema.containsKey("$ref")) {
            return schema;
        }
        String component = ((String) schema.get("$ref")).substring("#/components/schemas/".length());
        return resolve(map(map(map(document.get("components")).get("schemas")).get(component)));
    }

    private static List<Object> exampleValues(Map<String, Object> media) {
        List<Object> values = new ArrayList<>();
        if (media.containsKey("example")) {
            values.add(media.get("example"));
        }
        Map<String, Object> examples = map(media.get("examples"));
        if (examples != null) {
            examples.values().forEach(example -> values.add(map(example).get("value")));
        }
        return values;
    }

    private Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                operations.put(method.toUpperCase() + " " + path, map(operation));
            }
        }));
        return operations;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static boolean isBlank(Object text) {
        return !(text instanceof String string) || string.isBlank();
    }

    private static void assertNoGaps(List<String> gaps) {
        assertTrue(gaps.isEmpty(), "OpenAPI gaps (" + gaps.size() + "):\n" + String.join("\n", gaps));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return value == null ? List.of() : (List<T>) value;
    }
}
