"""Sampling of classifier examples: NONE pairs by ``keep_none``, whole sentences by ``share`` (stable hashes)."""
from geoclaims.corpora.event_examples import kept, sentence_key
from geoclaims.relations.encoding import RelationExample


def examples(sentences: int):
    out = []
    for s in range(sentences):
        key = f"train-{s:03d}-00"
        out += [RelationExample(f"{key}-c0", "x", (0, 1), (0, 1), "AGREE"),
                RelationExample(f"{key}-c1", "x", (0, 1), (0, 1), "NONE"),
                RelationExample(f"{key}-g0-0", "x", (0, 1), (0, 1), "SANCTION")]
    return out


def test_the_sentence_key_of_candidate_and_gold_examples():
    assert sentence_key("dev-000-03-c12") == "dev-000-03"
    assert sentence_key("dev-000-03-g2-1") == "dev-000-03"


def test_keep_none_drops_only_none_examples():
    found = list(kept(examples(200), keep_none=0.0))
    assert len(found) == 400 and all(e.label != "NONE" for e in found)


def test_a_share_keeps_or_drops_whole_sentences_reproducibly():
    first = list(kept(examples(400), keep_none=1.0, share=0.5))
    again = list(kept(examples(400), keep_none=1.0, share=0.5))
    assert first == again
    sentences = {sentence_key(e.example_id) for e in first}
    assert 150 < len(sentences) < 250
    assert len(first) == 3 * len(sentences)
