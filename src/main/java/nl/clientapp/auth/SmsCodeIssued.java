package nl.clientapp.auth;

import java.util.UUID;

/**
 * An SMS code whose hash the current transaction stored; {@link SmsCodeMessage} sends it before the commit.
 * The code exists in clear text only in this record and the SMS.
 */
record SmsCodeIssued(UUID activationId, UUID userId, String mobile, String language, String code) {
}
