package nl.clientapp.access;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.clientapp.dossier.SqlReader;
import nl.clientapp.privacy.PersonalDataSection;
import nl.clientapp.privacy.PersonalDataSource;

/** The sections of a personal-data export that {@code access} owns: profile, memberships and invitations. */
final class AccountPersonalData {

    private AccountPersonalData() {
    }

    record ProfileExport(UUID userId, String name, String email, String mobile, String language, Instant createdAt) {
    }

    record MembershipExport(UUID membershipId, UUID clientId, String clientName, String organisationName, String role,
            String relation, String basis, String status, Instant startedAt, Instant endedAt, String endReason) {
    }

    /** An invitation without its activation code, which is stored only as a hash. */
    record InvitationExport(UUID invitationId, UUID membershipId, UUID clientId, Instant sentAt, Instant expiresAt,
            Instant usedAt, Instant voidedAt) {
    }

    @ApplicationScoped
    static class Profile implements PersonalDataSource {

        @Inject
        SqlReader sql;

        @Override
        public String section() {
            return "profile";
        }

        @Override
        public PersonalDataSection collect(UUID userId) {
            List<ProfileExport> profile = sql.list("select id, name, email, mobile, language, created_at from app_user where id = ?",
                    row -> new ProfileExport(row.getObject("id", UUID.class), row.getString("name"), row.getString("email"),
                            row.getString("mobile"), row.getString("language"), SqlReader.instant(row, "created_at")),
                    userId);
            return PersonalDataSection.of(profile.isEmpty() ? null : profile.get(0));
        }
    }

    @ApplicationScoped
    static class Memberships implements PersonalDataSource {

        @Inject
        SqlReader sql;

        @Override
        public String section() {
            return "memberships";
        }

        @Override
        public PersonalDataSection collect(UUID userId) {
            List<MembershipExport> memberships = sql.list("""
                    select m.id, m.client_id, c.display_name, o.name as organisation_name, m.role, m.relation, m.basis,
                           m.status, m.created_at, m.ended_at, m.end_reason
                      from membership m
                      join client c on c.id = m.client_id
                      join organisation o on o.id = c.organisation_id
                     where m.user_id = ?
                     order by m.created_at, m.id""",
                    row -> new MembershipExport(row.getObject("id", UUID.class), row.getObject("client_id", UUID.class),
                            row.getString("display_name"), row.getString("organisation_name"), row.getString("role"),
                            row.getString("relation"), row.getString("basis"), row.getString("status"),
                            SqlReader.instant(row, "created_at"), SqlReader.instant(row, "ended_at"), row.getString("end_reason")),
                    userId);
            Set<UUID> clientIds = new HashSet<>();
            memberships.forEach(membership -> clientIds.add(membership.clientId()));
            return new PersonalDataSection(memberships, List.of(), clientIds);
        }
    }

    @ApplicationScoped
    static class Invitations implements PersonalDataSource {

        @Inject
        SqlReader sql;

        @Override
        public String section() {
            return "invitations";
        }

        @Override
        public PersonalDataSection collect(UUID userId) {
            return PersonalDataSection.of(sql.list("""
                    select i.id, i.membership_id, m.client_id, i.created_at, i.expires_at, i.used_at, i.voided_at
                      from invitation i
                      join membership m on m.id = i.membership_id
                     where i.user_id = ?
                     order by i.created_at, i.id""",
                    row -> new InvitationExport(row.getObject("id", UUID.class), row.getObject("membership_id", UUID.class),
                            row.getObject("client_id", UUID.class), SqlReader.instant(row, "created_at"),
                            SqlReader.instant(row, "expires_at"), SqlReader.instant(row, "used_at"),
                            SqlReader.instant(row, "voided_at")),
                    userId));
        }
    }
}
