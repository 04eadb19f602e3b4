"""Source adapters: each turns one family of sources into RDF facts, one named graph per source.

Adapters depend on ``graphkit`` (its vocabulary and ids), never the reverse: the CLI finds them
through the ``graphkit.sources`` entry points declared in pyproject.toml.
"""
