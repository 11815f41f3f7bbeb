package nl.clientapp.common.openapi;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Adds the security requirement of each operation by the face it belongs to: the app API needs
 * an app user's token, the integration API and FHIR an integrator's. Public operations (the
 * login steps, the token endpoint, the FHIR CapabilityStatement) stay without one.
 */
public class SecurityRequirementsFilter implements OASFilter {

    private static final Set<String> PUBLIC_PREFIXES = Set.of("/app/v1/auth/activations", "/app/v1/auth/challenges",
            "/app/v1/auth/pin-login", "/app/v1/auth/token", "/oauth/token", "/fhir/metadata");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            String scheme = schemeFor(path.getKey());
            for (Operation operation : path.getValue().getOperations().values()) {
                operation.setSecurity(scheme == null ? null
                        : List.of(OASFactory.createSecurityRequirement().addScheme(scheme)));
            }
        }
    }

    private static String schemeFor(String path) {
        for (String prefix : PUBLIC_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return null;
            }
        }
        if (path.startsWith("/app/")) {
            return "appUser";
        }
        if (path.startsWith("/integration/") || path.startsWith("/fhir")) {
            return "integrator";
        }
        return null;
    }
}
