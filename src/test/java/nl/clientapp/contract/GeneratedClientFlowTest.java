package nl.clientapp.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.auth.LoginFlow;
import nl.clientapp.contract.client.ApiClient;
import nl.clientapp.contract.client.ApiException;
import nl.clientapp.contract.client.api.AppAuthenticationApi;
import nl.clientapp.contract.client.api.CarePlanApi;
import nl.clientapp.contract.client.api.ChatApi;
import nl.clientapp.contract.client.api.ClientsApi;
import nl.clientapp.contract.client.api.DocumentsApi;
import nl.clientapp.contract.client.api.FhirImportApi;
import nl.clientapp.contract.client.api.IntegratorAuthenticationApi;
import nl.clientapp.contract.client.api.AgendaApi;
import nl.clientapp.contract.client.api.MeasurementsApi;
import nl.clientapp.contract.client.api.MembersApi;
import nl.clientapp.contract.client.api.NetworkApi;
import nl.clientapp.contract.client.api.ProfileApi;
import nl.clientapp.contract.client.api.ReportsApi;
import nl.clientapp.contract.client.api.TimelineApi;
import nl.clientapp.contract.client.model.AskChatQuestionRequest;
import nl.clientapp.contract.client.model.Challenge;
import nl.clientapp.contract.client.model.ChatThread;
import nl.clientapp.contract.client.model.ClientLookupView;
import nl.clientapp.contract.client.model.ClientSummaryView;
import nl.clientapp.contract.client.model.CompleteActivation;
import nl.clientapp.contract.client.model.DocumentView;
import nl.clientapp.contract.client.model.FhirResource;
import nl.clientapp.contract.client.model.MemberRegistrationView;
import nl.clientapp.contract.client.model.MembershipBasis;
import nl.clientapp.contract.client.model.PageReportView;
import nl.clientapp.contract.client.model.PinLogin;
import nl.clientapp.contract.client.model.PostRequest;
import nl.clientapp.contract.client.model.ReadMarkerRequest;
import nl.clientapp.contract.client.model.Refresh;
import nl.clientapp.contract.client.model.RegisterMemberRequest;
import nl.clientapp.contract.client.model.ReportView;
import nl.clientapp.contract.client.model.RequestChallenge;
import nl.clientapp.contract.client.model.Role;
import nl.clientapp.contract.client.model.StartActivation;
import nl.clientapp.contract.client.model.TimelineItemView;
import nl.clientapp.contract.client.model.TimelinePage;
import nl.clientapp.contract.client.model.TokenResponse;
import nl.clientapp.contract.client.model.Tokens;
import nl.clientapp.fhir.FhirFixtures;
import nl.clientapp.support.ServedOpenApi;
import nl.clientapp.support.TestIntegrators;

/**
 * Runs the app flow through a Java client that the OpenAPI Generator builds from the committed
 * {@code openapi.yaml} during {@code generate-test-sources}: the integrator's token, the FHIR
 * import of the Nictiz example client, a member's registration, activation with the e-mailed and
 * SMS codes, a PIN with a P-256 device key, PIN login, refresh, every dossier section, a news
 * post, a chat question and logout. The generated client reads responses with the contract's
 * field names and types, and its object mapper here fails on properties the contract does not
 * name. A response interceptor records every status the contract does not document for its
 * operation. So a renamed field, a changed type or a changed status fails the build.
 */
@QuarkusTest
class GeneratedClientFlowTest {

    private static final String PATIENT = "nl-core-Patient-01";
    private static final String PIN = "52817";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    TestIntegrators integrators;

    @Inject
    LoginFlow login;

    /** A documented operation: its method, its path template as a pattern, and its response statuses. */
    private record DocumentedOperation(String method, Pattern path, int parameters, Set<String> statuses) {
    }

    private final List<DocumentedOperation> documented = new ArrayList<>();
    private final List<String> contractMismatches = new CopyOnWriteArrayList<>();

