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

/** Parsing of SPARQL text; the one place where Jena's parse errors become located input errors. */
public final class Sparql {
    private static final Pattern AT = Pattern.compile("[Ll]ine (\\d+), column (\\d+)");

    private Sparql() { }

    public static Query parseQuery(String text, String source) {
        try {
            return QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            throw translate(e, source);
        }
    }

    public static UpdateRequest parseUpdate(String text, String source) {
        try {
            return UpdateFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            throw translate(e, source);
        }
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
        String detail = msg.replaceAll("\\s+", " ").strip();
        return new InvalidInputException(new SourceLocation(source, line, col), "SPARQL syntax error: " + detail, e);
    }
}
