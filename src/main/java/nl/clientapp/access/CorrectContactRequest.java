package nl.clientapp.access;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * The organisation's correction of a member's contact details. A field left out keeps its value;
 * at least one is required.
 *
 * @param mobile the correct mobile number in any common notation, read as Dutch without a country code
 * @param email the correct e-mail address, compared case-insensitively
 */
record CorrectContactRequest(@Size(min = 1, max = 32) String mobile, @Email @Size(min = 1, max = 254) String email) {
}
