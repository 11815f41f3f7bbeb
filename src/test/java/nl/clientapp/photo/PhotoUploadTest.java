package nl.clientapp.photo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.clientapp.access.Role;
import nl.clientapp.support.TestAppUsers;
import nl.clientapp.support.TestAppUsers.SignedInUser;
import nl.clientapp.support.TestClock;
import nl.clientapp.support.TestImages;

@QuarkusTest
class PhotoUploadTest {

    @Inject
    TestAppUsers users;

    @Inject
    TestClock clock;

    @Inject
    PhotoService photos;

    @Test
    void jpeg_loses_exif_and_gps() throws IOException {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.TIMELINE_ONLY);
        byte[] original = TestImages.jpegWithGps(3000, 2000);
        assertTrue(TestImages.jpegMarkers(original).contains(0xE1), "the test image must carry an APP1 segment");
        assertTrue(TestImages.contains(original, "Exif"), "the test image must carry an EXIF header");
        assertTrue(TestImages.contains(original, TestImages.SECRET), "the test image must carry the EXIF description");

        String photoId = upload(member, clientId, original, "image/jpeg")
                .then().statusCode(201)
                .body("contentType", equalTo("image/jpeg"))
                .body("width", equalTo(2048))
                .body("height", equalTo(1365))
                .body("thumbnailWidth", equalTo(480))
                .extract().path("id");

