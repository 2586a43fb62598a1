"""Event candidates (v2) on hand-built parses: coordination, one-actor events, passives, reduced relatives."""
from __future__ import annotations

from test_candidates import parsed, restrictions_doc

from geoclaims.events.candidates import classifier_item, event_candidates


def described(doc):
    return [(e.candidate.subject.text, e.candidate.predicate.text,
             e.candidate.object.text if e.candidate.object is not None else None,
             tuple(c.text for c in e.co_sources)) for e in event_candidates(doc)]


def coordinated_meeting():
    words = ["France", "and", "Germany", "met", "in", "Berlin", "."]
    heads = [3, 0, 0, 3, 3, 4, 3]
    deps = ["nsubj", "cc", "conj", "ROOT", "prep", "pobj", "punct"]
    pos = ["PROPN", "CCONJ", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"]
    return parsed(words, heads, deps, pos, [(0, 1, "GPE"), (2, 3, "GPE"), (5, 6, "GPE")],
                  ["France", "and", "Germany", "meet", "in", "Berlin", "."])


def test_coordinated_sources_share_the_verb_and_are_never_paired_with_each_other():
    found = described(coordinated_meeting())
    assert ("France", "met", None, ("Germany",)) in found
    assert ("Germany", "met", None, ("France",)) in found
    assert not [f for f in found if {f[0], f[2]} == {"France", "Germany"}]


def test_an_event_with_one_actor_gets_a_no_target_candidate_marked_on_its_trigger():
    words = ["Iran", "threatened", "to", "close", "the", "strait", "."]
    doc = parsed(words, [1, 1, 3, 1, 5, 3, 1], ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"],
                 ["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"], [(0, 1, "GPE")],
                 ["Iran", "threaten", "to", "close", "the", "strait", "."])
    (event,) = event_candidates(doc)
    assert event.candidate.object is None and event.candidate.predicate.text == "threatened to close"
    text, subject, second = classifier_item(event.candidate)
    assert text[slice(*subject)] == "Iran" and text[slice(*second)] == "threatened to close"


def test_the_agent_of_a_passive_is_the_subject_never_the_object():
    words = ["Kazakhstan", "was", "condemned", "by", "Russia", "."]
    doc = parsed(words, [2, 2, 2, 2, 3, 2], ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
                 ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"], [(0, 1, "GPE"), (4, 5, "GPE")],
                 ["Kazakhstan", "be", "condemn", "by", "Russia", "."])
    found = described(doc)
    assert ("Russia", "condemned by", "Kazakhstan", ()) in found
    assert not [f for f in found if f[0] == "Kazakhstan"]


def test_reduced_relative_pairs_the_agent_with_the_noun_it_modifies():
    # "imports, imposed by Rosselkhoznadzor, ..." : the participle hangs on the patient itself
    words = ["Kazakh", "imports", ",", "restricted", "by", "Rosselkhoznadzor", ",", "fell", "."]
    heads = [1, 7, 1, 1, 3, 4, 1, 7, 7]
    deps = ["nmod", "nsubj", "punct", "acl", "agent", "pobj", "punct", "ROOT", "punct"]
    pos = ["PROPN", "NOUN", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT", "VERB", "PUNCT"]
    doc = parsed(words, heads, deps, pos, [(0, 1, "NORP"), (5, 6, "ORG")],
                 ["Kazakh", "import", ",", "restrict", "by", "Rosselkhoznadzor", ",", "fall", "."])
    assert ("Rosselkhoznadzor", "restricted by", "Kazakh imports", ()) in described(doc)


def test_nominal_predicate_with_agent_keeps_its_v1_pair():
    found = described(restrictions_doc())
    assert ("Russia 's Rosselkhoznadzor", "Restrictions imposed by", "Kazakh agricultural imports", ()) in found


def test_an_object_that_controls_an_infinitive_is_its_source():
    words = ["Imports", "forced", "Moscow", "to", "erect", "barriers", "."]
    doc = parsed(words, [1, 1, 1, 4, 1, 4, 1], ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj", "punct"],
                 ["NOUN", "VERB", "PROPN", "PART", "VERB", "NOUN", "PUNCT"], [(2, 3, "GPE")],
                 ["import", "force", "Moscow", "to", "erect", "barrier", "."])
    assert ("Moscow", "erect", None, ()) in described(doc)


def erect_trade_barriers():
    words = ["Imports", "forced", "Moscow", "to", "erect", "trade", "barriers", "."]
    return parsed(words, [1, 1, 1, 4, 1, 6, 4, 1], ["nsubj", "ROOT", "dobj", "aux", "xcomp", "compound", "dobj", "punct"],
                  ["NOUN", "VERB", "PROPN", "PART", "VERB", "NOUN", "NOUN", "PUNCT"], [(2, 3, "GPE")],
                  ["import", "force", "Moscow", "to", "erect", "trade", "barrier", "."])


def no_target_triggers(doc, **options):
    return [(e.candidate.subject.text, e.candidate.predicate.text)
            for e in event_candidates(doc, **options) if e.candidate.object is None]


def test_a_v3_no_target_trigger_holds_the_direct_object_with_its_compounds():
    doc = erect_trade_barriers()
    assert no_target_triggers(doc) == [("Moscow", "erect")]
    assert no_target_triggers(doc, object_in_trigger=True) == [("Moscow", "erect trade barriers")]
    (event,) = [e for e in event_candidates(doc, object_in_trigger=True) if e.candidate.object is None]
    text, _, second = classifier_item(event.candidate)
    assert text[slice(*second)] == "erect trade barriers"


def test_a_v3_trigger_takes_the_object_of_the_open_complement_and_leaves_verbs_without_one_alone():
    words = ["Iran", "threatened", "to", "close", "the", "strait", "."]
    doc = parsed(words, [1, 1, 3, 1, 5, 3, 1], ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"],
                 ["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"], [(0, 1, "GPE")],
                 ["Iran", "threaten", "to", "close", "the", "strait", "."])
    assert no_target_triggers(doc, object_in_trigger=True) == [("Iran", "threatened to close the strait")]
    assert no_target_triggers(coordinated_meeting(), object_in_trigger=True) == [("France", "met"), ("Germany", "met")]


def test_a_pronoun_the_article_links_to_an_actor_is_a_mention_and_an_unlinked_one_is_not():
    from geoclaims.actors.context import Link, register_context_extensions
    from geoclaims.actors.gazetteer import Actor

    register_context_extensions()
    words = ["He", "condemned", "Iran", "."]
    doc = parsed(words, [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"], ["PRON", "VERB", "PROPN", "PUNCT"],
                 [(2, 3, "GPE")], ["he", "condemn", "Iran", "."])
    assert not [f for f in described(doc) if f[0] == "He"]
    doc._.actor_links = {0: Link(0, 1, Actor("United States", "USA", "GOV", "PERSON"), None, "pronoun")}
    assert ("He", "condemned", "Iran", ()) in described(doc)


def test_the_patient_of_an_agentless_passive_and_a_venue_are_never_sources():
    words = ["Protesters", "were", "arrested", "in", "Cairo", "."]
    doc = parsed(words, [2, 2, 2, 2, 3, 2], ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"],
                 ["NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"], [(4, 5, "GPE")],
                 ["protester", "be", "arrest", "in", "Cairo", "."])
    assert not [f for f in described(doc) if f[0] in ("Protesters", "Cairo")]
