package nl.clientapp.auth;

import java.util.UUID;

/**
 * An SMS code whose hash the current transaction stored; {@link SmsCodeMessage} sends it before the commit.
 * The code exists in clear text only in this record and the SMS.
 *
 * @param purpose what the code confirms, for the log, such as "activation" or "contact change"
 * @param attemptId the id of the activation or contact change the code belongs to
 */
record SmsCodeIssued(String purpose, UUID attemptId, UUID userId, String mobile, String language, String code) {
}
