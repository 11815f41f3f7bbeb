package nl.clientapp.auth;

import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import nl.clientapp.access.ActiveSession;
import nl.clientapp.access.AppCaller;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.common.idempotency.IdempotencyKeys;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.common.throttle.ClientAddress;

/**
 * The app user's change of their own mobile number and e-mail address: a request that sends the
 * codes, and a confirmation with the codes and the device's PIN.
 */
@Path("/app/v1/me")
@Tag(name = "Profile")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class ContactChangeResource {

    private static final String IDEMPOTENCY_KEY_REUSED = "Problem type urn:clientapp:problem:idempotency-key-reused: the "
            + "Idempotency-Key was used before with another body";
    private static final String SMS_TOO_OFTEN = "SMS codes requested too often; see Retry-After";
    private static final String SMS_UNAVAILABLE = "Problem type urn:clientapp:problem:sms-unavailable: no code sent; see "
            + "Retry-After";
    private static final String PIN_CONFIRMATION_FAILED = "Problem type urn:clientapp:problem:pin-confirmation-failed: the PIN "
            + "is wrong or this session has no active device; the fifth wrong PIN in a row destroys the device";
    private static final String NO_STORE = "no-store";
    private static final String SMS_LIMITS = " SMS codes share the login's limits: at least 60 seconds between two codes and "
            + "at most 5 per user per hour, else 429 with Retry-After. 503 sms-unavailable with Retry-After when the SMS "
            + "provider is down: then no code was sent and nothing changed.";
    private static final String CONFIRMATION_RULES = " The codes are valid for 5 minutes, work once, and only in the login "
            + "session that requested them. Three wrong entries void the change, and wrong codes also count toward the "
            + "hourly failure limits of SMS codes per address and per user (429). Of parallel confirmations exactly one "
            + "applies the change. Login sessions and devices stay signed in, because they rest on the device key and PIN.";

    @Inject
    ContactChangeService changes;

    @Inject
    PinConfirmation pinConfirmation;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    AppCaller caller;

    @POST
    @Path("/mobile-changes")
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Operation(operationId = "requestMobileChange", summary = "Request a change of the user's mobile number",
            description = "Normalises the new number (any common notation, Dutch without a country code, mobile numbers of "
                    + "allowed countries only) and sends a 6-digit SMS code to it, in the user's language. A new request "
                    + "voids the user's pending contact change. Accepts Idempotency-Key: a retry gets the same change "
                    + "without a second SMS." + SMS_LIMITS)
    @RequestBody(content = @Content(schema = @Schema(implementation = ContactChangeViews.RequestMobileChange.class),
            examples = @ExampleObject(name = "dutchNotation", value = "{\"mobile\": \"06-87654321\"}")))
    @APIResponse(responseCode = "202", description = "The SMS code is sent to the new number",
            content = @Content(schema = @Schema(implementation = ContactChangeViews.MobileChangeStarted.class),
                    examples = @ExampleObject(name = "started", value = "{\"changeId\": \"3f0c6a8e-2b1d-4c47-9a55-0d6f1e2b7c90\", "
                            + "\"smsSentTo\": \"•••• •• 21\", \"expiresAt\": \"2026-03-10T08:20:00Z\"}")))
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-request with a field error on "
            + "mobile: not a mobile number, a country whose numbers cannot receive SMS codes, or the registered number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "422", description = IDEMPOTENCY_KEY_REUSED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "429", description = SMS_TOO_OFTEN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "503", description = SMS_UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response requestMobileChange(
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull ContactChangeViews.RequestMobileChange request, HttpHeaders headers, @Context HttpServerRequest http) {
        ContactChangeService.Caller changer = changer(http);
        Locale locale = locale(headers);
        return idempotency.run(IdempotencyKeys.appUserScope(changer.userId()), idempotencyKey, "requestMobileChange", request, 202,
                ContactChangeViews.MobileChangeStarted.class, () -> changes.requestMobileChange(changer, request.mobile(), locale))
                .toResponse();
    }

    @POST
    @Path("/mobile-changes/{changeId}/confirmation")
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Operation(operationId = "confirmMobileChange", summary = "Confirm a change of the user's mobile number",
            description = "Checks the PIN of this device, then the SMS code sent to the new number, and sets the new number. "
                    + "The old number gets an SMS and the e-mail address an e-mail that the number changed, in the user's "
                    + "language, without the new number. Open activations of the user are voided, because their codes went "
                    + "to the old number. Writes an audit entry (account.contact-change) for each client the user follows."
                    + CONFIRMATION_RULES)
    @RequestBody(content = @Content(schema = @Schema(implementation = ContactChangeViews.ConfirmMobileChange.class),
            examples = @ExampleObject(name = "confirmation", value = "{\"smsCode\": \"482913\", \"pin\": \"52817\"}")))
    @APIResponse(responseCode = "204", description = "The new number is registered")
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:contact-change-failed: the code is "
            + "wrong, expired, used or voided, or the change is unknown; request a new code. Or "
            + "urn:clientapp:problem:invalid-request for a missing or too long field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem"),
                    examples = @ExampleObject(name = "wrongCode", value = "{\"type\": \"urn:clientapp:problem:contact-change-failed\", "
                            + "\"title\": \"Wijziging niet bevestigd\", \"status\": 400, \"detail\": \"De code is onjuist, "
                            + "verlopen of al gebruikt. Vraag een nieuwe code aan.\"}")))
    @APIResponse(responseCode = "403", description = PIN_CONFIRMATION_FAILED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "429", description = "Too many wrong codes from this address or for this user; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response confirmMobileChange(@PathParam("changeId") UUID changeId,
            @Valid @NotNull ContactChangeViews.ConfirmMobileChange request, @Context HttpServerRequest http) {
        pinConfirmation.confirm(caller.userId(), caller.sessionId(), request.pin());
        changes.confirm(changer(http), changeId, "MOBILE", request.smsCode(), null);
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    @POST
    @Path("/email-changes")
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Operation(operationId = "requestEmailChange", summary = "Request a change of the user's e-mail address",
            description = "Sends a 6-digit SMS code to the registered mobile number and e-mails a 6-digit code to the new "
                    + "address, both in the user's language; the change needs both. Addresses compare case-insensitively. "
                    + "An address of another account gets 409 contact-in-use, the same whoever that account is, and "
                    + "nothing is sent to it. A new request voids the user's pending contact change. Accepts "
                    + "Idempotency-Key: a retry gets the same change without a second SMS." + SMS_LIMITS)
    @RequestBody(content = @Content(schema = @Schema(implementation = ContactChangeViews.RequestEmailChange.class),
            examples = @ExampleObject(name = "newAddress", value = "{\"email\": \"anna.devries@example.nl\"}")))
    @APIResponse(responseCode = "202", description = "The SMS code and the e-mail code are sent",
            content = @Content(schema = @Schema(implementation = ContactChangeViews.EmailChangeStarted.class),
                    examples = @ExampleObject(name = "started", value = "{\"changeId\": \"8d2e4b1a-6c3f-4e5d-b7a9-1f0e2d3c4b5a\", "
                            + "\"smsSentTo\": \"•••• •• 78\", \"emailSentTo\": \"a***@example.nl\", "
                            + "\"expiresAt\": \"2026-03-10T08:20:00Z\"}")))
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:invalid-request with a field error on "
            + "email: not an e-mail address, or the registered address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:contact-in-use: another account "
            + "uses this address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem"),
                    examples = @ExampleObject(name = "inUse", value = "{\"type\": \"urn:clientapp:problem:contact-in-use\", "
                            + "\"title\": \"Al in gebruik\", \"status\": 409, \"detail\": \"Dit e-mailadres hoort al bij een "
                            + "ander account. Kies een ander adres of neem contact op met de zorgorganisatie.\"}")))
    @APIResponse(responseCode = "422", description = IDEMPOTENCY_KEY_REUSED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "429", description = SMS_TOO_OFTEN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "503", description = SMS_UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response requestEmailChange(
            @Parameter(ref = "#/components/parameters/IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull ContactChangeViews.RequestEmailChange request, HttpHeaders headers, @Context HttpServerRequest http) {
        ContactChangeService.Caller changer = changer(http);
        Locale locale = locale(headers);
        return idempotency.run(IdempotencyKeys.appUserScope(changer.userId()), idempotencyKey, "requestEmailChange", request, 202,
                ContactChangeViews.EmailChangeStarted.class, () -> changes.requestEmailChange(changer, request.email(), locale))
                .toResponse();
    }

    @POST
    @Path("/email-changes/{changeId}/confirmation")
    @RolesAllowed(TokenAudience.APP_USER_GROUP)
    @ActiveSession
    @Operation(operationId = "confirmEmailChange", summary = "Confirm a change of the user's e-mail address",
            description = "Checks the PIN of this device, then the SMS code and the code e-mailed to the new address, and sets "
                    + "the new address. The old address gets an e-mail that the address changed, in the user's language, "
                    + "without the new address. 409 contact-in-use when another account took the address meanwhile; the "
                    + "change is then void. Writes an audit entry (account.contact-change) for each client the user follows."
                    + CONFIRMATION_RULES)
    @RequestBody(content = @Content(schema = @Schema(implementation = ContactChangeViews.ConfirmEmailChange.class),
            examples = @ExampleObject(name = "confirmation", value = "{\"smsCode\": \"482913\", \"emailCode\": \"170356\", "
                    + "\"pin\": \"52817\"}")))
    @APIResponse(responseCode = "204", description = "The new address is registered")
    @APIResponse(responseCode = "400", description = "Problem type urn:clientapp:problem:contact-change-failed: a code is "
            + "wrong, expired, used or voided, or the change is unknown; request new codes. Or "
            + "urn:clientapp:problem:invalid-request for a missing or too long field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "403", description = PIN_CONFIRMATION_FAILED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "409", description = "Problem type urn:clientapp:problem:contact-in-use: another account "
            + "took this address after the request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "429", description = "Too many wrong codes from this address or for this user; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response confirmEmailChange(@PathParam("changeId") UUID changeId,
            @Valid @NotNull ContactChangeViews.ConfirmEmailChange request, @Context HttpServerRequest http) {
        pinConfirmation.confirm(caller.userId(), caller.sessionId(), request.pin());
        changes.confirm(changer(http), changeId, "EMAIL", request.smsCode(), request.emailCode());
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
    }

    private ContactChangeService.Caller changer(HttpServerRequest http) {
        return new ContactChangeService.Caller(caller.userId(), caller.sessionId(), ClientAddress.of(http));
    }

    private static Locale locale(HttpHeaders headers) {
        return RequestLanguage.fromAcceptLanguage(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
