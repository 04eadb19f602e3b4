// name: meetings_chaired_by
// description: Meetings a person chaired, in time order.
// param: person = "Mohamad Hasan" -- the person's name or key
MATCH (m:Meeting)-[:CHAIRED_BY]->(p:Person)
WHERE p.name = $person OR p.key = $person
OPTIONAL MATCH (m)-[:LOCATION]->(c:City)
RETURN m.startDate AS date, m.name AS meeting, c.name AS city
ORDER BY date, meeting
