"""graphkit: a knowledge graph of ASEAN policy documents and institutions."""

__version__ = "0.1.0"