    @Test
    void app_flow_runs_through_generated_client() throws Exception {
        readDocumentedOperations();
        String address = LoginFlow.randomIpAddress();

        // The organisation's system: client credentials, FHIR import, registration of a relative.
        TestIntegrators.Credentials credentials = integrators.create();
        TokenResponse integratorToken = new IntegratorAuthenticationApi(client(address, null))
                .issueIntegratorToken("client_credentials", credentials.clientId(), credentials.clientSecret(), null);
        assertEquals("Bearer", integratorToken.getTokenType());
        ApiClient integrator = client(address, integratorToken.getAccessToken());
        importNictizClient(new FhirImportApi(integrator));

        MembersApi members = new MembersApi(integrator);
        ClientLookupView client = members.findClientByPatientId(PATIENT);
        assertEquals("Johanna Petronella Maria van Putten-van der Giessen", client.getDisplayName());
        UUID clientId = client.getId();
        importDocument(new FhirImportApi(integrator));

        String email = "anna-" + UUID.randomUUID() + "@example.test";
        String mobile = LoginFlow.randomDutchMobile();
        MemberRegistrationView registration = members.registerMember(clientId, new RegisterMemberRequest()
                .name("Anna van Putten").relation("dochter").email(email).mobile(mobile)
                .role(Role.FULL_ACCESS_ADMIN).basis(MembershipBasis.CONTACT_PERSON).language("nl"),
                UUID.randomUUID().toString());
        assertNotNull(registration.getMembershipId());

        // The app: activation with the invitation code and the SMS code, PIN and device key.
        AppAuthenticationApi auth = new AppAuthenticationApi(client(address, null));
        UUID activationId = auth.startActivation(new StartActivation().activationCode(login.activationCode(email)))
                .getActivationId();
        KeyPair deviceKey = LoginFlow.newDeviceKey();
        String e164 = "+31" + mobile.substring(1).replace("-", "");
        Tokens activated = auth.completeActivation(activationId, new CompleteActivation()
                .smsCode(login.smsCode(e164)).pin(PIN).devicePublicKey(LoginFlow.publicKeyBase64(deviceKey))
                .deviceName("Pixel van Anna"));
        UUID deviceId = activated.getDeviceId();

        Challenge challenge = auth.createPinChallenge(new RequestChallenge().deviceId(deviceId));
        Tokens loggedIn = auth.pinLogin(new PinLogin().deviceId(deviceId).challengeId(challenge.getChallengeId()).pin(PIN)
                .signature(LoginFlow.sign(deviceKey, challenge.getChallenge())));
        Tokens refreshed = new AppAuthenticationApi(client(address, loggedIn.getAccessToken()))
                .refreshTokens(new Refresh().refreshToken(loggedIn.getRefreshToken()));
        assertFalse(refreshed.getRefreshToken().equals(loggedIn.getRefreshToken()), "refresh rotates the refresh token");

        ApiClient app = client(address, refreshed.getAccessToken());
        readEverySection(app, clientId);

        TimelineItemView post = new TimelineApi(app).createPost(clientId,
                new PostRequest().text("Vandaag samen koffie gedronken in de tuin."), UUID.randomUUID().toString());
        assertEquals("NEWS_POST", post.getKind());
        assertTrue(post.getOwnPost());
        TimelinePage timeline = new TimelineApi(app).timeline(clientId, null, "100", null);
        assertTrue(timeline.getItems().stream().anyMatch(item -> post.getId().equals(item.getId())), "the news post is on the timeline");
        new TimelineApi(app).setTimelineReadMarker(clientId, new ReadMarkerRequest().cursor(timeline.getLatestCursor()));
        assertEquals(0, new TimelineApi(app).countUnreadTimelineItems(clientId).getUnreadCount());

        ChatApi chat = new ChatApi(app);
        ChatThread question = chat.askChatQuestion(clientId,
                new AskChatQuestionRequest().text("Slaapt mijn moeder goed de laatste tijd?"), UUID.randomUUID().toString());
        assertTrue(question.getAskedByMe());
        assertEquals(question.getId(), chat.readChatThread(clientId, question.getId()).getId());
        chat.markChatAnswersRead(clientId, question.getId());

        new AppAuthenticationApi(app).logout();
        ApiException afterLogout = assertThrows(ApiException.class, () -> new ClientsApi(app).listMyClients());
        assertEquals(401, afterLogout.getCode());
        Map<String, Object> problem = JSON.readValue(afterLogout.getResponseBody(), new TypeReference<>() {
        });
        assertEquals("urn:clientapp:problem:unauthorized", problem.get("type"));

        assertEquals(List.of(), contractMismatches, "responses whose status the contract does not document");
    }

    private void readDocumentedOperations() {
        ServedOpenApi.fetch().operations().forEach((name, operation) -> {
            String method = name.substring(0, name.indexOf(' '));
            String template = name.substring(name.indexOf(' ') + 1);
            StringBuilder regex = new StringBuilder();
            int parameters = 0;
            for (String segment : template.substring(1).split("/")) {
                boolean parameter = segment.startsWith("{");
                parameters += parameter ? 1 : 0;
                regex.append('/').append(parameter ? "[^/]+" : Pattern.quote(segment));
            }
            @SuppressWarnings("unchecked")
            Set<String> statuses = ((Map<String, Object>) operation.get("responses")).keySet();
            documented.add(new DocumentedOperation(method, Pattern.compile(regex.toString()), parameters, Set.copyOf(statuses)));
        });
    }

    /** Records a response whose operation or status the contract does not document. */
    private void checkStatus(HttpResponse<?> response) {
        String method = response.request().method();
        String path = response.uri().getPath();
        DocumentedOperation operation = documented.stream()
                .filter(candidate -> candidate.method().equals(method) && candidate.path().matcher(path).matches())
                .min(Comparator.comparingInt(DocumentedOperation::parameters))
                .orElse(null);
        if (operation == null) {
            contractMismatches.add(method + " " + path + " is not in the contract");
        } else if (!operation.statuses().contains(String.valueOf(response.statusCode()))) {
            contractMismatches.add(method + " " + path + " answered " + response.statusCode() + ", documented are "
                    + operation.statuses());
        }
    }

