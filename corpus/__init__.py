"""Corpus stage: clean, normalize and segment source documents.

The public entry points are :func:`corpus.document.prepare` (raw text to a cleaned
:class:`corpus.document.Document`) and :func:`corpus.document.segment_document`
(document to :class:`corpus.document.Segment` values).
"""
