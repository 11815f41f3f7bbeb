package nl.clientapp.chat;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import io.quarkus.arc.Arc;
import io.vertx.core.http.HttpServerRequest;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;

/**
 * The name a chat message or question shows for its author. A member who erased their account
 * keeps their messages in the conversation, but the account row no longer has a name: the API then
 * shows "Verwijderde gebruiker" or "Deleted user" in the caller's language.
 */
@ApplicationScoped
class ChatAuthors {

    @Inject
    HttpServerRequest request;

    /** Returns {@code name}, or the deleted-user text when the author's account was erased and lost its name. */
    String shown(String name) {
        return name != null ? name : Messages.get(callerLanguage(), "chat.author.deleted-user");
    }

    /** Returns the name a message shows: a care team member's name as sent, or a member's name via {@link #shown}. */
    String ofMessage(String authorType, String name) {
        return "MEMBER".equals(authorType) ? shown(name) : name;
    }

    private Locale callerLanguage() {
        if (!Arc.container().requestContext().isActive()) {
            return RequestLanguage.DUTCH;
        }
        return RequestLanguage.fromAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
