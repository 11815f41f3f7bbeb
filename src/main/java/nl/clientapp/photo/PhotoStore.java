package nl.clientapp.photo;

import java.util.Optional;
import java.util.UUID;

/**
 * Storage of photo bytes by photo id and variant. The metadata (client, owner, size) stays in the
 * {@code photo} table; a store only keeps bytes, so an object store (S3-compatible) can replace
 * {@link PostgresPhotoStore}. NOTE: a store outside the database does not take part in the
 * transaction, so it would have to tolerate bytes of photos whose row was rolled back.
 */
public interface PhotoStore {

    void put(UUID photoId, PhotoVariant variant, byte[] content);

    Optional<byte[]> get(UUID photoId, PhotoVariant variant);

    /** Deletes every variant of the photo; deleting a photo that is not stored does nothing. */
    void delete(UUID photoId);
}