        for (String path : List.of("/app/v1/clients/{client}/photos/{photo}", "/app/v1/clients/{client}/photos/{photo}/thumbnail")) {
            byte[] stored = given().auth().oauth2(member.accessToken())
                    .when().get(path, clientId, photoId)
                    .then().statusCode(200)
                    .contentType("image/jpeg")
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .extract().asByteArray();
            List<Integer> markers = TestImages.jpegMarkers(stored);
            assertFalse(markers.contains(0xE1), path + " kept an APP1 (EXIF/XMP) segment: " + markers);
            assertTrue(markers.stream().noneMatch(marker -> marker >= 0xE1 && marker <= 0xEF), path + " kept APPn segments: " + markers);
            assertFalse(markers.contains(0xFE), path + " kept a comment segment");
            assertFalse(TestImages.contains(stored, "Exif"), path + " contains an EXIF header");
            assertFalse(TestImages.contains(stored, TestImages.SECRET), path + " contains the EXIF description");
            assertTrue(ImageIO.read(new ByteArrayInputStream(stored)).getWidth() <= 2048);
        }
    }

    @Test
    void exif_orientation_applied_to_pixels() throws IOException {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);

        String photoId = upload(member, clientId, TestImages.jpegRotatedClockwise(300, 200), "image/jpeg")
                .then().statusCode(201)
                .body("width", equalTo(200))
                .body("height", equalTo(300))
                .extract().path("id");

        byte[] stored = given().auth().oauth2(member.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}", clientId, photoId)
                .then().statusCode(200)
                .extract().asByteArray();
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(stored));
        assertEquals(200, upright.getWidth());
        assertEquals(300, upright.getHeight());
        // Turned 90° clockwise, the red left half of the stored pixels is the top half.
        assertTrue(red(upright.getRGB(100, 20)) > 200, "top is not red");
        assertTrue(red(upright.getRGB(100, 280)) < 60, "bottom is not blue");
        assertFalse(TestImages.jpegMarkers(stored).contains(0xE1), "the orientation tag must go with the EXIF segment");
    }

    @Test
    void png_loses_text_chunks() throws IOException {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        byte[] original = TestImages.pngWithText(800, 600);
        assertTrue(TestImages.pngChunks(original).contains("tEXt"), "the test image must carry a tEXt chunk");

        String photoId = upload(member, clientId, original, "image/png")
                .then().statusCode(201)
                .body("contentType", equalTo("image/png"))
                .body("width", equalTo(800))
                .body("thumbnailWidth", equalTo(480))
                .body("thumbnailHeight", equalTo(360))
                .extract().path("id");

        byte[] stored = given().auth().oauth2(member.accessToken())
                .when().get("/app/v1/clients/{client}/photos/{photo}", clientId, photoId)
                .then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        List<String> chunks = TestImages.pngChunks(stored);
        assertTrue(List.of("IHDR", "IDAT", "IEND").containsAll(chunks), "unexpected chunks " + chunks);
        assertFalse(TestImages.contains(stored, TestImages.SECRET));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored));
        assertTrue(decoded.getColorModel().hasAlpha(), "the PNG lost its transparency");
    }

    @Test
    void content_decides_type_not_name_or_header() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);

        for (byte[] notAnImage : List.of(TestImages.pdf(), TestImages.gif())) {
            given().auth().oauth2(member.accessToken())
                    .contentType("image/jpeg")
                    .header("Content-Disposition", "attachment; filename=\"vakantie.jpg\"")
                    .body(notAnImage)
                    .when().post("/app/v1/clients/{client}/photos", clientId)
                    .then().statusCode(415)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:clientapp:problem:unsupported-image-type"))
                    .body("title", equalTo("Bestandstype niet toegestaan"));
        }
        // A real JPEG declared as something else is still a JPEG.
        upload(member, clientId, TestImages.jpeg(), "application/octet-stream").then().statusCode(201).body("contentType", equalTo("image/jpeg"));
    }

    @Test
    void cmyk_jpeg_gets_415() throws IOException {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        byte[] cmyk = TestImages.cmykJpeg(64, 48);
        assertEquals(4, ImageIO.read(new ByteArrayInputStream(cmyk)).getColorModel().getNumComponents(), "the test image is not CMYK");

        upload(member, clientId, cmyk, "image/jpeg")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:cmyk-image-not-supported"))
                .body("title", equalTo("Kleurmodel niet ondersteund"));
        given().auth().oauth2(member.accessToken()).header("Accept-Language", "en")
                .contentType("image/jpeg").body(cmyk)
                .when().post("/app/v1/clients/{client}/photos", clientId)
                .then().statusCode(415)
                .body("detail", containsString("CMYK"))
                .body("title", equalTo("Colour model not supported"));

        upload(member, clientId, TestImages.greyJpeg(), "image/jpeg").then().statusCode(201);
    }

    @Test
    void huge_dimensions_rejected_before_decoding() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);

        upload(member, clientId, TestImages.pngDeclaring(50_000, 50_000), "image/png")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:photo-dimensions-too-large"));
        given().auth().oauth2(member.accessToken()).header("Accept-Language", "en")
                .contentType("image/jpeg").body(TestImages.jpegDeclaring(60_000, 100))
                .when().post("/app/v1/clients/{client}/photos", clientId)
                .then().statusCode(413)
                .body("type", equalTo("urn:clientapp:problem:photo-dimensions-too-large"))
                .body("title", equalTo("Photo too large"));
        // 8000 × 6000 is within either side cap but above 40 megapixels.
        upload(member, clientId, TestImages.pngDeclaring(8000, 6000), "image/png").then().statusCode(413);
    }

    @Test
    void file_above_byte_cap_gets_413() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        byte[] large = new byte[9 * 1024 * 1024];
        System.arraycopy(TestImages.jpeg(), 0, large, 0, 3);

        upload(member, clientId, large, "image/jpeg")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:photo-too-large"))
                .body("detail", equalTo("Een foto mag hoogstens 8 MB groot zijn. Verklein de foto en probeer het opnieuw."));
    }

    @Test
    void broken_jpeg_gets_400() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        byte[] broken = new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3 };

        upload(member, clientId, broken, "image/jpeg")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:clientapp:problem:invalid-image"));
    }

    @Test
    void unused_upload_is_visible_to_uploader_only() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser uploader = users.memberOf(clientId, Role.TIMELINE_ONLY);
        SignedInUser administrator = users.memberOf(clientId, Role.FULL_ACCESS_ADMIN);
        SignedInUser stranger = users.memberOf(users.createClient("Meneer Smit").id, Role.FULL_ACCESS_ADMIN);
        String photoId = upload(uploader, clientId, TestImages.jpeg(), "image/jpeg").then().statusCode(201).extract().path("id");

        given().auth().oauth2(uploader.accessToken()).when().get("/app/v1/clients/{client}/photos/{photo}/thumbnail", clientId, photoId)
                .then().statusCode(200);
        given().auth().oauth2(administrator.accessToken()).when().get("/app/v1/clients/{client}/photos/{photo}", clientId, photoId)
                .then().statusCode(404);
        given().auth().oauth2(stranger.accessToken()).when().get("/app/v1/clients/{client}/photos/{photo}", clientId, photoId)
                .then().statusCode(404);
    }

    @Test
    void unused_uploads_expire_after_a_day() {
        UUID clientId = users.createClient("Mevrouw Bakker").id;
        SignedInUser member = users.memberOf(clientId, Role.FULL_ACCESS);
        String unused = upload(member, clientId, TestImages.jpeg(), "image/jpeg").then().statusCode(201).extract().path("id");
        String posted = upload(member, clientId, TestImages.jpeg(), "image/jpeg").then().statusCode(201).extract().path("id");
        given().auth().oauth2(member.accessToken()).contentType("application/json")
                .body(Map.of("text", "Met foto", "photoIds", List.of(posted)))
                .when().post("/app/v1/clients/{client}/posts", clientId)
                .then().statusCode(201);

        try {
            clock.advance(Duration.ofHours(25));
            photos.purgeUnusedUploads();
        } finally {
            clock.reset();
        }

        given().auth().oauth2(member.accessToken()).when().get("/app/v1/clients/{client}/photos/{photo}", clientId, unused)
                .then().statusCode(404);
        given().auth().oauth2(member.accessToken()).when().get("/app/v1/clients/{client}/photos/{photo}", clientId, posted)
                .then().statusCode(200);
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    static Response upload(SignedInUser member, UUID clientId, byte[] image, String contentType) {
        return given().auth().oauth2(member.accessToken())
                .contentType(contentType)
                .body(image)
                .when().post("/app/v1/clients/{client}/photos", clientId);
    }
}
