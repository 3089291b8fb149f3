package org.alignkg.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.alignkg.InvalidInputException;
import org.alignkg.SourceLocation;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.ExprVisitorBase;

/** Parsing of SPARQL text; the one place where Jena's parse errors become located input errors. */
public final class Sparql {
    private static final Pattern AT = Pattern.compile("[Ll]ine (\\d+), column (\\d+)");

    private Sparql() { }

    public static Query parseQuery(String text, String source) {
        return parseQuery(text, source, null);
    }

    /** Parses a query, resolving relative IRIs against {@code base} (null: Jena's default). */
    public static Query parseQuery(String text, String source, String base) {
        try {
            return QueryFactory.create(text, base, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            throw translate(e, source);
        }
    }

    public static UpdateRequest parseUpdate(String text, String source) {
        return parseUpdate(text, source, null);
    }

    /** Parses an update, resolving relative IRIs against {@code base} (null: Jena's default). */
    public static UpdateRequest parseUpdate(String text, String source, String base) {
        try {
            return UpdateFactory.create(text, base, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            throw translate(e, source);
        }
    }

    /** {@code Encountered " "}" "} "" at line 1, column 25.} and {@code Encountered "<EOF>" at line 1, column 26.} */
    private static final Pattern ENCOUNTERED = Pattern.compile(
        "Encountered (?:\" \"(.*?)\" \"(.*?) \"\"|\"(.*?)\") at line \\d+, column \\d+\\.");
    private static final Pattern EXPECTING = Pattern.compile("Was expecting(?: one of)?:(.*)", Pattern.DOTALL);

    /**
     * JavaCC's message quotes the token twice and lists every alternative; keep the offending token
     * and the first few alternatives, which is what a person needs to fix the query.
     */
    static String readable(String msg) {
        String flat = msg.replaceAll("\\s+", " ").strip();
        Matcher enc = ENCOUNTERED.matcher(flat);
        if (!enc.find()) {
            String m = flat.replaceAll(" at line \\d+, column \\d+\\.?", "").strip();
            // "Lexical error Encountered: <EOF> after prefix "XYZ"" -> "lexical error: unexpected <EOF> after "XYZ""
            return m.replaceFirst("^Lexical error\\s*Encountered:\\s*", "lexical error: unexpected ")
                .replaceFirst(" after prefix ", " after ");
        }
        String token = enc.group(3) != null ? enc.group(3) : enc.group(2).isBlank() ? enc.group(1) : enc.group(2);
        StringBuilder out = new StringBuilder("unexpected \"").append(token.strip()).append('"');
        Matcher exp = EXPECTING.matcher(flat);
        if (exp.find()) {
            String[] alts = exp.group(1).split("\\s*\\.\\.\\.\\s*");
            java.util.List<String> shown = new java.util.ArrayList<>();
            for (String a : alts) if (!a.isBlank()) shown.add(a.strip());
            out.append("; expected ");
            out.append(String.join(", ", shown.subList(0, Math.min(6, shown.size()))));
            if (shown.size() > 6) out.append(", ... (").append(shown.size() - 6).append(" more)");
        }
        return out.toString();
    }

    /**
     * Refuses federated queries: a SERVICE clause makes the server open connections to other
     * hosts, which a public endpoint must not do on a client's behalf.
     */
    public static void refuseService(Query query, String source) {
        if (query.getQueryPattern() != null) refuseService(query.getQueryPattern(), source);
    }

    /** As {@link #refuseService(Query, String)}, for one graph pattern (e.g. an update's WHERE). */
    public static void refuseService(Element pattern, String source) {
        // The algebra, not the syntax tree: it reaches sub-SELECTs and FILTER (NOT) EXISTS too.
        refuseService(Algebra.compile(pattern), source);
    }

    /** As {@link #refuseService(Query, String)}, for a query already compiled to algebra. */
    public static void refuseService(org.apache.jena.sparql.algebra.Op op, String source) {
        Walker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpService op) {
                Node target = op.getService();
                throw new InvalidInputException(SourceLocation.of(source), "SERVICE " + (target.isURI() ? "<" + target.getURI() + ">" : target)
                    + " refused: federated queries are disabled on this server, because they make it contact other hosts");
            }
        }, new ExprVisitorBase());
    }

    /**
     * Jena's getColumn() can point at the last good token while its message names the offending one;
     * we report what the message says, so the two never disagree.
     */
    private static InvalidInputException translate(QueryParseException e, String source) {
        String msg = e.getMessage() == null ? "syntax error" : e.getMessage();
        long line = e.getLine();
        long col = e.getColumn();
        Matcher m = AT.matcher(msg);
        if (m.find()) {
            line = Long.parseLong(m.group(1));
            col = Long.parseLong(m.group(2));
        }
        return new InvalidInputException(new SourceLocation(source, line, col), "SPARQL syntax error: " + readable(msg), e);
    }
}
