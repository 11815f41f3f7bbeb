package nl.clientapp.auth;

import java.util.UUID;

/**
 * Event fired inside the transaction that stored an SMS code's hash. The SMS goes out after it commits.
 * The code exists in clear text only in this event and the SMS.
 */
record SmsCodeIssued(UUID activationId, UUID userId, String mobile, String language, String code) {
}
