package nl.clientapp.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.restassured.path.json.JsonPath;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Keeps the committed {@code openapi.yaml} equal to the document the API serves. After changing
 * an endpoint, run the tests once with {@code -Dopenapi.update=true} to rewrite the file, and
 * review its diff.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void committed_openapi_equals_served_document() throws IOException {
        byte[] servedBytes = given().queryParam("format", "yaml")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().body().asByteArray();

        String served = new String(servedBytes, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }

        assertTrue(Files.exists(COMMITTED), "openapi.yaml is missing at the repository root; run the tests with -Dopenapi.update=true");
        // Compared as parsed YAML: the key order inside generated example objects differs
        // between builds and carries no meaning, while every key, value and list order counts.
        Object servedTree = YAML.readValue(served, Object.class);
        Object committedTree = YAML.readValue(Files.readString(COMMITTED, StandardCharsets.UTF_8), Object.class);
        assertEquals(servedTree, committedTree,
                "openapi.yaml differs from the served document; run the tests with -Dopenapi.update=true and review the diff");
    }

    @Test
    void every_operation_has_unique_operation_id() {
        JsonPath document = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().jsonPath();

        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        Map<Object, String> seen = new java.util.HashMap<>();
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                String name = operation.getKey() + " " + path.getKey();
                Object operationId = operation.getValue().get("operationId");
                assertNotNull(operationId, name + " has no operationId");
                String previous = seen.put(operationId, name);
                assertNull(previous, "operationId " + operationId + " is used by both " + previous + " and " + name);
            }
        }
    }

    @Test
    void protected_operations_declare_security_and_401() {
        JsonPath document = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().jsonPath();

        assertEquals("bearer", document.getString("components.securitySchemes.appUser.scheme"));
        assertEquals("/oauth/token", document.getString("components.securitySchemes.integrator.flows.clientCredentials.tokenUrl"));
        assertEquals(java.util.List.of(), document.getList("paths.'/oauth/token'.post.security"), "the token endpoint is public");
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        for (var path : paths.entrySet()) {
            boolean isPublic = path.getKey().startsWith("/app/v1/auth/") && !path.getKey().equals("/app/v1/auth/logout")
                    || path.getKey().equals("/oauth/token") || path.getKey().equals("/fhir/metadata");
            for (var operation : path.getValue().entrySet()) {
                Object security = operation.getValue().get("security");
                if (isPublic) {
                    continue;
                }
                assertNotNull(security, operation.getKey() + " " + path.getKey() + " has no security requirement");
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) operation.getValue().get("responses");
                assertNotNull(responses.get("401"), operation.getKey() + " " + path.getKey() + " documents no 401");
            }
        }
    }
}
