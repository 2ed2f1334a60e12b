"""Topics stage (rule ``topics``): one BERTopic model over the cached article embeddings.

Reads ``results/<name>/clean/articles``, ``results/<name>/embed`` and ``results/<name>/clean/duplicates``;
writes ``results/<name>/topics/``: doc_topics, topic_info, summary, topics_over_time,
topics_per_outlet and the saved model.

Modules and their public functions (import them from the module: this file imports
nothing, so a rule depends only on the modules its script really uses):

- ``model``: ``fit_corpus_topics``, ``fit_topics``, ``TopicSettings``, ``save_model``,
  ``assign_saved_topics``
- ``words``: ``TopicAnalyzer``, ``CorpusStems`` (Arabic-aware topic words)
- ``quality``: ``npmi_coherence``, ``topic_diversity``, ``stability_ari``
"""
