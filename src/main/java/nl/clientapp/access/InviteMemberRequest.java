package nl.clientapp.access;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An administrator's request, in the app, to give a person access to their client. The basis of
 * the new membership is always INVITED.
 *
 * @param relation relation to the client as the app shows it, for example "kleinzoon"
 * @param mobile mobile number in any common notation, read as Dutch without a country code
 * @param language language of e-mails and SMS texts, "nl" (the default) or "en"
 */
record InviteMemberRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 100) String relation,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 32) String mobile,
        @NotNull Role role,
        @Pattern(regexp = "nl|en") @Size(max = 2) String language) {
}
