package nl.clientapp.notification;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The endpoint that shows sent messages exists in dev builds only. */
@QuarkusTest
class DevMessagesAbsentTest {

    @Test
    void dev_messages_endpoint_is_not_in_test_build() {
        given().queryParam("to", "+31612345678").get("/dev/messages").then().statusCode(404);
    }
}
