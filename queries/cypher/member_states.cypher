// name: member_states
// description: Member states and observers with the date each membership began (and ended).
MATCH (ms:Membership)-[:MEMBER]->(s:MemberState)
OPTIONAL MATCH (ms)-[:ROLE]->(r:Topic)
RETURN s.name AS state, r.name AS role, ms.startDate AS since, ms.endDate AS until
ORDER BY since, state, role
