"""The infinitive of purpose as a motive (motive v2), on hand-built parses (en_core_web_sm's own
analyses of these sentences, written out; no model is loaded)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from geoclaims.candidates import Candidate, PredicateWords
from geoclaims.ml.component import ClaimSpan
from geoclaims.motive.linking import link_motives
from geoclaims.motive.purpose import purpose_clause

VOCAB = spacy.blank("en").vocab


def parsed(spec: str) -> Doc:
    """``word/dep/head/pos/tag/lemma`` per token, space-separated."""
    rows = [token.split("/") for token in spec.split()]
    return Doc(VOCAB, words=[r[0] for r in rows], deps=[r[1] for r in rows], heads=[int(r[2]) for r in rows],
               pos=[r[3] for r in rows], tags=[r[4] for r in rows], lemmas=[r[5] for r in rows])


def candidate(doc: Doc, subject: tuple[int, int], obj: tuple[int, int] | None, predicate: int) -> Candidate:
    word = doc[predicate]
    words = PredicateWords(word.text, word.lemma_, word.idx, word.idx + len(word), predicate)
    return Candidate(doc[:], doc[subject[0]:subject[1]], doc[obj[0]:obj[1]] if obj else None, words)


PUNISH = parsed("Russia/nsubj/1/PROPN/NNP/Russia imposed/ROOT/1/VERB/VBD/impose sanctions/dobj/1/NOUN/NNS/sanction "
                "on/prep/2/ADP/IN/on Ukraine/pobj/3/PROPN/NNP/Ukraine to/aux/6/PART/TO/to punish/advcl/1/VERB/VB/punish "
                "Kiev/dobj/6/PROPN/NNP/Kiev for/prep/6/ADP/IN/for the/det/10/DET/DT/the vote/pobj/8/NOUN/NN/vote "
                "./punct/1/PUNCT/./.")
RELATIVE = parsed(
    "The/det/1/DET/DT/the restrictions/nsubjpass/13/NOUN/NNS/restriction on/prep/1/ADP/IN/on "
    "Kazakh/nmod/5/PROPN/NNP/Kazakh agricultural/amod/5/ADJ/JJ/agricultural imports/pobj/2/NOUN/NNS/import "
    ",/punct/5/PUNCT/,/, imposed/acl/5/VERB/VBN/impose by/agent/7/ADP/IN/by "
    "Rosselkhoznadzor/pobj/8/PROPN/NNP/Rosselkhoznadzor ,/punct/1/PUNCT/,/, were/auxpass/13/AUX/VBD/be "
    "clearly/advmod/13/ADV/RB/clearly intended/ROOT/13/VERB/VBN/intend to/aux/15/PART/TO/to "
    "pressure/xcomp/13/VERB/VB/pressure Astana/dobj/15/PROPN/NNP/Astana into/prep/15/ADP/IN/into "
    "reconsidering/pcomp/17/VERB/VBG/reconsider its/poss/21/PRON/PRP$/its diplomatic/amod/21/ADJ/JJ/diplomatic "
    "stance/dobj/18/NOUN/NN/stance ./punct/13/PUNCT/./.")
BID = parsed("Moscow/nsubj/1/PROPN/NNP/Moscow erected/ROOT/1/VERB/VBD/erect trade/compound/3/NOUN/NN/trade "
             "barriers/dobj/1/NOUN/NNS/barrier in/prep/1/ADP/IN/in a/det/6/DET/DT/a bid/pobj/4/NOUN/NN/bid "
             "to/aux/8/PART/TO/to protect/acl/6/VERB/VB/protect its/poss/11/PRON/PRP$/its "
             "domestic/amod/11/ADJ/JJ/domestic market/dobj/8/NOUN/NN/market ./punct/1/PUNCT/./.")
URGING = parsed("ASEAN/nsubj/1/PROPN/NNP/ASEAN issued/ROOT/1/VERB/VBD/issue a/det/3/DET/DT/a "
                "statement/dobj/1/NOUN/NN/statement urging/acl/3/VERB/VBG/urge North/compound/6/PROPN/NNP/North "
                "Korea/dobj/4/PROPN/NNP/Korea to/aux/8/PART/TO/to comply/advcl/1/VERB/VB/comply "
                "with/prep/8/ADP/IN/with its/poss/11/PRON/PRP$/its obligations/pobj/9/NOUN/NNS/obligation "
                "./punct/1/PUNCT/./.")
REPORTED = parsed("Officials/nsubj/1/NOUN/NNS/official said/ROOT/1/VERB/VBD/say Russia/nsubj/3/PROPN/NNP/Russia "
                  "imposed/ccomp/1/VERB/VBD/impose sanctions/dobj/3/NOUN/NNS/sanction ,/punct/1/PUNCT/,/, "
                  "to/aux/7/PART/TO/to reassure/advcl/1/VERB/VB/reassure allies/dobj/7/NOUN/NNS/ally ./punct/1/PUNCT/./.")


def test_an_adverbial_infinitive_is_the_purpose_of_the_act():
    assert purpose_clause(candidate(PUNISH, (0, 1), (4, 5), 1)).text == "punish Kiev for the vote"


def test_the_participle_of_intent_gives_the_purpose_of_a_reduced_relative():
    found = purpose_clause(candidate(RELATIVE, (9, 10), (3, 6), 7))
    assert found.text == "pressure Astana into reconsidering its diplomatic stance"


def test_a_purpose_noun_with_its_infinitive():
    assert purpose_clause(candidate(BID, (0, 1), None, 1)).text == "protect its domestic market"


def test_what_someone_is_urged_to_do_is_not_a_purpose():
    assert purpose_clause(candidate(URGING, (0, 1), (5, 7), 4)) is None


def test_the_purpose_of_a_report_is_not_the_purpose_of_the_reported_act():
    assert purpose_clause(candidate(REPORTED, (2, 3), None, 3)) is None


def test_motive_v2_links_the_purpose_where_v1_links_nothing():
    claims = [ClaimSpan(candidate(BID, (0, 1), None, 1), "SANCTION", 0.9)]
    (v1,) = link_motives(BID, claims, {}, threshold=0.8)
    (v2,) = link_motives(BID, claims, {}, threshold=0.8, purpose=True)
    assert v1 is None
    assert v2.cause.text == "protect its domestic market" and v2.reason == "purpose" and v2.distance == 0
