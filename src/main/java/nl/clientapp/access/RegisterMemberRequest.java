package nl.clientapp.access;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An integrator's request to give a person access to a client.
 *
 * @param relation relation to the client as the app shows it, for example "dochter"
 * @param mobile mobile number in any common notation, read as Dutch without a country code
 * @param language language of e-mails and SMS texts, "nl" (the default) or "en"
 */
record RegisterMemberRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 100) String relation,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 32) String mobile,
        @NotNull Role role,
        @NotNull MembershipBasis basis,
        @Pattern(regexp = "nl|en") @Size(max = 2) String language) {
}
