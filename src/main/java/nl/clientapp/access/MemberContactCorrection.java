package nl.clientapp.access;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.common.Messages;
import nl.clientapp.common.problem.Problem;
import nl.clientapp.common.problem.ProblemException;

/**
 * The organisation's correction of a member's mobile number or e-mail address, such as a number
 * mistyped at intake. No SMS step, because the organisation identified the person itself; the old
 * number and address are notified as for the user's own change.
 */
@ApplicationScoped
class MemberContactCorrection {

    private static final Logger LOG = Logger.getLogger(MemberContactCorrection.class);

    @Inject
    ClientRowLock clientLock;

    @Inject
    ContactDetails contactDetails;

    /**
     * Sets the contact details of an active member of a client of the organisation. Values equal to
     * the stored ones change nothing and send nothing, so a repeated request is harmless.
     *
     * @throws ProblemException 400 when both fields are missing or the number is no allowed mobile
     *         number; 404 for a client of another organisation or a membership that is not active
     *         for this client; 409 {@code contact-in-use} when another account uses the address
     */
    @Transactional
    void correct(UUID organisationId, UUID clientId, UUID membershipId, CorrectContactRequest request, Locale locale) {
        if (request.mobile() == null && request.email() == null) {
            throw ProblemException.invalidFields(List.of(
                    new Problem.FieldError("mobile", Messages.get(locale, "contact.correction.empty")),
                    new Problem.FieldError("email", Messages.get(locale, "contact.correction.empty"))));
        }
        String mobile = request.mobile() == null ? null : contactDetails.normaliseMobile(request.mobile(), "mobile", locale);
        String email = request.email() == null ? null : ContactDetails.normaliseEmail(request.email());
        clientLock.lockClientOf(organisationId, clientId);
        Membership membership = Membership.findById(membershipId);
        if (membership == null || !membership.clientId.equals(clientId) || !Membership.ACTIVE.equals(membership.status)) {
            throw ProblemException.notFound();
        }

        ContactDetails.Applied applied = contactDetails.apply(membership.userId, mobile, email);
        LOG.infof("Organisation %s corrected the contact details of membership %s: %s", organisationId, membershipId,
                applied.anything() ? "changed" : "unchanged");
    }
}
