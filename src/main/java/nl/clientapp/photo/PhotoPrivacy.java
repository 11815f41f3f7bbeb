package nl.clientapp.photo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.dossier.SqlReader;
import nl.clientapp.privacy.ClientDataPurgeStep;
import nl.clientapp.privacy.PersonalDataFile;
import nl.clientapp.privacy.PersonalDataSection;
import nl.clientapp.privacy.PersonalDataSource;

/**
 * The privacy side of photos. The {@code photos} export section lists every photo the user
 * uploaded, in a post or not yet used, with the full re-encoded image as a file in the ZIP (the
 * thumbnail is derived from it and left out). A client's purge deletes every photo of the client,
 * imported ones included, rows and stored bytes. Erasure of an account is the posts' business:
 * see {@code timeline.PostErasureStep}.
 */
@ApplicationScoped
class PhotoPrivacy implements PersonalDataSource, ClientDataPurgeStep {

    static final String SECTION = "photos";

    private static final Logger LOG = Logger.getLogger(PhotoPrivacy.class);

    /**
     * One photo in the export.
     *
     * @param timelineItemId the news post that shows the photo; null for an upload no post took yet
     * @param file path of the image in the ZIP
     */
    record PhotoExport(UUID photoId, UUID clientId, UUID timelineItemId, Integer position, String contentType, int width,
            int height, Instant uploadedAt, String file) {
    }

    @Inject
    SqlReader sql;

    @Inject
    PhotoStore store;

    @Inject
    PhotoService photos;

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public PersonalDataSection collect(UUID userId) {
        List<PhotoExport> rows = sql.list("""
                select id, client_id, timeline_item_id, position, content_type, width, height, created_at
                  from photo
                 where uploaded_by = ?
                 order by created_at, id""",
                row -> {
                    UUID id = row.getObject("id", UUID.class);
                    String contentType = row.getString("content_type");
                    return new PhotoExport(id, row.getObject("client_id", UUID.class), row.getObject("timeline_item_id", UUID.class),
                            (Integer) row.getObject("position", Integer.class), contentType, row.getInt("width"),
                            row.getInt("height"), SqlReader.instant(row, "created_at"),
                            PersonalDataFile.path(SECTION, fileName(id, contentType)));
                },
                userId);
        List<PersonalDataFile> files = new ArrayList<>();
        Set<UUID> clientIds = new HashSet<>();
        for (PhotoExport photo : rows) {
            files.add(new PersonalDataFile(fileName(photo.photoId(), photo.contentType()),
                    () -> store.get(photo.photoId(), PhotoVariant.FULL)));
            clientIds.add(photo.clientId());
        }
        return new PersonalDataSection(rows, files, clientIds);
    }

    @Override
    public void purge(UUID clientId) {
        int deleted = photos.deleteAllOfClient(clientId);
        LOG.infof("Deleted %d photos of client %s", deleted, clientId);
    }

    private static String fileName(UUID photoId, String contentType) {
        return photoId + "." + ImageFormat.ofMediaType(contentType).extension();
    }
}
