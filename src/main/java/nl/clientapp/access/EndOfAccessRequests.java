package nl.clientapp.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the end-of-access endpoints of the integration API. */
final class EndOfAccessRequests {

    private EndOfAccessRequests() {
    }

    /**
     * A written request to end access, as the organisation received it.
     *
     * @param membershipId the member whose access ends; null when the client asked to end every member's access
     * @param receivedDate the Dutch calendar date the written request was received
     * @param effectiveDate the day access should end, if earlier than 6 weeks after {@code receivedDate}
     */
    record RegisterTerminationRequest(
            UUID membershipId,
            @NotNull LocalDate receivedDate,
            LocalDate effectiveDate) {
    }

    /** A registered termination request and when it ends access. */
    record TerminationRequestView(
            UUID id,
            UUID clientId,
            @Schema(description = "The memberships whose access this request ends")
            List<UUID> membershipIds,
            LocalDate receivedDate,
            LocalDate effectiveDate,
            @Schema(description = "The Dutch calendar day on which access is gone; the day before is the last day of access")
            LocalDate accessEndDate,
            @Schema(description = "00:00 Europe/Amsterdam of accessEndDate")
            Instant accessEndsAt) {
    }

    /**
     * A misuse block of an app user.
     *
     * @param clientId the client the user loses access to; null for every client of the organisation
     * @param reason why the organisation blocks the user, as recorded for later review
     */
    record BlockUserRequest(
            UUID clientId,
            @NotBlank @Size(max = 2000) String reason) {
    }

    /** A recorded misuse block. */
    record BlockView(UUID id, UUID userId, UUID clientId, Instant createdAt) {
    }
}
