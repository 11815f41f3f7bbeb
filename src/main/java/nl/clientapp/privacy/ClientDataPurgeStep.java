package nl.clientapp.privacy;

import java.util.UUID;

/**
 * One feature's part of removing a client's data once every membership of the client has ended
 * (see {@link DossierPurgeJob}). Every CDI bean implementing this interface runs in the purge's
 * transaction, before the dossier data mirrored from the ECD is deleted, while the job holds the
 * client's row lock. A feature that stores data per client (news posts, photos, chat) deletes its
 * rows of that client here.
 */
public interface ClientDataPurgeStep {

    /** Deletes this feature's data of the client. */
    void purge(UUID clientId);
}
