package nl.clientapp.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI document the running application serves, read once per call: its operations by
 * "METHOD path" and a resolver for {@code $ref} schemas. Tests that must cover every operation
 * (the access matrix, the bad-input fuzz test, the limits test) read it from here.
 */
public final class ServedOpenApi {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete", "head", "options");

    private final Map<String, Object> document;

    private ServedOpenApi(Map<String, Object> document) {
        this.document = document;
    }

    /** Fetches {@code /q/openapi?format=json} from the test application. */
    public static ServedOpenApi fetch() {
        return new ServedOpenApi(given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().jsonPath().getMap("$"));
    }

    /** Returns every operation as "METHOD path" with its OpenAPI operation object, sorted. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        for (var path : paths.entrySet()) {
            for (var method : path.getValue().entrySet()) {
                if (METHODS.contains(method.getKey())) {
                    operations.put(method.getKey().toUpperCase() + " " + path.getKey(), (Map<String, Object>) method.getValue());
                }
            }
        }
        return operations;
    }

    /** Returns the schema itself, or the component a {@code $ref} names, with the reference's own keywords kept. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema == null || !schema.containsKey("$ref")) {
            return schema;
        }
        String name = ((String) schema.get("$ref")).substring("#/components/schemas/".length());
        Map<String, Object> components = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        Map<String, Object> resolved = new LinkedHashMap<>(resolve((Map<String, Object>) components.get(name)));
        schema.forEach((key, value) -> {
            if (!key.equals("$ref")) {
                resolved.putIfAbsent(key, value);
            }
        });
        resolved.put("x-component", name);
        return resolved;
    }

    /** Returns the JSON request body schema of an operation, resolved, or null when it takes no JSON body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonRequestSchema(Map<String, Object> operation) {
        Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
        if (body == null) {
            return null;
        }
        Map<String, Object> content = (Map<String, Object>) body.get("content");
        Map<String, Object> json = (Map<String, Object>) content.get("application/json");
        return json == null ? null : resolve((Map<String, Object>) json.get("schema"));
    }

    /** Returns the media types an operation's request body accepts, or an empty list. */
    @SuppressWarnings("unchecked")
    public static List<String> requestMediaTypes(Map<String, Object> operation) {
        Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
        return body == null ? List.of() : List.copyOf(((Map<String, Object>) body.get("content")).keySet());
    }

    /** Returns the parameters (path, query, header) of an operation, {@code $ref}s resolved. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> parameters(Map<String, Object> operation) {
        Object parameters = operation.get("parameters");
        if (parameters == null) {
            return List.of();
        }
        Map<String, Object> components = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("parameters");
        return ((List<Map<String, Object>>) parameters).stream()
                .map(parameter -> parameter.containsKey("$ref")
                        ? (Map<String, Object>) components.get(((String) parameter.get("$ref")).substring("#/components/parameters/".length()))
                        : parameter)
                .toList();
    }
}
