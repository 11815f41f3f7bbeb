package nl.clientapp.auth;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import nl.clientapp.access.ActiveSession;
import nl.clientapp.access.AppCaller;
import nl.clientapp.common.throttle.ClientAddress;
import nl.clientapp.common.throttle.Throttled;

/** App login: activation by e-mail and SMS, PIN login with the device key, token refresh and logout. */
@Path("/app/v1/auth")
@Tag(name = "App authentication")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class AuthResource {

    private static final String NO_STORE = "no-store";
    private static final String THROTTLE_NOTE = "Requests are limited per client IP address: 429 with Retry-After.";

    @Inject
    ActivationService activations;

    @Inject
    PinLoginService pinLogins;

    @Inject
    LoginSessions sessions;

    @Inject
    AppCaller caller;

    @POST
    @Path("/activations")
    @PermitAll
    @Throttled("startActivation")
    @Operation(operationId = "startActivation", summary = "Request an SMS code with the activation code from the e-mail",
            description = "Sends a 6-digit code, valid for 5 minutes, to the registered mobile number. Unknown, expired and "
                    + "used activation codes get the same response, without an SMS. 429 with Retry-After when SMS codes "
                    + "are requested too often. 503 with Retry-After when the SMS provider is down: then no code was sent.")
    @APIResponse(responseCode = "202", description = "Activation started",
            content = @Content(schema = @Schema(implementation = AuthViews.ActivationStarted.class)))
    @APIResponse(responseCode = "429", description = "Too many requests; see Retry-After")
    @APIResponse(responseCode = "503", description = "Problem type urn:clientapp:problem:sms-unavailable: "
            + "the SMS provider is unavailable and no code was sent; see Retry-After")
    public Response startActivation(@Valid @NotNull AuthRequests.StartActivation request) {
        AuthViews.ActivationStarted started = activations.start(request.activationCode());
        return Response.accepted(started).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("/activations/{activationId}/complete")
    @PermitAll
    @Throttled("completeActivation")
    @Operation(operationId = "completeActivation", summary = "Register the device with the SMS code and a new PIN",
            description = "Returns the device id and the first tokens. The PIN has at least 5 digits and is not trivial. "
                    + "A wrong, expired or used SMS code gets one generic 400; the third wrong entry voids the code. "
                    + THROTTLE_NOTE)
    @APIResponse(responseCode = "201", description = "Device registered",
            content = @Content(schema = @Schema(implementation = AuthViews.Tokens.class)))
    @APIResponse(responseCode = "429", description = "Too many requests or wrong codes from this address; see Retry-After")
    public Response completeActivation(@PathParam("activationId") UUID activationId,
            @Valid @NotNull AuthRequests.CompleteActivation request, @Context HttpServerRequest http) {
        AuthViews.Tokens tokens = activations.complete(activationId, request, ClientAddress.of(http));
        return Response.status(Response.Status.CREATED).entity(tokens).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("/challenges")
    @PermitAll
    @Throttled("createPinChallenge")
    @Operation(operationId = "createPinChallenge", summary = "Get a challenge for a PIN login",
            description = "32 random bytes for the device key to sign, single use, valid for 2 minutes. " + THROTTLE_NOTE)
    @APIResponse(responseCode = "200", description = "Challenge issued",
            content = @Content(schema = @Schema(implementation = AuthViews.Challenge.class)))
    @APIResponse(responseCode = "429", description = "Too many requests from this address; see Retry-After")
    public Response challenge(@Valid @NotNull AuthRequests.RequestChallenge request) {
        AuthViews.Challenge challenge = pinLogins.issueChallenge(request.deviceId());
        return Response.ok(challenge).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("/pin-login")
    @PermitAll
    @Throttled("pinLogin")
    @Operation(operationId = "pinLogin", summary = "Log in with the PIN and the device key's signature over a challenge",
            description = "One generic 401 for every failure. The fifth wrong PIN in a row destroys the device registration; "
                    + "the user then activates again. Failed logins are also limited per address and per device. "
                    + THROTTLE_NOTE)
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(schema = @Schema(implementation = AuthViews.Tokens.class)))
    @APIResponse(responseCode = "401", description = "Login failed")
    @APIResponse(responseCode = "429", description = "Too many requests or failed logins; see Retry-After")
    public Response pinLogin(@Valid @NotNull AuthRequests.PinLogin request, @Context HttpServerRequest http) {
        return Response.ok(pinLogins.login(request, ClientAddress.of(http))).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("/token")
    @PermitAll
    @Throttled("refreshTokens")
    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for new tokens",
            description = "Every refresh token works once. Presenting a used one again revokes the whole session. "
                    + "Failed refreshes are also limited per address. " + THROTTLE_NOTE)
    @APIResponse(responseCode = "200", description = "New tokens",
            content = @Content(schema = @Schema(implementation = AuthViews.Tokens.class)))
    @APIResponse(responseCode = "401", description = "Unknown, expired, used or revoked refresh token")
    @APIResponse(responseCode = "429", description = "Too many requests or failed refreshes; see Retry-After")
    public Response refresh(@Valid @NotNull AuthRequests.Refresh request, @Context HttpServerRequest http) {
        return Response.ok(sessions.refresh(request.refreshToken(), ClientAddress.of(http))).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("/logout")
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Log out", description = "Revokes the session; its tokens stop working on the next request.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Logged out")
    public Response logout() {
        sessions.revoke(caller.sessionId(), "LOGOUT");
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }
}
