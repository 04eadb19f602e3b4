// name: chairs_by_year
// description: The ASEAN Chair of each year, with the year's theme.
MATCH (c:Chairmanship)-[:CHAIR_STATE]->(s:MemberState)
RETURN c.year AS year, s.name AS chair, c.theme AS theme
ORDER BY year
