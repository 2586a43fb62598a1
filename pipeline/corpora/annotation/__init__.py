"""The annotation tools: they build the pools the team labels and turn the answers into stand-off gold.

``pool`` and ``merge_labels`` run the relation round (candidate pairs drawn the way the pipeline draws
them; labels -> stand-off records), ``qualifier_pool`` the qualifier round (gold events with their
context; quoted answers -> offsets), and ``event_pool``, ``event_answers`` and ``event_adjudication``
the event round (whole Wikinews articles; answer checks; agreement, disagreements and adjudication).
Each runs as ``python -m geoclaims.corpora.annotation.<tool>`` and as a ``geoclaims-*`` console script.
The gold they produce is read one level up, by the corpus readers (``geoclaims.corpora.standoff``,
``event_gold``, ``qualifier_gold``); ``event_gold`` stays there because it is both the event gold's
reader and its ``merge`` / ``claim-gold`` tool.
"""
