package nl.clientapp.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the app user's contact changes. Every string has a maximum length. */
final class ContactChangeViews {

    private ContactChangeViews() {
    }

    /** @param mobile the new mobile number in any common notation, read as Dutch without a country code */
    record RequestMobileChange(@NotBlank @Size(max = 32) String mobile) {
    }

    /** @param email the new e-mail address, compared case-insensitively */
    record RequestEmailChange(@NotBlank @Email @Size(max = 254) String email) {
    }

    /**
     * @param smsCode the code sent to the new number
     * @param pin the PIN of the device this session runs on; wrong PINs count towards the 5 that destroy the device
     */
    record ConfirmMobileChange(@NotBlank @Size(max = 12) String smsCode, @NotBlank @Size(max = 64) String pin) {
    }

    /**
     * @param smsCode the code sent to the registered mobile number
     * @param emailCode the code e-mailed to the new address
     * @param pin the PIN of the device this session runs on; wrong PINs count towards the 5 that destroy the device
     */
    record ConfirmEmailChange(@NotBlank @Size(max = 12) String smsCode, @NotBlank @Size(max = 12) String emailCode,
            @NotBlank @Size(max = 64) String pin) {
    }

    /**
     * @param smsSentTo the new number, masked, where the SMS code went
     * @param expiresAt when the code stops working
     */
    record MobileChangeStarted(UUID changeId, String smsSentTo, Instant expiresAt) {
    }

    /**
     * @param smsSentTo the registered number, masked, where the SMS code went
     * @param emailSentTo the new address, masked, where the e-mail code goes
     * @param expiresAt when both codes stop working
     */
    record EmailChangeStarted(UUID changeId, String smsSentTo, String emailSentTo, Instant expiresAt) {
    }
}
