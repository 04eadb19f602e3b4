// name: adopted_at_meeting
// description: Documents adopted at a meeting, with their kind, date and sources.
// param: meeting = "meeting/asean-summit-46" -- the meeting's name or key
// entity: meeting = Meeting
MATCH (d:Document)-[r:ADOPTED_AT]->(m:Meeting)
WHERE m.name = $meeting OR m.key = $meeting
RETURN d.name AS document, d.kind AS kind, d.adoptedOn AS adoptedOn, r.sources AS sources
ORDER BY document
