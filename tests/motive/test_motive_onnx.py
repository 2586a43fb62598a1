"""The motive tagger on ONNX Runtime: backend choice, fp32 = torch, int8 finds the same causes (slow: real model)."""
from __future__ import annotations

import numpy as np
import pytest

from geoclaims.resources import shipped

MOTIVE_MODEL = shipped("models/motive")
needs_model = pytest.mark.skipif(not (MOTIVE_MODEL / "model.json").is_file(), reason="models/motive is not trained")
SENTENCES = ["Police fired tear gas because protesters blocked the road.",
             "Russia restricted Kazakh imports in a bid to protect its domestic market.",
             "The minister met his counterpart in Astana on Tuesday."]


def test_padded_ids_pad_with_zero_to_the_longest_sentence():
    from geoclaims.ml.onnx_backends import padded_ids

    batch = padded_ids([{"input_ids": [101, 7, 102]}, {"input_ids": [101, 102]}])
    assert batch["input_ids"].tolist() == [[101, 7, 102], [101, 102, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]]


@pytest.mark.slow
@needs_model
def test_onnx_fp32_gives_the_torch_tags_and_int8_the_same_causes():
    from geoclaims.motive.model import MotiveModel
    from geoclaims.motive.onnx_model import OnnxMotiveModel, load_motive_model

    torch_model = load_motive_model(MOTIVE_MODEL, backend="torch")
    fp32 = load_motive_model(MOTIVE_MODEL, backend="onnx")
    int8 = load_motive_model(MOTIVE_MODEL, backend="auto-int8")
    assert type(torch_model) is MotiveModel
    assert isinstance(fp32, OnnxMotiveModel) and (fp32.backend, int8.backend) == ("onnx", "onnx-int8")
    assert fp32.threshold == torch_model.threshold and fp32.temperature == torch_model.temperature
    for (offsets, probs, logits), (f_offsets, f_probs, f_logits) in zip(torch_model.predict_raw(SENTENCES),
                                                                         fp32.predict_raw(SENTENCES, batch_size=2)):
        assert offsets == f_offsets
        np.testing.assert_allclose(f_probs, probs, atol=1e-4)
        np.testing.assert_allclose(f_logits, logits, atol=1e-3)
    clear = [SENTENCES[0], SENTENCES[2]]  # one plain cause, one sentence without any
    reference, quantised = torch_model.predict(clear), int8.predict(clear)
    cause = reference[0].causes[0]
    assert clear[0][cause.start:cause.end] == "protesters blocked the road" and not reference[1].causes
    for ref, got in zip(reference, quantised):
        assert [(c.start, c.end) for c in got.causes] == [(c.start, c.end) for c in ref.causes]
        assert abs(got.causal_probability - ref.causal_probability) < 0.15
