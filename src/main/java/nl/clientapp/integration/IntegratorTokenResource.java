package nl.clientapp.integration;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.common.throttle.ClientAddress;
import nl.clientapp.common.throttle.Throttled;

/**
 * OAuth 2.0 token endpoint for integrators (RFC 6749 section 4.4, client credentials). Errors use
 * the RFC 6749 error body, which OAuth client libraries expect, instead of problem+json.
 */
@Path("/oauth/token")
@Tag(name = "Integrator authentication")
class IntegratorTokenResource {

    @Inject
    IntegratorTokenService tokens;

    @POST
    @PermitAll
    @Throttled("issueIntegratorToken")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueIntegratorToken", summary = "Issue an integrator access token",
            description = "Client credentials grant. Send client_id and client_secret with HTTP Basic authentication "
                    + "or as form fields. The token is an RS256 JWT valid for 5 minutes; request a new one when it expires. "
                    + "Requests are limited per client IP address, and wrong client secrets per client id and per address: "
                    + "429 problem+json with Retry-After.")
    @APIResponse(responseCode = "200", description = "Access token issued",
            content = @Content(schema = @Schema(implementation = IntegratorTokenService.TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Unsupported grant type or invalid scope (RFC 6749 error body)",
            content = @Content(schema = @Schema(ref = "#/components/schemas/OAuthError")))
    @APIResponse(responseCode = "401", description = "Unknown client or wrong secret (RFC 6749 error body)",
            content = @Content(schema = @Schema(ref = "#/components/schemas/OAuthError")))
    @APIResponse(responseCode = "429", description = "Problem type urn:clientapp:problem:too-many-requests: too many requests "
            + "or wrong secrets; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response issue(@FormParam("grant_type") String grantType, @FormParam("client_id") String formClientId,
            @FormParam("client_secret") String formClientSecret, @FormParam("scope") String scope,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
        String[] basic = parseBasic(authorization);
        String clientId = basic != null ? basic[0] : formClientId;
        String clientSecret = basic != null ? basic[1] : formClientSecret;

        IntegratorTokenService.Outcome outcome = tokens.issue(grantType, clientId, clientSecret, scope, ClientAddress.of(http));
        if (outcome.token() != null) {
            return Response.ok(outcome.token()).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
        }
        Response.ResponseBuilder error = Response.status(outcome.status())
                .type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(Map.of("error", outcome.error(), "error_description", outcome.description()));
        if (outcome.status() == 401) {
            error.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"clientapp\"");
        }
        return error.build();
    }

    private static String[] parseBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
