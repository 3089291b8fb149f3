package org.alignkg.remote;

import java.nio.file.Path;

import org.alignkg.TestData;
import org.alignkg.ingest.ShippedFiles;
import org.alignkg.store.KgStore;
import org.alignkg.store.TripleStore;

/** {@link StoreSuite} over the embedded TDB2 store, the reference the other kinds must match. */
class EmbeddedStoreIT extends StoreSuite {
    @Override protected TripleStore openStore(Path dir) {
        return KgStore.open(dir.resolve("tdb")).validateWith(ShippedFiles.shapes(TestData.ONTOLOGY));
    }
}
