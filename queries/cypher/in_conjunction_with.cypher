// name: in_conjunction_with
// description: The meetings held in conjunction with a meeting (usually a summit). A date known only to the month or year comes as its first day with datePrecision "month" or "year" (graphkit query prints it as given: 2018-04, 2019).
// param: meeting = "meeting/asean-summit-46" -- the meeting's name or key
// entity: meeting = Meeting
MATCH (m:Meeting)-[r:IN_CONJUNCTION_WITH]->(s:Meeting)
WHERE s.name = $meeting OR s.key = $meeting
OPTIONAL MATCH (m)-[:MEETING_OF]->(b:Body)
RETURN m.startDate AS date, m.startDatePrecision AS datePrecision, m.name AS meeting, b.name AS body, r.sources AS sources
ORDER BY date, meeting
