#!/usr/bin/env python3
"""Writes the benchmark query mix into a folder, one .rq file per query.

Named queries come from queries/*.rq with their example parameters (the "# param:" header lines)
written into the text, as a client that does not know alignkg's parameter binding would send them;
the queries bind parameters to a second variable, so this gives the same answer. Free queries are
the issue's five: a lookup by IRI, a 2-hop join, a COUNT, a text search (text:query over the jena-text index) and the graph-view CONSTRUCT.
"""
import pathlib, re, sys

root = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)

for f in sorted((root / "queries").glob("*.rq")):
    text = f.read_text(encoding="utf-8")
    for name, kind, value in re.findall(r"^# param: (\w+) (\w+) (.+)$", text, re.M):
        term = {"iri": f"<{value.strip()}>", "integer": value.strip()}.get(kind, '"%s"' % value.strip().replace('"', '\\"'))
        # Replace the variable everywhere except in the header line itself.
        body = "\n".join(l if l.startswith("#") else re.sub(r"[?$]" + name + r"\b", term, l) for l in text.split("\n"))
        text = body
    (out / f"named-{f.stem}.rq").write_text(text, encoding="utf-8")

P = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX akg: <https://w3id.org/alignkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
free = {
    "lookup-iri": "SELECT ?p ?o WHERE { <https://w3id.org/alignkg/limitation/3> ?p ?o } ORDER BY ?p ?o",
    "two-hop-join": P + """SELECT ?doc ?title WHERE {
  ?link cito:hasCitedEntity <https://w3id.org/alignkg/limitation/2> ; cito:hasCitingEntity ?doc .
  ?doc dcterms:title ?title } ORDER BY ?doc LIMIT 100""",
    "count": P + "SELECT (COUNT(*) AS ?n) WHERE { ?a oa:hasBody <https://w3id.org/alignkg/concept/interpretability> }",
    # jena-text: both servers open the same Lucene index (Fuseki through the text assembler).
    "text-search": P + """PREFIX text: <http://jena.apache.org/text#>
SELECT ?doc ?title WHERE { (?doc ?score) text:query (dcterms:title "superintelligence" 20) .
  ?doc dcterms:title ?title } ORDER BY ?doc""",
    "graph-view": P + """CONSTRUCT { ?l ?p ?o . ?c skos:prefLabel ?label } WHERE {
  { ?l a akg:Limitation ; ?p ?o . FILTER(?p != <http://schema.org/text>) }
  UNION { ?l a akg:Limitation ; akg:concerns ?c . ?c skos:prefLabel ?label } }""",
}
for k, q in free.items():
    (out / f"free-{k}.rq").write_text(q + "\n", encoding="utf-8")

# ---- varied-parameter templates (bench/run.sh --vary)
# With a third argument (a folder), also writes one template per query of the uncached mix:
# <id>.rq with the placeholder %%VALUE%% where the parameter's term goes (every occurrence), and
# <id>.values naming the list of terms (one a line) that bench/sparql-vary.lua draws from per
# request: documents, persons, concepts, limitations, statements, plans, words, or "none" (a fixed
# text: the large and sorted answers that take no parameter, or one with a single value).
if len(sys.argv) > 3:
    vary = pathlib.Path(sys.argv[3])
    vary.mkdir(parents=True, exist_ok=True)
    PH = "%%VALUE%%"
    lists = {"document": "documents", "focus": "documents", "concept": "concepts", "limitation": "limitations",
             "statement": "statements", "plan": "plans", "text": "words"}
    fixed = {"concept-hierarchy", "graph-view", "evidence-timeline", "statement-parts", "suggested-links-pending"}
    for f in sorted((root / "queries").glob("*.rq")):
        text = f.read_text(encoding="utf-8")
        params = re.findall(r"^# param: (\w+) (\w+) (.+)$", text, re.M)
        if f.stem not in fixed and not any(n in lists for n, _, _ in params):
            continue
        varied = None
        for name, kind, value in params:
            if f.stem not in fixed and varied is None and name in lists:
                varied = lists[name]
                term = PH
            else:
                term = {"iri": f"<{value.strip()}>", "integer": value.strip()}.get(kind, '"%s"' % value.strip().replace('"', '\\"'))
            text = "\n".join(l if l.startswith("#") else re.sub(r"[?$]" + name + r"\b", term, l) for l in text.split("\n"))
        (vary / f"named-{f.stem}.rq").write_text(text, encoding="utf-8")
        (vary / f"named-{f.stem}.values").write_text((varied or "none") + "\n", encoding="utf-8")
    vfree = {
        # a document's own triples, sorted (the free lookup, one IRI of thousands per request)
        "lookup-document": ("documents", "SELECT ?p ?o WHERE { %s ?p ?o } ORDER BY ?p ?o" % PH),
        # a person's documents and their co-authors: a 2-hop join from a person IRI
        "person-documents": ("persons", P + """SELECT ?doc ?title ?coauthor WHERE {
  ?doc dcterms:creator %s ; dcterms:title ?title ; dcterms:creator ?coauthor } ORDER BY ?doc ?coauthor""" % PH),
        # how many mentions a concept has
        "count": ("concepts", P + "SELECT (COUNT(*) AS ?n) WHERE { ?a oa:hasBody %s }" % PH),
        # jena-text with a different word per request
        "text-search": ("words", P + """PREFIX text: <http://jena.apache.org/text#>
SELECT ?doc ?title WHERE { (?doc ?score) text:query (dcterms:title %s 20) .
  ?doc dcterms:title ?title } ORDER BY ?doc""" % PH),
        "graph-view": ("none", free["graph-view"]),
    }
    for k, (values, q) in vfree.items():
        (vary / f"free-{k}.rq").write_text(q + "\n", encoding="utf-8")
        (vary / f"free-{k}.values").write_text(values + "\n", encoding="utf-8")
