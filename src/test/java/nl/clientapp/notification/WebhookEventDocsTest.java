package nl.clientapp.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every webhook event type is documented: in the served OpenAPI document and in both READMEs' event tables. */
@QuarkusTest
class WebhookEventDocsTest {

    @Test
    void every_event_is_documented() throws Exception {
        List<String> types = Arrays.stream(WebhookEvent.values()).map(WebhookEvent::type).toList();

        List<String> documented = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .extract().jsonPath().getList("components.schemas.WebhookEvent.properties.type.enum", String.class);
        assertEquals(types, documented);
        for (String readme : List.of("README.md", "README.nl.md")) {
            String text = Files.readString(Path.of(readme));
            for (String type : types) {
                assertTrue(text.contains("| `" + type + "`"), readme + " has no row for " + type);
            }
        }
    }
}
