package nl.clientapp.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class FhirTextsTest {

    @Test
    void dutch_and_english_texts_have_same_keys() throws IOException {
        Properties dutch = load("messages/fhir.properties");
        Properties english = load("messages/fhir_en.properties");

        assertEquals(new TreeSet<>(dutch.stringPropertyNames()), new TreeSet<>(english.stringPropertyNames()));
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream stream = FhirTextsTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
