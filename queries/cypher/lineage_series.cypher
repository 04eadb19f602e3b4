// name: lineage_series
// description: A body's numbered meetings in order, each with the meeting numbered one less; `problem` says when
// description: that one is not recorded (a gap) or is dated after it (a contradiction). `graphkit validate` checks all series.
// param: body = "APSC Council" -- the body's name, acronym or key
// entity: body = Body
MATCH (m:Meeting)-[:MEETING_OF]->(b:Body)
WHERE (b.key = $body OR b.name = $body OR $body IN b.acronym OR $body IN b.altNames) AND m.ordinal IS NOT NULL
OPTIONAL MATCH (p:Meeting)-[:MEETING_OF]->(b)
WHERE p.ordinal = m.ordinal - 1
OPTIONAL MATCH (m)-[:LOCATION]->(c:City)
RETURN m.ordinal AS number, m.startDate AS date, m.name AS meeting, c.name AS place, p.name AS previous,
       p.startDate AS previousDate,
       CASE WHEN m.ordinal > 1 AND p IS NULL THEN "previous number not recorded"
            WHEN p.startDate > m.startDate THEN "dated before the previous number"
            ELSE "" END AS problem
ORDER BY number, meeting
