package nl.clientapp.notification;

/**
 * Event types sent to integrators' webhook endpoints, as {@code type} in the payload. Adding an
 * event is one constant here and one {@link Outbox#webhook} call in the transaction that causes it.
 */
public enum WebhookEvent {

    MEMBER_REGISTERED("member.registered"),
    MEMBER_ACTIVATED("member.activated"),
    MEMBERSHIP_ENDED("membership.ended"),
    TERMS_ACCEPTED("terms.accepted"),
    CHAT_QUESTION_CREATED("chat.question.created"),
    TIMELINE_POST_CREATED("timeline.post.created");

    private final String type;

    WebhookEvent(String type) {
        this.type = type;
    }

    /** The event type as integrators see it, such as {@code membership.ended}. */
    public String type() {
        return type;
    }
}
