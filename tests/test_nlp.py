from __future__ import annotations

import spacy

from geoclaims.nlp import PARAGRAPHS


def test_blank_line_starts_a_sentence():
    nlp = spacy.blank("en")
    nlp.add_pipe(PARAGRAPHS)
    doc = nlp("The Agricultural Clash\n\nEconomic friction between Russia and Kazakhstan is nothing new.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Economic" in starts
    assert not doc[1].is_sent_start  # no break inside the headline
