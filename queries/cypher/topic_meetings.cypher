// name: topic_meetings
// description: Meetings that addressed a topic, over time. A date known only to the month or year comes as its first day with datePrecision "month" or "year" (graphkit query prints it as given: 2018-04, 2019). This topic only, narrower topics not included (lineage_topic and `graphkit trace --topic` include them).
// param: topic = "trafficking in persons" -- the topic's name or key
// entity: topic = Topic
MATCH (m:Meeting)-[r:ADDRESSES]->(t:Topic)
WHERE t.name = $topic OR t.key = $topic
OPTIONAL MATCH (m)-[:LOCATION]->(c:City)
RETURN m.startDate AS date, m.startDatePrecision AS datePrecision, m.name AS meeting, c.name AS city, r.sources AS sources
ORDER BY date, meeting
