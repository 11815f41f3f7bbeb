package nl.clientapp.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class UnavailableOutcomeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract's example is built without HAPI, so it must be checked against the body that /fhir sends. */
    @Test
    void example_equals_hapi_encoding() throws Exception {
        for (Locale locale : new Locale[] {Locale.forLanguageTag("nl"), Locale.ENGLISH}) {
            JsonNode served = JSON.readTree(UnavailableOutcome.databaseBusyJson(locale, 5));
            JsonNode example = JSON.valueToTree(UnavailableOutcome.databaseBusyExample(locale, 5));

            assertEquals(served, example, "language " + locale);
        }
    }
}
