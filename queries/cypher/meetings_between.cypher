// name: meetings_between
// description: Every meeting between two dates, with its body and city. A date known only to the month or year comes as its first day with datePrecision "month" or "year" (graphkit query prints it as given: 2018-04, 2019).
// param: from = "2024-01-01" -- first date, YYYY-MM-DD
// param: to = "2025-12-31" -- last date, YYYY-MM-DD
MATCH (m:Meeting)-[:MEETING_OF]->(b:Body)
WHERE m.startDate >= date($from) AND m.startDate <= date($to)
OPTIONAL MATCH (m)-[:LOCATION]->(c:City)
RETURN m.startDate AS date, m.startDatePrecision AS datePrecision, m.name AS meeting, b.name AS body, c.name AS city
ORDER BY date, meeting
