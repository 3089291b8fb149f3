package org.alignkg.query;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/** An immutable copy of a SELECT result: variable names and rows of terms (null = unbound). */
public record ResultTable(List<String> vars, List<List<Node>> rows) {
    public ResultTable {
        vars = List.copyOf(vars);
        rows = List.copyOf(rows);
    }

    public static ResultTable copyOf(ResultSet rs) {
        List<String> vars = rs.getResultVars();
        List<List<Node>> rows = new ArrayList<>();
        while (rs.hasNext()) {
            Binding b = rs.nextBinding();
            List<Node> row = new ArrayList<>(vars.size());
            for (String v : vars) row.add(b.get(Var.alloc(v)));
            rows.add(java.util.Collections.unmodifiableList(row));
        }
        return new ResultTable(vars, rows);
    }

    public int size() {
        return rows.size();
    }

    /** The value of column {@code var} in row {@code i} (null when unbound). */
    public Node get(int i, String var) {
        return rows.get(i).get(vars.indexOf(var));
    }
}
