// name: lineage_successors
// description: The documents that succeed or supersede a document, directly or through later ones, with the
// description: meeting that adopted each, its place and date, in time order.
// param: document = "APSC Blueprint 2025" -- the document's name, alias or key
// entity: document = Document
MATCH (d:Document)<-[:SUCCEEDS|SUPERSEDES*1..4]-(s:Document)
WHERE d.key = $document OR d.name = $document OR $document IN d.altNames
OPTIONAL MATCH (s)-[:ADOPTED_AT]->(m:Meeting)
OPTIONAL MATCH (m)-[:LOCATION]->(c:City)
RETURN DISTINCT coalesce(s.adoptedOn, s.signedOn, s.issued, m.startDate) AS date, s.name AS document,
       s.kind AS kind, m.name AS adoptedAt, c.name AS place, s.periodEnd AS until, s.sources AS sources
ORDER BY date, document
