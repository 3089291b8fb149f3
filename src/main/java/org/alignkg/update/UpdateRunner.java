package org.alignkg.update;

import java.util.List;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.alignkg.ontology.AKG;
import org.alignkg.query.Sparql;
import org.alignkg.store.Change;
import org.alignkg.store.TripleStore;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.sparql.modify.request.UpdateWithUsing;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateException;
import org.apache.jena.sparql.modify.request.UpdateClear;
import org.apache.jena.sparql.modify.request.UpdateDrop;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.update.UpdateRequest;

/**
 * Runs SPARQL 1.1 Update requests on the store as one validated write ({@link Change#edit}): an
 * update that would leave the store not conforming to the shapes is refused. Refuses LOAD (the server
 * never fetches other hosts) and SERVICE, and applies the protocol's {@code using-graph-uri} /
 * {@code using-named-graph-uri} as USING / USING NAMED.
 */
public final class UpdateRunner {
    private static final String SOURCE = "update";
    private final TripleStore store;

    public UpdateRunner(TripleStore store) {
        this.store = store;
    }

    /**
     * Parses {@code text} (relative IRIs against {@code base}) and runs it. {@code usingGraphs} and
     * {@code usingNamedGraphs} come from the protocol; with either present, an operation that has
     * its own USING, USING NAMED or WITH is a conflict (SPARQL 1.1 Protocol 2.2.3), answered 400.
     */
    public void run(String text, String base, List<String> usingGraphs, List<String> usingNamedGraphs) {
        UpdateRequest request = Sparql.parseUpdate(text, SOURCE, base);
        boolean protocolDataset = !usingGraphs.isEmpty() || !usingNamedGraphs.isEmpty();
        for (Update op : request.getOperations()) {
            if (op instanceof UpdateLoad load)
                throw new InvalidInputException(SourceLocation.of(SOURCE),
                    "LOAD <" + load.getSource() + "> refused: this server never fetches data from other hosts");
            if (op instanceof UpdateModify modify)
                Sparql.refuseService(modify.getWherePattern(), SOURCE);
            if (op instanceof UpdateWithUsing u) {
                if (protocolDataset && (u.getWithIRI() != null || !u.getUsing().isEmpty() || !u.getUsingNamed().isEmpty()))
                    throw new InvalidInputException(SourceLocation.of(SOURCE),
                        "the request gives using-graph-uri/using-named-graph-uri and the update has its own USING, USING NAMED or WITH; give one or the other");
                for (String g : usingGraphs) u.addUsing(NodeFactory.createURI(g));
                for (String g : usingNamedGraphs) u.addUsingNamed(NodeFactory.createURI(g));
            }
        }
        refuseSystemGraph(request);
        UpdateRequest toRun = silentClearAndDrop(request);
        try {
            store.apply(Change.edit(SOURCE, dsg -> UpdateExec.dataset(dsg).update(toRun).execute()));
        } catch (UpdateException e) {
            // the transaction has aborted; what is left is a request that cannot apply to this data
            throw new InvalidInputException(SourceLocation.of(SOURCE), e.getMessage() == null ? "update failed" : e.getMessage(), e);
        }
    }

    /**
     * TDB2 keeps no empty graphs, so "the graph does not exist" and "the graph is empty" are the
     * same state here; CLEAR and DROP of such a graph are no-ops rather than errors.
     */
    private static UpdateRequest silentClearAndDrop(UpdateRequest request) {
        UpdateRequest out = new UpdateRequest();
        out.setPrefixMapping(request.getPrefixMapping());
        if (request.explicitlySetBaseURI()) out.setBaseURI(request.getBaseURI());
        for (Update op : request.getOperations()) {
            if (op instanceof UpdateClear c && !c.isSilent()) out.add(new UpdateClear(c.getTarget(), true));
            else if (op instanceof UpdateDrop d && !d.isSilent()) out.add(new UpdateDrop(d.getTarget(), true));
            else out.add(op);
        }
        return out;
    }

    /** The bookkeeping graph records which file was loaded when; updates must not forge it. */
    private static void refuseSystemGraph(UpdateRequest request) {
        if (request.toString().contains("<" + AKG.SYSTEM_GRAPH + ">"))
            throw new InvalidInputException(SourceLocation.of(SOURCE), "the graph <" + AKG.SYSTEM_GRAPH + "> is the store's bookkeeping and read-only");
    }
}
