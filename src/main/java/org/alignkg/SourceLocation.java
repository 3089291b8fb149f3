package org.alignkg;

import java.util.Objects;

/**
 * Where a piece of bad input sits: a file (or a named input such as "query"), and the line and
 * column when the parser gave them (values below 1 mean "unknown" and are not printed).
 */
public record SourceLocation(String source, long line, long column) {
    public SourceLocation {
        Objects.requireNonNull(source, "source");
    }

    public static SourceLocation of(String source) {
        return new SourceLocation(source, -1, -1);
    }

    public static SourceLocation of(String source, long line) {
        return new SourceLocation(source, line, -1);
    }

    @Override
    public String toString() {
        if (line < 1) return source;
        return column < 1 ? source + ":" + line : source + ":" + line + ":" + column;
    }
}
