package org.alignkg.link;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.alignkg.InvalidInputException;
import org.alignkg.NotFoundException;
import org.alignkg.SourceLocation;
import org.alignkg.store.KgStore;
import org.alignkg.store.TripleStore;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunctionBase;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.sparql.util.Symbol;

/**
 * Similarity in SPARQL: the property function {@code akgf:similar}
 * ({@value #IRI}) over the store's {@link SimilarService}, so nearest neighbours compose with the
 * graph.
 *
 * <pre>
 * PREFIX akgf: &lt;https://w3id.org/alignkg/fn#&gt;
 * SELECT ?hit ?score ?passage { (?hit ?score ?passage) akgf:similar ("reward hacking in RLHF" 10) }
 * SELECT ?hit ?score ?passage { (?hit ?score ?passage) akgf:similar (&lt;https://w3id.org/alignkg/limitation/2&gt; 10 "document") }
 * </pre>
 *
 * Subject: {@code ?hit}, or a list of one to three of {@code ?hit ?score ?passage} (variables or
 * constants to match). Object: the query (a string literal: a text; an IRI: a document,
 * limitation, statement or concept of the store), optionally the number of hits (1..100, default
 * 10) and a type ({@code document}, {@code limitation}, {@code statement}, {@code concept}); or the
 * query alone. Hits come best first; {@code ?passage} is the passage of the hit that matched. An
 * IRI without a text in the store gives no row (so the function can run per solution of a join);
 * arguments of the wrong kind are refused as bad input (HTTP 400, exit code 65).
 *
 * <p>The function is registered once in Jena's global registry; the service it uses is found in
 * the query's context, where {@link #register} puts it for one store. A store without a service
 * refuses the function with a message rather than answering nothing.
 */
public final class SimilarityFunction extends PropertyFunctionBase {
    public static final String NS = "https://w3id.org/alignkg/fn#";
    public static final String IRI = NS + "similar";
    static final Symbol SERVICE = Symbol.create(NS + "similarService");
    static final int DEFAULT_LIMIT = 10;
    private static final String WHERE = "akgf:similar";

    static {
        PropertyFunctionRegistry.get().put(IRI, uri -> new SimilarityFunction());
    }

    /**
     * Makes {@code akgf:similar} answer from {@code service} in every query on {@code store}. The
     * supplier is called at the first use (the CLI's {@code query} loads the model only then).
     * Only the embedded store runs queries in this process: a remote engine
     * ({@code --store sparql:URL}) evaluates them itself and does not know {@code akgf:similar},
     * so there the function is not registered (the similarity API and {@code similar} still work).
     */
    public static void register(TripleStore store, Supplier<SimilarService> service) {
        if (store instanceof KgStore embedded) embedded.datasetGraph().getContext().set(SERVICE, service);
    }

    @Override
    public void build(PropFuncArg argSubject, Node predicate, PropFuncArg argObject, ExecutionContext execCxt) {
        super.build(argSubject, predicate, argObject, execCxt);
        List<Node> subject = argSubject.isList() ? argSubject.getArgList() : List.of(argSubject.getArg());
        if (subject.isEmpty() || subject.size() > 3)
            throw bad("the subject is ?hit or a list (?hit ?score ?passage) of one to three terms, got " + subject.size());
        List<Node> object = argObject.isList() ? argObject.getArgList() : List.of(argObject.getArg());
        if (object.isEmpty() || object.size() > 3)
            throw bad("the object is (query [limit [type]]): a text or an IRI, a number of hits 1.." + SimilarService.MAX_LIMIT
                + " and a type; got " + object.size() + " arguments");
        // constants are checked before the query runs, variables when they are bound
        checkQuery(object.get(0));
        if (object.size() > 1) limit(object.get(1));
        if (object.size() > 2) type(object.get(2));
    }

    @Override
    public QueryIterator exec(Binding binding, PropFuncArg argSubject, Node predicate, PropFuncArg argObject,
                              ExecutionContext execCxt) {
        List<Node> object = argObject.isList() ? argObject.getArgList() : List.of(argObject.getArg());
        Node query = value(binding, object.get(0));
        checkQuery(query);
        if (query.isVariable()) throw bad("the query argument " + query + " is not bound");
        int limit = object.size() > 1 ? limit(value(binding, object.get(1))) : DEFAULT_LIMIT;
        String type = object.size() > 2 ? type(value(binding, object.get(2))) : null;
        SimilarService service = service(execCxt);
        List<SimilarService.Hit> hits;
        try {
            hits = query.isURI() ? service.similarTo(query.getURI(), limit, type) : service.similarToText(query.getLiteralLexicalForm(), limit, type);
        } catch (NotFoundException e) {
            hits = List.of();
        } catch (InvalidInputException e) {
            throw bad(e.detail());
        }
        List<Node> subject = argSubject.isList() ? argSubject.getArgList() : List.of(argSubject.getArg());
        List<Binding> rows = new ArrayList<>();
        for (SimilarService.Hit h : hits) {
            List<Node> values = List.of(NodeFactory.createURI(h.iri()),
                NodeFactory.createLiteralDT(Double.toString(Math.round(h.score() * 10000) / 10000.0), XSDDatatype.XSDdouble),
                NodeFactory.createLiteralString(h.passage()));
            BindingBuilder b = BindingBuilder.create(binding);
            boolean match = true;
            for (int i = 0; i < subject.size() && match; i++) {
                Node s = value(binding, subject.get(i));
                if (s.isVariable()) b.add(Var.alloc(s), values.get(i));
                else match = s.sameValueAs(values.get(i));
            }
            if (match) rows.add(b.build());
        }
        return QueryIterPlainWrapper.create(rows.iterator(), execCxt);
    }

    @SuppressWarnings("unchecked")
    private static SimilarService service(ExecutionContext execCxt) {
        Object s = execCxt.getContext().get(SERVICE);
        if (!(s instanceof Supplier<?> supplier))
            throw bad("similarity is not available here (the server or command runs without the vector index)");
        return ((Supplier<SimilarService>) supplier).get();
    }

    private static Node value(Binding binding, Node n) {
        if (n.isVariable()) {
            Node v = binding.get(Var.alloc(n));
            if (v != null) return v;
        }
        return n;
    }

    private static void checkQuery(Node n) {
        if (n.isVariable() || n.isURI()) return;
        if (!n.isLiteral() || !(n.getLiteralValue() instanceof String))
            throw bad("the first argument is a text (a string literal) or an IRI, got " + FmtUtils.stringForNode(n));
    }

    private static int limit(Node n) {
        if (n.isVariable()) return DEFAULT_LIMIT;
        if (n.isLiteral() && n.getLiteralValue() instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            long v = num.longValue();
            if (v >= 1 && v <= SimilarService.MAX_LIMIT) return (int) v;
        }
        throw bad("the number of hits must be an integer 1.." + SimilarService.MAX_LIMIT + ", got " + FmtUtils.stringForNode(n));
    }

    private static String type(Node n) {
        if (n.isVariable()) return null;
        String t = n.isLiteral() ? n.getLiteralLexicalForm() : String.valueOf(n);
        if (!n.isLiteral() || !SimilarService.TYPES.contains(t))
            throw bad("the type must be one of \"concept\", \"document\", \"limitation\", \"statement\", got " + FmtUtils.stringForNode(n));
        return t;
    }

    private static InvalidInputException bad(String detail) {
        return new InvalidInputException(SourceLocation.of(WHERE), detail);
    }

    /** Loads the class, which registers the function; idempotent. */
    public static void init() {
        // the static initialiser does the work
    }
}
