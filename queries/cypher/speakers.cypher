// name: speakers
// description: Who spoke where: remarks and statements with their speaker, meeting and date.
MATCH (d:Document)-[:DELIVERED_BY]->(p:Person)
OPTIONAL MATCH (d)-[:DELIVERED_AT]->(m:Meeting)
RETURN p.name AS speaker, d.name AS text, d.kind AS kind, m.name AS meeting, m.startDate AS date
ORDER BY date, speaker, text
