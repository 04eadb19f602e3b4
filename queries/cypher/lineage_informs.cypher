// name: lineage_informs
// description: Later documents that a document, or a review of it, informs; with the review in between, the
// description: sources and (for extracted links) the evidence sentences.
// param: document = "APSC Blueprint 2025" -- the document's name, alias or key
// entity: document = Document
MATCH (d:Document)<-[:REVIEWS*0..1]-(via)-[r:INFORMS]->(later)
WHERE d.key = $document OR d.name = $document OR $document IN d.altNames
RETURN DISTINCT coalesce(later.adoptedOn, later.signedOn, later.issued) AS date, later.name AS informed,
       later.kind AS kind, via.name AS through, r.sources AS sources, r.quotes AS evidence
ORDER BY date, informed, through
