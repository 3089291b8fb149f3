package org.alignkg.query;

import java.util.List;
import java.util.Objects;

import org.apache.jena.query.Query;

/**
 * A competency question kept as a {@code .rq} file in {@code queries/}: its id (the file name),
 * the header's title, question and parameters, and the parsed query.
 */
public record NamedQuery(String id, String title, String question, List<Param> params, String text, Query query) {
    public NamedQuery {
        Objects.requireNonNull(id, "id");
        params = List.copyOf(params);
    }

    /** Kind of value a parameter takes. */
    public enum Kind { IRI, LITERAL, INTEGER }

    /** {@code # param: <name> <iri|literal|integer> <example>}: a variable bound before execution. */
    public record Param(String name, Kind kind, String example) { }

    /** Whether the query is a SELECT, ASK, CONSTRUCT or DESCRIBE, as a lower-case word. */
    public String form() {
        if (query.isSelectType()) return "select";
        if (query.isAskType()) return "ask";
        if (query.isConstructType()) return "construct";
        return "describe";
    }
}
