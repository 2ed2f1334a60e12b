"""Actors stage (rule ``actors``): actor mentions and the framing around them.

Reads ``results/clean/sentences``; writes ``results/actors/``: mentions, labels,
quotes, agencies and suggested actors, per shard.

Modules and their public functions (import them from the module: this file imports
nothing, so a rule depends only on the modules its script really uses):

- ``matching``: ``find_mentions``, ``ActorMatcher``, ``Actor``
- ``framing``: ``Framer`` (labels, quotes, speakers, agencies, suggestions),
  ``FramingSettings``
"""
