"""Actors stage (rule ``actors``): actor mentions and the framing around them.

Reads ``results/<name>/clean/sentences``; writes ``results/<name>/actors/``: mentions, labels,
quotes, agencies and suggested actors, per shard.

Modules and their public functions (import them from the module: this file imports
nothing, so a rule depends only on the modules its script really uses):

- ``matching``: ``find_mentions``, ``ActorMatcher``, ``Actor``
- ``framing``: ``Framer`` (per sentence: labels, agencies, quotes and speakers,
  suggestions), ``FramingSettings``
- ``labels``: ``LabelFinder``; ``voice``: ``Voice`` (reporting cues, quotes, agencies);
  ``speakers``: ``SpeakerResolver``, ``Speaker``, ``SPEAKER_CATEGORIES`` (each quote's
  speaker: configured actor, named, anonymous or unresolved); ``suggestions``:
  ``SuggestionFinder``
"""
