package nl.clientapp.photo;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Keeps photo bytes in the {@code photo_blob} table (bytea), in the caller's transaction. */
@ApplicationScoped
class PostgresPhotoStore implements PhotoStore {

    @Inject
    EntityManager entityManager;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void put(UUID photoId, PhotoVariant variant, byte[] content) {
        entityManager.createNativeQuery("""
                insert into photo_blob (photo_id, variant, content) values (?1, ?2, ?3)
                on conflict (photo_id, variant) do update set content = excluded.content""")
                .setParameter(1, photoId)
                .setParameter(2, variant.name())
                .setParameter(3, content)
                .executeUpdate();
    }

    @Override
    @Transactional
    public Optional<byte[]> get(UUID photoId, PhotoVariant variant) {
        List<?> rows = entityManager.createNativeQuery("select content from photo_blob where photo_id = ?1 and variant = ?2")
                .setParameter(1, photoId)
                .setParameter(2, variant.name())
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((byte[]) rows.get(0));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(UUID photoId) {
        entityManager.createNativeQuery("delete from photo_blob where photo_id = ?1")
                .setParameter(1, photoId)
                .executeUpdate();
    }
}
