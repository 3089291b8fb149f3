package org.alignkg;

/** Receives progress of long work (loads, imports); implementations decide whether to show it. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override public void begin(String task) { }
        @Override public void advance(long done) { }
        @Override public void end() { }
    };

    /** A new task starts (e.g. "reading data/concepts.ttl"); its units are triples. */
    void begin(String task);

    /** A new task starts whose units are {@code unit} (e.g. "index entries", "nodes"). */
    default void begin(String task, String unit) {
        begin(task);
    }

    /** Units done so far within the current task (e.g. triples read). */
    void advance(long done);

    /** The current task is over. */
    void end();
}
