package nl.clientapp.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import nl.clientapp.privacy.AccountErasure;
import nl.clientapp.privacy.AccountErasureStep;

/**
 * Deletes what an erased user wrote on clients' timelines: their news posts with the photos in
 * them (rows and stored bytes) and their uploads that no post took. They are the user's own
 * content, not part of the care record, so they go with the account. Photo moments imported from
 * the ECD and other timeline items have no app user as author and stay.
 */
@ApplicationScoped
class PostErasureStep implements AccountErasureStep {

    private static final Logger LOG = Logger.getLogger(PostErasureStep.class);

    @Inject
    PostService posts;

    @Override
    public void erase(AccountErasure erasure) {
        int deleted = posts.deleteAllOf(erasure.userId());
        LOG.infof("Deleted %d news posts of user %s", deleted, erasure.userId());
    }
}
