package nl.clientapp.dossier;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * Reads the JSON columns of the read models. The importer may store more fields than a view
 * shows, so unknown fields are skipped here, unlike in request bodies.
 */
@ApplicationScoped
public class JsonColumns {

    @Inject
    ObjectMapper mapper;

    /** Reads a JSON array into a list of {@code type}; null or empty input gives an empty list. */
    public <T> List<T> list(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        TypeFactory types = mapper.getTypeFactory();
        return read(json, mapper.readerFor(types.constructCollectionType(List.class, type)));
    }

    /** Reads a JSON object into a map; null or empty input gives an empty map. */
    public Map<String, Object> object(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        return read(json, mapper.readerFor(Map.class));
    }

    private <T> T read(String json, ObjectReader reader) {
        try {
            return reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (JsonProcessingException e) {
            // The message could quote dossier text, so only the fact is reported.
            throw new IllegalStateException("A read-model JSON column is not valid JSON");
        }
    }
}
