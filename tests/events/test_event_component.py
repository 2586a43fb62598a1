"""Which event component a relation model was trained for, read from its training data (model.json)."""
from geoclaims.events.component import EventComponent, EventComponentV3, trained_component


def meta(*names):
    return {"trained_with": {"train": [{"name": n, "split": "train"} for n in names]}}


def test_a_model_trained_on_v1_event_data_is_for_v2_and_on_v2_data_for_v3():
    assert trained_component(meta("geoclaims.datasets.events.v1", "geoclaims.datasets.plv.v1")) == "geoclaims.relations.v2"
    assert trained_component(meta("geoclaims.datasets.events.v2", "geoclaims.datasets.plv.v2")) == "geoclaims.relations.v3"


def test_unknown_or_mixed_training_data_says_nothing():
    assert trained_component({}) is None
    assert trained_component(meta("geoclaims.datasets.gold.v2")) is None
    assert trained_component(meta("geoclaims.datasets.events.v1", "geoclaims.datasets.events.v2")) is None


def test_the_v3_component_draws_triggers_with_the_object_and_v2_without():
    assert (EventComponent.object_in_trigger, EventComponentV3.object_in_trigger) == (False, True)
    assert (EventComponent.component_name, EventComponentV3.component_name) == ("geoclaims.relations.v2",
                                                                                "geoclaims.relations.v3")
