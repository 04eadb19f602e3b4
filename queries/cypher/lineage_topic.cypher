// name: lineage_topic
// description: Every meeting and document that addressed or mentioned a topic or a narrower one (narrower topics
// description: included, as in `graphkit trace --topic`), in time order, with the place,
// description: who spoke (remarks delivered there), who chaired and what was adopted there.
// param: topic = "trafficking in persons" -- the topic's name or key
// entity: topic = Topic
MATCH (t:Topic)<-[:BROADER*0..4]-(sub:Topic)<-[:ADDRESSES|MENTIONS]-(x)
WHERE t.name = $topic OR t.key = $topic OR $topic IN t.altNames
WITH x, collect(DISTINCT sub.name) AS topics
OPTIONAL MATCH (x)-[:ADOPTED_AT|SIGNED_AT|DELIVERED_AT|ABOUT]->(at:Meeting)
WITH x, topics, min(at.startDate) AS atDate, collect(DISTINCT at.name) AS atMeeting
OPTIONAL MATCH (x)-[:LOCATION]->(c:City)
OPTIONAL MATCH (x)-[:ADOPTED_AT|SIGNED_AT|DELIVERED_AT|ABOUT]->(:Meeting)-[:LOCATION]->(ac:City)
WITH x, topics, atDate, atMeeting, coalesce(min(c.name), min(ac.name)) AS place
OPTIONAL MATCH (x)<-[:DELIVERED_AT]-(:Document)-[:DELIVERED_BY]->(speaker:Person)
OPTIONAL MATCH (x)-[:DELIVERED_BY]->(author:Person)
OPTIONAL MATCH (x)-[:CHAIRED_BY]->(chair:Person)
OPTIONAL MATCH (x)<-[:ADOPTED_AT|SIGNED_AT]-(adopted:Document)
RETURN coalesce(x.startDate, x.adoptedOn, x.signedOn, x.issued, atDate) AS date, x.name AS step, x.kind AS kind,
       place, atMeeting AS at, topics,
       collect(DISTINCT coalesce(speaker.name, author.name)) AS speakers, collect(DISTINCT chair.name) AS chairs,
       collect(DISTINCT adopted.name) AS adopted
ORDER BY date, step
