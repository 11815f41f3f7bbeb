package nl.clientapp.fhir;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPayloadComponent;
import org.hl7.fhir.r4.model.Resource;

import nl.clientapp.chat.CareTeamChatService;
import nl.clientapp.chat.ChatFhir;
import nl.clientapp.chat.ChatRequests;

/**
 * Communication answering a question from the app → a care-team message in the question's thread.
 * The API gives each question the FHIR id {@code Communication/{threadId}}; the answer names it in
 * {@code inResponseTo} or {@code about}.
 */
@ApplicationScoped
class CommunicationProjection implements Projection {

    @Inject
    CareTeamChatService chat;

    @Inject
    ReferenceNames names;

    @Override
    public String resourceType() {
        return "Communication";
    }

    @Override
    public String documentation() {
        return "Answer of the care team in the app's chat, when inResponseTo or about names a question, "
                + "Communication/{threadId} as the integration API lists it, of the same client; status completed. Text from "
                + "the payload contentStrings (at most " + ChatRequests.MAX_TEXT + " characters), author from sender, time from "
                + "sent. Other Communications are stored only.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        Communication communication = (Communication) resource;
        UUID threadId = Stream.concat(communication.getInResponseTo().stream(), communication.getAbout().stream())
                .map(FhirValues::relativeReference)
                .map(ChatFhir::threadId)
                .filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (threadId == null) {
            return ProjectionOutcome.skipped("not-an-answer");
        }
        if (communication.getStatus() != Communication.CommunicationStatus.COMPLETED) {
            return ProjectionOutcome.skipped("not-completed");
        }
        String text = text(communication.getPayload());
        if (text == null) {
            return ProjectionOutcome.skipped("no-text");
        }
        if (text.length() > ChatRequests.MAX_TEXT) {
            return ProjectionOutcome.skipped("text-too-long");
        }

        String author = communication.hasSender() ? names.name(organisationId, communication.getSender()) : null;
        String sourceRef = "Communication/" + communication.getIdElement().getIdPart();
        boolean answered = chat.upsertFhirAnswer(clientId, threadId, sourceRef, author, text,
                FhirValues.instant(communication.getSentElement()));
        return answered ? ProjectionOutcome.PROJECTED : ProjectionOutcome.skipped("unknown-question");
    }

    private static String text(List<CommunicationPayloadComponent> payload) {
        String text = payload.stream()
                .filter(CommunicationPayloadComponent::hasContentStringType)
                .map(part -> part.getContentStringType().getValue())
                .filter(value -> value != null && !value.isBlank())
                .map(String::strip)
                .collect(Collectors.joining("\n\n"));
        return text.isEmpty() ? null : text;
    }
}
