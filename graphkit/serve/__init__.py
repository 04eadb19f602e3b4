"""HTTP face of graphkit: a SPARQL endpoint, a JSON API and a web desk (`graphkit serve`)."""
