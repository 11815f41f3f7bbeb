package nl.clientapp.privacy;

/**
 * One feature's part of erasing an app user's account (AVG article 17). Every CDI bean
 * implementing this interface runs in the one transaction of {@link AccountErasureService}, before
 * the user's own row is anonymised, so a failure in any step rolls back the whole erasure.
 *
 * <p>A feature that stores personal data of app users implements it and decides what happens to
 * that data, following the rules in docs/privacy.md: content the user wrote on a client's timeline
 * (news posts, photos) is deleted, chat messages stay in the care conversation with the author
 * shown as a deleted user, and audit entries and dossier data stay.
 */
public interface AccountErasureStep {

    /** Erases or anonymises this feature's data of the user in {@code erasure}. */
    void erase(AccountErasure erasure);
}
