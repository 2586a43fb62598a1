"""Readers for public corpora (Reuters-21578, BBC, Multi-CoPED, CNC, CoNLL04)."""
