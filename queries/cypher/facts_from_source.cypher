// name: facts_from_source
// description: Every relationship a source states (a source address or an ingested document's IRI).
// param: source = "https://mrem.bernama.com/viewsm.php?idm=51097" -- the source address
MATCH (a)-[r]->(b)
WHERE $source IN r.sources
RETURN a.name AS subject, b.name AS object, r.origins AS origins
ORDER BY subject, object
