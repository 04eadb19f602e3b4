// name: meetings_of_body
// description: Meetings of a body in order of their number, with dates, cities and chairs. A date known only to the month or year comes as its first day with datePrecision "month" or "year" (graphkit query prints it as given: 2018-04, 2019).
// param: body = "ASEAN Political-Security Community Council" -- the body's name or key
// entity: body = Body
MATCH (m:Meeting)-[:MEETING_OF]->(b:Body)
WHERE b.name = $body OR b.key = $body
OPTIONAL MATCH (m)-[:LOCATION]->(c:City)
OPTIONAL MATCH (m)-[:CHAIR_STATE]->(s:MemberState)
RETURN m.ordinal AS ordinal, m.name AS meeting, m.startDate AS startDate, m.startDatePrecision AS datePrecision, m.endDate AS endDate,
       c.name AS city, s.name AS chair
ORDER BY ordinal, meeting
