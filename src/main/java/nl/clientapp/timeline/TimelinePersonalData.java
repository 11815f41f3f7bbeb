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

    /** @param photoIds the post's photos in their order; each is in the {@code photos} section with its file */
    record TimelinePostExport(UUID itemId, UUID clientId, String kind, Instant occurredAt, Instant updatedAt, String text,
            List<UUID> photoIds) {
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
                select t.id, t.client_id, t.kind, t.occurred_at, t.updated_at, t.summary,
                       array(select p.id from photo p where p.timeline_item_id = t.id order by p.position) as photo_ids
                  from timeline_item t
                 where t.author_user_id = ?
                 order by t.occurred_at, t.id""",
                row -> new TimelinePostExport(row.getObject("id", UUID.class), row.getObject("client_id", UUID.class),
                        row.getString("kind"), SqlReader.instant(row, "occurred_at"), SqlReader.instant(row, "updated_at"),
                        row.getString("summary"), List.of((UUID[]) row.getArray("photo_ids").getArray())),
                userId);
        Set<UUID> clientIds = new HashSet<>();
        posts.forEach(post -> clientIds.add(post.clientId()));
        return new PersonalDataSection(posts, List.of(), clientIds);
    }
}