    private static void readEverySection(ApiClient app, UUID clientId) throws ApiException, IOException {
        List<ClientSummaryView> clients = new ClientsApi(app).listMyClients();
        assertEquals(List.of(clientId), clients.stream().map(ClientSummaryView::getClientId).toList());
        assertEquals(Role.FULL_ACCESS_ADMIN, clients.get(0).getRole());

        assertEquals("1934-04-28", new ProfileApi(app).profile(clientId).getBirthDate().toString());

        PageReportView reports = new ReportsApi(app).reports(clientId, null, null, null);
        assertFalse(reports.getItems().isEmpty(), "the Nictiz client has reports");
        ReportView report = new ReportsApi(app).readReport(clientId, reports.getItems().get(0).getId().toString());
        assertEquals(reports.getItems().get(0).getTitle(), report.getTitle());

        assertTrue(new MeasurementsApi(app).measurements(clientId, null, null, null).getItems().stream()
                .anyMatch(measurement -> "29463-7".equals(measurement.getCode())), "the body weight is a measurement");
        assertFalse(new CarePlanApi(app).carePlan(clientId).getDomains().isEmpty(), "the Nictiz client has a care plan");
        assertNotNull(new AgendaApi(app).agenda(clientId, null, null).getAppointments());
        assertFalse(new NetworkApi(app).network(clientId).getProfessionals().isEmpty(), "the care team is in the network");

        List<DocumentView> documents = new DocumentsApi(app).documents(clientId, null, null).getItems();
        assertEquals(List.of("Zorgleefplan"), documents.stream().map(DocumentView::getTitle).toList());
        byte[] content = Files.readAllBytes(new DocumentsApi(app).downloadDocument(clientId, documents.get(0).getId().toString()).toPath());
        assertEquals("Afspraken over de zorg voor mevrouw.", new String(content, StandardCharsets.UTF_8));

        TimelinePage timeline = new TimelineApi(app).timeline(clientId, null, "100", null);
        assertTrue(timeline.getItems().stream().anyMatch(item -> "REPORT".equals(item.getKind())), "reports are on the timeline");
    }

    /** Imports the Patient with one update and the other Nictiz resources in one transaction, as JSON. */
    private static void importNictizClient(FhirImportApi fhir) throws ApiException, IOException {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (FhirFixtures.Fixture fixture : FhirFixtures.nictiz()) {
            Resource resource = fixture.parse();
            if (fixture.resourceType().equals("Patient") && fixture.resourceId().equals(PATIENT)) {
                fhir.fhirUpdate(PATIENT, "Patient", asJson(resource), null, null);
                continue;
            }
            transaction.addEntry().setResource(resource).getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT).setUrl(fixture.resourceType() + "/" + fixture.resourceId());
        }
        FhirResource response = fhir.fhirTransactionOrBatch(asJson(transaction), null, PATIENT);
        assertEquals("Bundle", response.getResourceType());
        assertEquals("transaction-response", response.getAdditionalProperty("type"));
    }

    private static void importDocument(FhirImportApi fhir) throws ApiException, IOException {
        DocumentReference plan = new DocumentReference().setStatus(DocumentReferenceStatus.CURRENT)
                .setSubject(new Reference("Patient/" + PATIENT)).setDescription("Zorgleefplan");
        plan.setId("zorgleefplan-1");
        plan.addContent().getAttachment().setContentType("text/plain; charset=utf-8")
                .setData("Afspraken over de zorg voor mevrouw.".getBytes(StandardCharsets.UTF_8));
        fhir.fhirUpdate(plan.getIdElement().getIdPart(), "DocumentReference", asJson(plan), null, null);
    }

    /** Returns a FHIR resource as the generated model, which the client sends as FHIR JSON. */
    private static FhirResource asJson(Resource resource) throws IOException {
        return JSON.readValue(FHIR.newJsonParser().encodeResourceToString(resource), FhirResource.class);
    }

    /** Returns a generated client for the test server, from one client address, with a bearer token when given. */
    private ApiClient client(String address, String bearerToken) {
        ApiClient client = new ApiClient();
        // Strict reading: a response property the contract does not name fails the call.
        client.setObjectMapper(ApiClient.createDefaultObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        client.updateBaseUri(baseUri.toString().replaceAll("/$", ""));
        client.setResponseInterceptor(this::checkStatus);
        client.setRequestInterceptor(request -> {
            request.header("X-Forwarded-For", address);
            request.header("Accept-Language", "nl");
            if (bearerToken != null) {
                request.header("Authorization", "Bearer " + bearerToken);
            }
        });
        return client;
    }
}
