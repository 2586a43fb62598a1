"""Motive extraction: the cause/effect/signal tagger (CNC), its training and evaluation, linking causes to claims."""
