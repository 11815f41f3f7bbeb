package nl.clientapp.common.throttle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the served OpenAPI document without security is capped per client IP address
 * (SECURITY.md L3, T3): from one address, the request after the configured cap gets 429
 * problem+json with Retry-After, in Dutch or English; another address is not affected. The list
 * comes from the served document, so a new endpoint without a throttle fails here.
 */
@QuarkusTest
class UnauthenticatedThrottleTest {

    @Inject
    Throttle throttle;

    @Test
    void served_document_has_unauthenticated_operations() {
        assertFalse(unauthenticatedOperations().isEmpty(), "the OpenAPI document lists no operation without security");
    }

    @TestFactory
    Stream<DynamicTest> every_unauthenticated_operation_is_capped_per_ip() {
        return unauthenticatedOperations().stream().map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
            int cap = throttle.requestsPerIpPerHour(operation.operationId());
            String address = randomAddress();
            for (int i = 0; i < cap; i++) {
                int status = send(operation, address, "nl").statusCode();
                assertTrue(status < 500, operation + " request " + (i + 1) + " got " + status);
            }

            send(operation, address, "nl").then().statusCode(429)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", Integer::parseInt, org.hamcrest.Matchers.greaterThan(0))
                    .body("title", equalTo("Te veel verzoeken"));
            send(operation, address, "en").then().statusCode(429).body("title", equalTo("Too many requests"));
            assertNotEquals(429, send(operation, randomAddress(), "nl").statusCode(), "another address has its own count");
        }));
    }

    @Test
    void parallel_requests_never_overshoot_the_cap() throws Exception {
        int cap = throttle.requestsPerIpPerHour("fhirCapabilityStatement");
        String address = randomAddress();
        ExecutorService executor = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < cap + 20; i++) {
                statuses.add(executor.submit(() -> given().header("X-Forwarded-For", address).get("/fhir/metadata").statusCode()));
            }
            int served = 0;
            int limited = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get(60, TimeUnit.SECONDS);
                served += code == 200 ? 1 : 0;
                limited += code == 429 ? 1 : 0;
            }

            assertEquals(cap, served);
            assertEquals(20, limited);
        } finally {
            executor.shutdownNow();
        }
    }

    private record Operation(String method, String path, String operationId, String contentType) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path + " (" + operationId + ")";
        }
    }

    /** Sends the operation with a harmless body: schema-valid where that is easy, otherwise empty. */
    private static Response send(Operation operation, String address, String language) {
        RequestSpecification request = given().header("X-Forwarded-For", address).header("Accept-Language", language);
        String path = operation.path().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
        if (operation.contentType() == null) {
            return request.request(operation.method(), path);
        }
        if (operation.contentType().startsWith("application/x-www-form-urlencoded")) {
            return request.contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                    .request(operation.method(), path);
        }
        return request.contentType(operation.contentType()).body("{}").request(operation.method(), path);
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> unauthenticatedOperations() {
        Map<String, Object> document = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        Object globalSecurity = document.get("security");
        List<Operation> operations = new ArrayList<>();
        for (var path : ((Map<String, Map<String, Object>>) document.get("paths")).entrySet()) {
            for (var entry : path.getValue().entrySet()) {
                if (!List.of("get", "put", "post", "patch", "delete").contains(entry.getKey())) {
                    continue;
                }
                Map<String, Object> operation = (Map<String, Object>) entry.getValue();
                Object security = operation.getOrDefault("security", globalSecurity);
                if (security instanceof List<?> list && !list.isEmpty()) {
                    continue;
                }
                String contentType = null;
                if (operation.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content) {
                    contentType = (String) content.keySet().iterator().next();
                }
                operations.add(new Operation(entry.getKey(), path.getKey(), (String) operation.get("operationId"), contentType));
            }
        }
        return operations;
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
