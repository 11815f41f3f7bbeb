package nl.clientapp.notification;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;

/**
 * Shows the e-mails and SMS messages sent to one address or number, so the login flow can be
 * tried by hand. Only dev builds contain this endpoint, so test and production builds do not serve it.
 */
@Path("/dev/messages")
@IfBuildProfile("dev")
class DevMessagesResource {

    /** E-mails and SMS messages sent to one recipient, oldest first. */
    record SentMessages(List<SentEmail> emails, List<InMemorySmsSender.StoredSms> sms) {
    }

    record SentEmail(String to, String subject, String text) {
    }

    @Inject
    MockMailbox mailbox;

    @Inject
    InMemorySmsSender smsSender;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public SentMessages messages(@QueryParam("to") @NotBlank @Size(max = 320) String to) {
        List<SentEmail> emails = mailbox.getMailsSentTo(to).stream()
                .map(mail -> new SentEmail(to, mail.getSubject(), mail.getText()))
                .toList();
        return new SentMessages(emails, smsSender.sentTo(to));
    }
}
