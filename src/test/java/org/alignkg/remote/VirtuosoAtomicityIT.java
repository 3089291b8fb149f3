package org.alignkg.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.rdflink.RDFLink;
import org.apache.jena.rdflink.RDFLinkHTTP;
import org.apache.jena.sparql.exec.http.QuerySendMode;
import org.junit.jupiter.api.Test;

/**
 * What the README says about Virtuoso 7 as a store: one SPARQL Update request is not all or
 * nothing (a request whose second operation fails keeps its first). The full store suite over
 * Virtuoso ({@code VirtuosoStoreIT}, see the README) is not in yet.
 */
class VirtuosoAtomicityIT {
    @Test
    void one_update_request_is_not_all_or_nothing_on_virtuoso() throws Exception {
        Path dir = Files.createTempDirectory("alignkg-virtuoso-atomicity");
        try (VirtuosoServer virtuoso = VirtuosoServer.start(dir)) {
            URI base = URI.create(virtuoso.baseUrl() + "/");
            AuthEnv.get().registerUsernamePassword(base, virtuoso.user(), virtuoso.password());
            try (RDFLink link = RDFLinkHTTP.newBuilder().queryEndpoint(virtuoso.sparqlUrl()).updateEndpoint(virtuoso.updateUrl())
                    .querySendMode(QuerySendMode.asPostForm).build()) {
                // The second operation fails (nothing listens on port 1) after the first has run, in the same request.
                assertThatThrownBy(() -> link.update("INSERT DATA { GRAPH <urn:atomic:g> { <urn:a> <urn:b> \"c\" } } ;"
                    + " LOAD <http://127.0.0.1:1/none.ttl> INTO GRAPH <urn:atomic:h>")).isInstanceOf(HttpException.class);
                assertThat(link.queryAsk("ASK { GRAPH <urn:atomic:g> { ?s ?p ?o } }")).isTrue();
            } finally {
                AuthEnv.get().unregisterUsernamePassword(base);
            }
        }
    }
}
