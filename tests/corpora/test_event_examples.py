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


def test_the_v2_datasets_draw_no_target_examples_with_the_object_in_the_trigger(monkeypatch):
    """``geoclaims.datasets.events.v2``/``plv.v2`` label the candidates of ``geoclaims.relations.v3``."""
    from test_candidates import parsed

    from geoclaims.corpora import event_examples
    from geoclaims.relations.datasets import full_name

    words = ["Imports", "forced", "Moscow", "to", "erect", "trade", "barriers", "."]
    doc = parsed(words, [1, 1, 1, 4, 1, 6, 4, 1], ["nsubj", "ROOT", "dobj", "aux", "xcomp", "compound", "dobj", "punct"],
                 ["NOUN", "VERB", "PROPN", "PART", "VERB", "NOUN", "NOUN", "PUNCT"], [(2, 3, "GPE")],
                 ["import", "force", "Moscow", "to", "erect", "trade", "barrier", "."])
    monkeypatch.setattr(event_examples, "_nlp", lambda: lambda text: doc)
    text = doc.text
    barriers = (text.index("erect"), text.index(" ."))
    gold = [{"type": "SANCTION", "sources": [{"span": (text.index("Moscow"), text.index(" to"))}], "targets": [],
             "trigger": (text.index("trade"), text.index(" ."))}]
    v1 = event_examples.sentence_examples(text, gold, key="k", doc_id="d", source="wikinews")
    v2 = event_examples.sentence_examples(text, gold, key="k", doc_id="d", source="wikinews", object_in_trigger=True)
    assert [(e.object, e.label) for e in v2 if e.example_id.startswith("k-c")] == [(barriers, "SANCTION")]
    # v1's trigger ("erect") misses the gold trigger: NONE, and the gold pair is added as it stands
    assert [(text[slice(*e.object)], e.label) for e in v1] == [("erect", "NONE"), ("trade barriers", "SANCTION")]
    assert full_name("events") == "geoclaims.datasets.events.v1"
    from geoclaims import registry

    assert registry.get(registry.datasets, "geoclaims.datasets.events.v2").__doc__.endswith("load_event_examples_v2.")
    assert registry.get(registry.datasets, "geoclaims.datasets.plv.v2").__doc__.endswith("load_plv_examples_v2.")
