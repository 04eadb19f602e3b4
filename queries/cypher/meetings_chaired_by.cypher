// name: meetings_chaired_by
// description: Meetings a person chaired, in time order. A date known only to the month or year comes as its first day with datePrecision "month" or "year" (graphkit query prints it as given: 2018-04, 2019).
// param: person = "Mohamad Hasan" -- the person's name or key
// entity: person = Person
MATCH (m:Meeting)-[:CHAIRED_BY]->(p:Person)
WHERE p.name = $person OR p.key = $person
OPTIONAL MATCH (m)-[:LOCATION]->(c:City)
RETURN m.startDate AS date, m.startDatePrecision AS datePrecision, m.name AS meeting, c.name AS city
ORDER BY date, meeting
