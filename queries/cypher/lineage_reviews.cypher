// name: lineage_reviews
// description: Meetings and documents that reviewed a document, in time order, with place, the sources and (for
// description: extracted links) the evidence sentences. The first steps of `graphkit trace`.
// param: document = "APSC Blueprint 2025" -- the document's name, alias or key
// entity: document = Document
MATCH (d:Document)<-[r:REVIEWS]-(x)
WHERE d.key = $document OR d.name = $document OR $document IN d.altNames
OPTIONAL MATCH (x)-[:LOCATION]->(c:City)
RETURN coalesce(x.startDate, x.adoptedOn, x.signedOn, x.issued) AS date, x.name AS step, x.kind AS kind,
       c.name AS place, r.sources AS sources, r.quotes AS evidence
ORDER BY date, step
