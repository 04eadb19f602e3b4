// name: document_links
// description: Documents succeeding, superseding, reviewing, informing, implementing, aligned with or part of a document, both ways.
// param: document = "document/apsc-blueprint-2025" -- the document's name or key
// entity: document = Document
MATCH (d:Document)-[r:SUCCEEDS|SUPERSEDES|REVIEWS|INFORMS|IMPLEMENTS|ALIGNED_WITH|PART_OF]->(o:Document)
WHERE d.name = $document OR d.key = $document
RETURN type(r) AS relation, "out" AS direction, o.name AS other, o.kind AS kind, r.sources AS sources
UNION
MATCH (d:Document)<-[r:SUCCEEDS|SUPERSEDES|REVIEWS|INFORMS|IMPLEMENTS|ALIGNED_WITH|PART_OF]-(o:Document)
WHERE d.name = $document OR d.key = $document
RETURN type(r) AS relation, "in" AS direction, o.name AS other, o.kind AS kind, r.sources AS sources
// variant: embedded
MATCH (d:Document)-[r:SUCCEEDS|SUPERSEDES|REVIEWS|INFORMS|IMPLEMENTS|ALIGNED_WITH|PART_OF]->(o:Document)
WHERE d.name = $document OR d.key = $document
RETURN label(r) AS relation, "out" AS direction, o.name AS other, o.kind AS kind, r.sources AS sources
UNION
MATCH (d:Document)<-[r:SUCCEEDS|SUPERSEDES|REVIEWS|INFORMS|IMPLEMENTS|ALIGNED_WITH|PART_OF]-(o:Document)
WHERE d.name = $document OR d.key = $document
RETURN label(r) AS relation, "in" AS direction, o.name AS other, o.kind AS kind, r.sources AS sources
