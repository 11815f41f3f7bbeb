package nl.clientapp.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import nl.clientapp.privacy.AccountErasure;
import nl.clientapp.privacy.AccountErasureStep;

/**
 * Deletes the news posts and photo moments an erased user wrote on clients' timelines. They are
 * the user's own content, not part of the care record, so they go with the account. Timeline
 * items from the ECD (reports, measurements) have no app user as author and stay.
 */
@ApplicationScoped
class TimelineErasureStep implements AccountErasureStep {

    private static final Logger LOG = Logger.getLogger(TimelineErasureStep.class);

    @Inject
    EntityManager entityManager;

    @Override
    public void erase(AccountErasure erasure) {
        int deleted = entityManager.createNativeQuery("""
                delete from timeline_item where author_user_id = :user and kind in ('NEWS_POST', 'PHOTO_MOMENT')""")
                .setParameter("user", erasure.userId())
                .executeUpdate();
        LOG.infof("Deleted %d timeline posts of user %s", deleted, erasure.userId());
    }
}
