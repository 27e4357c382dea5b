"""Corpus stage: read, clean, normalize and segment source documents.

The public entry points are :func:`corpus.pipeline.load_document` (a text, Word, Markdown or
HTML file to a cleaned, normalized :class:`corpus.document.Document`) and
:func:`corpus.pipeline.segment_document` (document to :class:`corpus.document.Segment` values).
"""
