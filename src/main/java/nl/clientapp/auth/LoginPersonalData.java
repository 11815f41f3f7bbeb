package nl.clientapp.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.clientapp.common.SecureTokens;
import nl.clientapp.dossier.SqlReader;
import nl.clientapp.privacy.PersonalDataSection;
import nl.clientapp.privacy.PersonalDataSource;

/**
 * The sections of a personal-data export that {@code auth} owns: devices and login sessions.
 * Key material appears only as the SHA-256 fingerprint of a device's public key; PIN hashes,
 * refresh tokens and codes never leave the database.
 */
final class LoginPersonalData {

    private LoginPersonalData() {
    }

    /** @param publicKeyFingerprint SHA-256 of the public key (SubjectPublicKeyInfo, DER), hex; null once erased */
    record DeviceExport(UUID deviceId, String name, String publicKeyFingerprint, Instant registeredAt, Instant lastLoginAt,
            Instant destroyedAt) {
    }

    record LoginSessionExport(UUID sessionId, UUID deviceId, Instant startedAt, Instant revokedAt, String revokeReason) {
    }

    @ApplicationScoped
    static class Devices implements PersonalDataSource {

        @Inject
        SqlReader sql;

        @Override
        public String section() {
            return "devices";
        }

        @Override
        public PersonalDataSection collect(UUID userId) {
            return PersonalDataSection.of(sql.list("""
                    select id, name, public_key, created_at, last_login_at, destroyed_at
                      from device where user_id = ? order by created_at, id""",
                    row -> {
                        byte[] publicKey = row.getBytes("public_key");
                        return new DeviceExport(row.getObject("id", UUID.class), row.getString("name"),
                                publicKey == null ? null : SecureTokens.sha256Hex(publicKey), SqlReader.instant(row, "created_at"),
                                SqlReader.instant(row, "last_login_at"), SqlReader.instant(row, "destroyed_at"));
                    },
                    userId));
        }
    }

    @ApplicationScoped
    static class LoginSessions implements PersonalDataSource {

        @Inject
        SqlReader sql;

        @Override
        public String section() {
            return "loginSessions";
        }

        @Override
        public PersonalDataSection collect(UUID userId) {
            return PersonalDataSection.of(sql.list("""
                    select id, device_id, created_at, revoked_at, revoke_reason
                      from login_session where user_id = ? order by created_at, id""",
                    row -> new LoginSessionExport(row.getObject("id", UUID.class), row.getObject("device_id", UUID.class),
                            SqlReader.instant(row, "created_at"), SqlReader.instant(row, "revoked_at"),
                            row.getString("revoke_reason")),
                    userId));
        }
    }
}
