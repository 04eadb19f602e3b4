"""Document ingest, in three parts (this module gathers their entry points):

* :mod:`ingest.readers`: a file -> plain text and metadata, one reader per format in a registry;
* :mod:`ingest.pipeline`: text -> the extractor (:mod:`ingest.extract`) -> one named graph per
  document, written one file at a time; repeatable (the same files give the same store);
* :mod:`ingest.evaluation`: the extractor scored against gold annotations.

``ingest_paths`` is the entry point ``graphkit.ingesters: documents``; ``evaluate_paths`` (rows,
the total last) is ``evaluation`` and ``evaluate_corpus`` (texts and per-relation rows) ``corpus``.
"""

from __future__ import annotations

from pathlib import Path

from graphkit.store import Store
from ingest.evaluation import Evaluation, evaluate_fixtures, evaluate_paths, load_gold
from ingest.evaluation import evaluate_corpus as _evaluate_manifest
from ingest.pipeline import FileResult, IngestRun, document_files, document_quads, ingest_paths
from ingest.readers import READERS, LoadedDocument, load_document, make_document, sha256
from ingest.readers.common import decode, normalise
from ingest.readers.html import parse_html
from ingest.readers.markdown import parse_markdown
from ingest.readers.pdf import parse_pdf, reflow


def evaluate_corpus(store: Store, source: Path | list[Path], split: str = "dev", *,
                    as_ingested: bool = False, ner: bool = True) -> Evaluation:
    """Score the extractor: ``source`` is a corpus manifest (scored on ``split``) or a list of
    fixture texts and folders (NAME.gold.yaml beside each text); ``as_ingested``: only what
    `graphkit ingest` would keep (without what it holds back); ``ner``: with the pretrained NER layer."""
    if isinstance(source, list):
        return evaluate_fixtures(store, source, as_ingested=as_ingested, ner=ner)
    return _evaluate_manifest(store, source, split, as_ingested=as_ingested, ner=ner)


__all__ = ["READERS", "FileResult", "IngestRun", "LoadedDocument", "decode", "document_files", "document_quads",
           "evaluate_corpus", "evaluate_paths", "ingest_paths", "load_document", "load_gold", "make_document",
           "normalise", "parse_html", "parse_markdown", "parse_pdf", "reflow", "sha256"]
