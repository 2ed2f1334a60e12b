"""Ingest stage (rule ``ingest``): read every corpus file once and shard the documents.

Reads the files matched by ``corpus.paths``; writes ``results/<name>/ingest/documents/{shard}``,
``rejects`` and ``manifest`` (file digests and detected encodings).

Modules and their public functions (import them from the module: this file imports
nothing, so a rule depends only on the modules its script really uses):

- ``read``: ``read_corpus``, ``partition``, ``shard_of``, ``CorpusSettings``, ``FieldMapping``
- ``encoding``: ``decode_bytes``, ``repair_mojibake``
- ``html_extract``: ``extract_html``
"""
