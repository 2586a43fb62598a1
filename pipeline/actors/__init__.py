"""Actors: the team's gazetteer (``data/actors.tsv``), span -> ``Actor`` resolution, and the spaCy glue
(``geoclaims.actors.component``: the ``geoclaims_actors_v1`` factory and ``add_actor_ruler``)."""
from __future__ import annotations

from .gazetteer import Actor, Gazetteer, load_gazetteer, ruler_patterns
from .resolve import resolve_span

__all__ = ["Actor", "Gazetteer", "load_gazetteer", "resolve_span", "ruler_patterns"]
