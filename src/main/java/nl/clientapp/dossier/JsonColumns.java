package nl.clientapp.dossier;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads the JSON columns of the read models. The importer may store more fields than a view
 * shows, so unknown fields are skipped here, unlike in request bodies.
 */
@ApplicationScoped
public class JsonColumns {

    @Inject
    ObjectMapper mapper;

    /** Readers of a JSON array per element type, built once instead of once per row. */
    private final Map<Class<?>, ObjectReader> listReaders = new ConcurrentHashMap<>();

    /** Reads a JSON array into a list of {@code type}; null or empty input gives an empty list. */
    public <T> List<T> list(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        ObjectReader reader = listReaders.computeIfAbsent(type,
                elementType -> lenient(mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, elementType))));
        return read(json, reader);
    }

    /** Reads a JSON object into a map; null or empty input gives an empty map. */
    public Map<String, Object> object(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        return read(json, lenient(mapper.readerFor(Map.class)));
    }

    private static ObjectReader lenient(ObjectReader reader) {
        return reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private <T> T read(String json, ObjectReader reader) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            // The message could quote dossier text, so only the fact is reported.
            throw new IllegalStateException("A read-model JSON column is not valid JSON");
        }
    }
}
