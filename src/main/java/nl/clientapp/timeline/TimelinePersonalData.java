package nl.clientapp.timeline;

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

/** The {@code timelinePosts} section of a personal-data export: the news posts and photo moments the user wrote. */
@ApplicationScoped
class TimelinePersonalData implements PersonalDataSource {

    record TimelinePostExport(UUID itemId, UUID clientId, String kind, Instant occurredAt, String text) {
    }

    @Inject
    SqlReader sql;

    @Override
    public String section() {
        return "timelinePosts";
    }

    @Override
    public PersonalDataSection collect(UUID userId) {
        List<TimelinePostExport> posts = sql.list("""
                select id, client_id, kind, occurred_at, summary
                  from timeline_item
                 where author_user_id = ?
                 order by occurred_at, id""",
                row -> new TimelinePostExport(row.getObject("id", UUID.class), row.getObject("client_id", UUID.class),
                        row.getString("kind"), SqlReader.instant(row, "occurred_at"), row.getString("summary")),
                userId);
        Set<UUID> clientIds = new HashSet<>();
        posts.forEach(post -> clientIds.add(post.clientId()));
        return new PersonalDataSection(posts, List.of(), clientIds);
    }
}
