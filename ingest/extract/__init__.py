"""The document extractor: text + gazetteer -> facts, each with the sentence that states it.

``extract(text, gazetteer, context)`` is the entry point (pure: no I/O). The package:

* :mod:`~ingest.extract.sentences`: sentence splitting for published texts;
* :mod:`~ingest.extract.dates`: dates and ordinals as texts write them;
* :mod:`~ingest.extract.lexicon` and ``cues.yaml``: word lists and cue phrases, as data;
* :mod:`~ingest.extract.extractor`: mentions (meetings, posts, persons, documents, gazetteer labels);
* :mod:`~ingest.extract.rules`: one rule per relation, in an ordered registry;
* :mod:`~ingest.extract.state`: what carries over between sentences (:class:`Discourse`).
"""

from __future__ import annotations

from ingest.extract.dates import DateMention, find_dates, ordinal_suffix, ordinal_value
from ingest.extract.extractor import extract, role_of
from ingest.extract.model import DOC, RELATIONS, Context, Extraction, Fact, Mention, Value
from ingest.extract.sentences import split_sentences

__all__ = ["DOC", "RELATIONS", "Context", "DateMention", "Extraction", "Fact", "Mention", "Value", "extract",
           "find_dates", "ordinal_suffix", "ordinal_value", "role_of", "split_sentences"]
