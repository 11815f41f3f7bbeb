package nl.clientapp.privacy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A test-only export source that contributes a file for one chosen user, as the photos feature
 * will, so the tests prove that files and sections of added beans reach the ZIP.
 */
@ApplicationScoped
public class TestPhotoSource implements PersonalDataSource {

    static final String SECTION = "testPhotos";
    static final byte[] CONTENT = "not really a JPEG".getBytes(StandardCharsets.UTF_8);

    private volatile UUID userWithPhoto;

    void giveAPhotoTo(UUID userId) {
        userWithPhoto = userId;
    }

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public PersonalDataSection collect(UUID userId) {
        if (!userId.equals(userWithPhoto)) {
            return PersonalDataSection.of(List.of());
        }
        return new PersonalDataSection(List.of("photo-1.jpg"), List.of(new PersonalDataFile("photo-1.jpg", CONTENT)), Set.of());
    }
}
