// name: bodies_under
// description: The bodies that sit under a body (directly or further down), with their kind.
// param: body = "ASEAN Political-Security Community Council" -- the body's name or key
// entity: body = Body
MATCH (b:Body)-[:PARENT]->(p:Body)
WHERE p.name = $body OR p.key = $body
OPTIONAL MATCH (b)-[:CLASSIFICATION]->(k:Topic)
OPTIONAL MATCH (s:Body)-[:PARENT]->(b)
RETURN b.name AS body, k.name AS classification, s.name AS below
ORDER BY body, below
