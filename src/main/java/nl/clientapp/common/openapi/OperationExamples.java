package nl.clientapp.common.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sets request and response examples from {@code src/main/resources/openapi-examples/<operationId>.json}, so
 * the resource classes stay short. A file has the keys {@code request} (the JSON request body) and
 * {@code responses} (an example body per status code); each example goes to every JSON media type
 * of its body. A status code in the file that the operation does not document, or a request
 * example for an operation without a body, fails the build, so a file cannot drift from its
 * operation unnoticed.
 */
final class OperationExamples {

    static final String FOLDER = "openapi-examples/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationExamples() {
    }

    /** Applies the example file of the operation, when there is one. */
    static void addTo(Operation operation) {
        Map<String, Object> file = read(operation.getOperationId());
        if (file == null) {
            return;
        }
        Object request = file.get("request");
        if (request != null) {
            if (operation.getRequestBody() == null) {
                throw new IllegalStateException(FOLDER + operation.getOperationId() + ".json has a request example, but the "
                        + "operation takes no request body");
            }
            setExample(operation.getRequestBody().getContent(), request);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> responses = (Map<String, Object>) file.getOrDefault("responses", Map.of());
        for (Map.Entry<String, Object> response : responses.entrySet()) {
            APIResponse documented = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse(response.getKey());
            if (documented == null) {
                throw new IllegalStateException(FOLDER + operation.getOperationId() + ".json has an example for status "
                        + response.getKey() + ", which the operation does not document");
            }
            setExample(documented.getContent(), response.getValue());
        }
    }

    private static void setExample(Content content, Object example) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (Map.Entry<String, MediaType> mediaType : content.getMediaTypes().entrySet()) {
            if (isJson(mediaType.getKey())) {
                mediaType.getValue().setExample(example);
            }
        }
    }

    /** Whether a media type carries JSON: application/json and the +json types (problem, FHIR). */
    static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static Map<String, Object> read(String operationId) {
        if (operationId == null) {
            return null;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(FOLDER + operationId + ".json")) {
            return in == null ? null : JSON.readValue(in, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FOLDER + operationId + ".json: " + e.getMessage(), e);
        }
    }
}
