package nl.clientapp.notification;

/**
 * What a notification is about. The kind decides whether the user's preferences apply: messages
 * the organisation must send (login details, changed terms of use, the end of access by e-mail)
 * always go out, and the user turns the rest on or off per kind and channel.
 */
public enum NotificationKind {

    /** Login details and activation: e-mail only, always sent. */
    ACCOUNT(false, true),
    /** A change of the terms of use: the terms require telling every user, so always sent. */
    TERMS(false, true),
    /** The warning before and the notice after the end of access: e-mail always, push optional. */
    ACCESS_NOTICES(true, true),
    /** New posts on the client's timeline. */
    NEWS(true, false),
    /** Answers of the care team to the client's chat questions, for every full-access member. */
    CHAT_ANSWERS(true, false);

    private final boolean configurable;
    private final boolean emailMandatory;

    NotificationKind(boolean configurable, boolean emailMandatory) {
        this.configurable = configurable;
        this.emailMandatory = emailMandatory;
    }

    /** Returns whether the user can turn this kind on or off. */
    public boolean configurable() {
        return configurable;
    }

    /** Returns whether e-mails of this kind are sent regardless of the user's preferences. */
    public boolean emailMandatory() {
        return emailMandatory;
    }
}
