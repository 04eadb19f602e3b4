"""Document ingest, in three parts (this module gathers their entry points):

* :mod:`ingest.readers`: a file -> plain text and metadata, one reader per format in a registry;
* :mod:`ingest.pipeline`: text -> the extractor (:mod:`ingest.extract`) -> one named graph per
  document, written one file at a time; repeatable (the same files give the same store);
* :mod:`ingest.evaluation`: the extractor scored against gold annotations.

``ingest_paths`` is the entry point ``graphkit.ingesters: documents``; ``evaluate_paths`` and
``evaluate_corpus`` are ``evaluation`` and ``corpus``.
"""

from __future__ import annotations

from ingest.evaluation import evaluate_corpus, evaluate_paths, load_gold
from ingest.pipeline import FileResult, IngestRun, document_files, document_quads, ingest_paths
from ingest.readers import READERS, LoadedDocument, load_document, make_document, sha256
from ingest.readers.common import decode, normalise
from ingest.readers.html import parse_html
from ingest.readers.markdown import parse_markdown
from ingest.readers.pdf import parse_pdf, reflow

__all__ = ["READERS", "FileResult", "IngestRun", "LoadedDocument", "decode", "document_files", "document_quads",
           "evaluate_corpus", "evaluate_paths", "ingest_paths", "load_document", "load_gold", "make_document",
           "normalise", "parse_html", "parse_markdown", "parse_pdf", "reflow", "sha256"]
