// name: posts_held_at
// description: People and the posts they held on a date (posts whose start is not known are left out).
// param: date = "2025-05-25" -- a date, YYYY-MM-DD
MATCH (p:Person)-[h:HOLDS]->(ps:Post)
WHERE h.startDate IS NOT NULL AND h.startDate <= date($date) AND (h.endDate IS NULL OR h.endDate >= date($date))
RETURN p.name AS person, ps.name AS post, h.startDate AS since, h.endDate AS until
ORDER BY person, post
