// name: posts_held_at
// description: People and the posts they held on a date, with the sources that state each holding (posts whose
// description: start is not known are left out; a start or end known only to the month or year prints as given
// description: and is compared by its first day).
// param: date = "2025-05-25" -- a date, YYYY-MM-DD
MATCH (p:Person)-[h:HOLDS]->(ps:Post)
WHERE h.startDate IS NOT NULL AND h.startDate <= date($date) AND (h.endDate IS NULL OR h.endDate >= date($date))
RETURN p.name AS person, ps.name AS post, h.startDate AS since, h.startDatePrecision AS sincePrecision,
       h.endDate AS until, h.endDatePrecision AS untilPrecision, h.sources AS sources
ORDER BY person, post
