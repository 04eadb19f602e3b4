// name: topic_documents
// description: Documents that address a topic, over time (by adoption, signature or issue date). This topic only, narrower topics not included (lineage_topic and `graphkit trace --topic` include them).
// param: topic = "trafficking in persons" -- the topic's name or key
// entity: topic = Topic
MATCH (d:Document)-[r:ADDRESSES]->(t:Topic)
WHERE t.name = $topic OR t.key = $topic
RETURN coalesce(d.adoptedOn, d.signedOn, d.issued) AS date, d.name AS document, d.kind AS kind,
       r.sources AS sources
ORDER BY date, document
