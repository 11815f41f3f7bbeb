package nl.clientapp.support.sql;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Marks a request that carries {@link RequestStatements#HEADER} so its statements are published when it ends. */
public class StatementTallyFilter {

    @Inject
    RequestStatements statements;

    @ServerRequestFilter(preMatching = true)
    public void nameTally(HttpHeaders headers) {
        String tallyId = headers.getHeaderString(RequestStatements.HEADER);
        if (tallyId != null) {
            statements.publishAs(tallyId);
        }
    }
}
