"""Clean stage (rules ``learn_boilerplate``, ``clean``, ``find_duplicates``, ``ledger``).

Reads ``results/<name>/ingest/documents``; writes ``results/<name>/clean/``: learned boilerplate, then
per shard articles, comments, sentences, the audit of removed lines and rejects, then
the duplicate groups and the ledger (one outcome per input record).

Modules and their public functions (import them from the module: this file imports
nothing, so a rule depends only on the modules its script really uses):

- ``pages``: ``clean_documents`` (one page: title, lines, boilerplate, comments,
  sentences), ``CleaningRules``, ``normalised_text_expr``
- ``inline``: ``clean_inline`` (boilerplate inside lines, the headline, the article block)
- ``boilerplate``: ``learn_boilerplate``, ``BoilerplateSettings``, ``distinct_pages``
- ``keys``: ``line_key``, ``line_key_expr``
- ``comments``: ``parse_comments``, ``resolve_comment_date``
- ``language``: ``identify_language``, ``identify_languages``
- ``sentences``: ``split_sentences``
- ``duplicates``: ``find_duplicates``, ``duplicate_summary``, ``without_copies``
- ``ledger``: ``build_ledger``, ``check_ledger``, ``ledger_summary``
"""
