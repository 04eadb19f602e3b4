// name: lineage_adopted_together
// description: For each document that succeeds or implements a document: the meeting that adopted it and the other
// description: documents adopted there, in alphabetical order (the APSC Strategic Plan 2045 and the ASEAN Community Vision
// description: 2045 at the 46th Summit).
// param: document = "APSC Blueprint 2025" -- the document's name, alias or key
// entity: document = Document
MATCH (d:Document)<-[:SUCCEEDS|SUPERSEDES|IMPLEMENTS*1..3]-(s:Document)-[:ADOPTED_AT]->(m:Meeting)
WHERE d.key = $document OR d.name = $document OR $document IN d.altNames
OPTIONAL MATCH (m)-[:LOCATION]->(c:City)
OPTIONAL MATCH (m)<-[:ADOPTED_AT]-(other:Document)
WITH m, c, s, other
ORDER BY other.name SKIP 0   // LadybugDB sorts in WITH only before SKIP or LIMIT
RETURN m.startDate AS date, m.name AS meeting, c.name AS place, s.name AS successor,
       collect(DISTINCT other.name) AS adopted
ORDER BY date, meeting, successor
