package org.alignkg.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.alignkg.InvalidInputException;
import org.alignkg.Progress;
import org.alignkg.SourceLocation;
import org.alignkg.ontology.AKG;
import org.apache.jena.graph.Graph;
import org.eclipse.rdf4j.rio.RDFFormat;

/**
 * The shapes and ontology that ship with alignkg: read from the project's {@code ontology/}
 * folder when it is there (so edits take effect at once), else from the copy inside the jar.
 */
public final class ShippedFiles {
    private ShippedFiles() { }

    /** The SHACL shapes graph. */
    public static Graph shapes(Path ontologyDir) {
        return read(ontologyDir, "shapes.ttl");
    }

    /** The OWL ontology graph. */
    public static Graph ontology(Path ontologyDir) {
        return read(ontologyDir, "alignkg.ttl");
    }

    private static Graph read(Path ontologyDir, String file) {
        Path onDisk = ontologyDir.resolve(file);
        String name = "ontology/" + file;
        byte[] bytes;
        try {
            if (Files.isRegularFile(onDisk)) {
                bytes = Files.readAllBytes(onDisk);
            } else {
                try (InputStream in = ShippedFiles.class.getResourceAsStream("/ontology/" + file)) {
                    if (in == null)
                        throw new InvalidInputException(SourceLocation.of(onDisk.toString()), "not found (neither on disk nor in the jar)");
                    bytes = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(SourceLocation.of(name), "cannot read: " + e.getMessage(), e);
        }
        return new RdfFileReader(Progress.NONE).parse(bytes, name, RDFFormat.TURTLE, AKG.ONTOLOGY).defaultGraph();
    }
}
