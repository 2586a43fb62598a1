"""Events, not pairs (v0.2): event candidates per sentence, per-type decisions, claims per (source, target).

An event mention has a type, trigger words, source mentions and target mentions (possibly none).
``candidates`` proposes them (coordination, passives and reduced relatives, nominal predicates,
sentences with one actor), ``decide`` applies the per-type thresholds and the overlap rule, and
``component`` is the spaCy factory ``geoclaims_relations_v2`` that writes ``Doc._.claims``.
"""
