"""Leak-proof splits (``neardup``): near-duplicate clusters, one split per cluster, and their use in
the Wikinews event gold, the v0.1 relation gold (gold.v2, Reuters-21578 duplicates) and PLV."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict

import pytest

from geoclaims.corpora import REPO_ROOT
from geoclaims.corpora.neardup import cluster_split, hash_split, near_duplicate_clusters

X = ("The finance ministers of the southern trading bloc met on Tuesday in the coastal capital to discuss a "
     "common tariff on imported steel, after months of bitter disagreement over quotas and subsidies.")
Y = ("Officials said the talks ended without a final deal, but both delegations agreed to appoint a joint "
     "commission that will report within ninety days on the effects of the proposed tariff on farmers, "
     "shipping companies and small manufacturers in the border provinces.")
Z = ("Opposition leaders in the northern parliament called the commission a delaying tactic and threatened a "
     "vote of confidence unless the government publishes the draft agreement before the autumn session.")
FLOOD = ("Heavy rain flooded low-lying districts of the river port overnight, forcing hundreds of families to "
         "leave their homes. Rescue teams used boats to reach villages cut off by the water, and the regional "
         "governor asked the army for helicopters. Forecasters expect more storms this week, while engineers "
         "inspect two dams upstream that were damaged during last year's earthquake.")
VACCINE = ("Researchers at a university hospital reported that a new vaccine against a tropical fever protected "
           "most volunteers in a small trial. The team plans a larger study next spring in three countries, "
           "pending approval from health regulators, and says the vaccine can be stored without refrigeration, "
           "which would make it easier to distribute in remote areas.")
ARTICLE = f"{X} {Y}"


def same_cluster(texts: dict[str, str], *ids: str) -> bool:
    return len({near_duplicate_clusters(texts)[d] for d in ids}) == 1


def random_text(rng: random.Random, vocabulary: list[str]) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(60, 150))) + "."


def variants(text: str, rng: random.Random) -> list[str]:
    """The text, a copy with three words changed, and a copy with a sentence appended."""
    words = text.split()
    for position in rng.sample(range(len(words)), 3):
        words[position] = "changed"
    return [text, " ".join(words), text + " A spokesman declined to comment on the report."]


def test_identical_texts_share_a_cluster_despite_case_and_whitespace():
    texts = {"a": ARTICLE, "b": ARTICLE, "c": "  " + ARTICLE.upper().replace(" ", " \n\t "), "d": FLOOD}
    assert same_cluster(texts, "a", "b", "c")
    assert not same_cluster(texts, "a", "d")


def test_a_few_changed_words_or_an_appended_sentence_keep_a_near_duplicate():
    edited = ARTICLE.replace("Tuesday", "Wednesday").replace("ninety", "sixty")
    texts = {"original": ARTICLE, "edited": edited, "longer": ARTICLE + " Markets barely moved on the news."}
    assert same_cluster(texts, "original", "edited", "longer")


def test_unrelated_texts_stay_apart():
    clusters = near_duplicate_clusters({"trade": ARTICLE, "flood": FLOOD, "vaccine": VACCINE, "vote": Z})
    assert len(set(clusters.values())) == 4


def test_clusters_are_transitive_through_an_intermediate_text():
    a, b, c = f"{X} {Y}", f"{X} {Y} {Z}", f"{Y} {Z}"   # Jaccard a~b 0.71, b~c 0.68, a~c 0.38
    assert not same_cluster({"a": a, "c": c}, "a", "c")
    for order in (("a", "b", "c"), ("c", "a", "b"), ("b", "c", "a")):   # whatever the input order
        texts = {key: {"a": a, "b": b, "c": c}[key] for key in order}
        assert same_cluster(texts, "a", "b", "c")


def test_cluster_id_is_the_smallest_member_id():
    clusters = near_duplicate_clusters({"m": ARTICLE, "k": ARTICLE + " More later.", "z": ARTICLE, "f": FLOOD})
    assert clusters == {"m": "k", "k": "k", "z": "k", "f": "f"}


def test_cluster_split_puts_every_member_of_a_cluster_in_one_split():
    rng = random.Random(11)
    vocabulary = [f"w{n}" for n in range(400)]
    texts = {f"doc{i}-{v}": text for i in range(40)
             for v, text in enumerate(variants(random_text(rng, vocabulary), rng))}
    splits = cluster_split(texts)
    by_document = defaultdict(set)
    for doc_id, split in splits.items():
        by_document[doc_id.split("-")[0]].add(split)
    assert all(len(found) == 1 for found in by_document.values()), by_document
    assert set(splits.values()) == {"train", "dev", "test"}   # the clusters do spread over the splits


def test_forcing_one_member_into_test_takes_its_whole_cluster():
    texts = {"old": ARTICLE, "copy": ARTICLE + " Updated.", "edited": ARTICLE.replace("steel", "copper"),
             "flood": FLOOD}
    splits = cluster_split(texts, forced_test=["edited", "not-a-document"], split_of=lambda cluster: "train")
    assert splits == {"old": "test", "copy": "test", "edited": "test", "flood": "train"}


def test_hash_split_is_stable_across_processes():
    keys = [f"reuters-{n}" for n in range(300)]
    code = ("import json, sys; from geoclaims.corpora.neardup import hash_split; "
            "print(json.dumps([hash_split(k) for k in json.loads(sys.argv[1])]))")
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code, json.dumps(keys)],
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=True,
                             capture_output=True, text=True).stdout
        assert json.loads(out) == [hash_split(k) for k in keys]


@pytest.mark.parametrize("test_share, dev_share", [(15, 15), (0, 15), (10, 20)])
def test_hash_split_shares_are_as_configured(test_share, dev_share):
    counts = Counter(hash_split(f"key-{n}", test_share=test_share, dev_share=dev_share) for n in range(10_000))
    expected = {"test": test_share, "dev": dev_share, "train": 100 - test_share - dev_share}
    for split, percent in expected.items():
        assert abs(counts[split] / 100 - percent) <= 2, (split, counts)


# --- with the ../shared data -------------------------------------------------------------------------------

def normalised(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.mark.shared("gold")
def test_gold_v2_never_splits_identical_reuters_documents():
    from geoclaims.corpora.gold_v2 import gold_v2_splits
    from geoclaims.corpora.standoff import corpus_texts

    reuters = corpus_texts("reuters21578")
    gold = {unit.split("/", 1)[1]: split for unit, split in gold_v2_splits().items()
            if unit.startswith("reuters21578/")}
    groups = defaultdict(set)
    for doc_id in gold:
        groups[normalised(reuters[doc_id])].add(doc_id)
    duplicates = [ids for ids in groups.values() if len(ids) > 1]
    assert duplicates, "the gold has Reuters documents with identical text (17 groups when written)"
    straddling = [sorted(ids) for ids in duplicates if len({gold[d] for d in ids}) > 1]
    assert not straddling


@pytest.mark.shared("gold")
def test_gold_v2_keeps_the_v1_split_of_documents_without_near_duplicates():
    from geoclaims.corpora.gold_v2 import gold_v2_splits, unit_of
    from geoclaims.corpora.standoff import corpus_texts, iter_records, split_of

    texts = {unit_of(r): corpus_texts(r["corpus"])[r["doc_id"]] for r in iter_records()}
    clusters = near_duplicate_clusters(texts)
    sizes = Counter(clusters.values())
    singles = [unit for unit, cluster in clusters.items() if sizes[cluster] == 1]
    assert len(singles) > len(texts) / 2
    splits = gold_v2_splits()
    assert [u for u in singles if splits[u] != split_of(u.split("/", 1)[1])] == []


def wikinews_gold() -> dict[str, str]:
    """doc_id -> the split whose event-gold file holds its records."""
    folder = REPO_ROOT / "corpora" / "annotations" / "events"
    return {json.loads(line)["doc_id"]: split for split in ("train", "dev", "test")
            for line in (folder / f"wikinews-{split}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()}


@pytest.mark.shared("wikinews")
def test_every_wikinews_gold_record_is_in_its_files_split():
    from geoclaims.corpora.wikinews import wikinews_splits

    splits, gold = wikinews_splits(), wikinews_gold()
    assert set(gold.values()) == {"train", "dev", "test"}
    assert {d: s for d, s in gold.items() if splits.get(d) != s} == {}


@pytest.mark.shared("wikinews")
def test_held_out_wikinews_articles_are_test():
    from geoclaims.corpora.wikinews import held_out_test_ids, wikinews_splits

    held_out, splits = held_out_test_ids(), wikinews_splits()
    assert held_out, "corpora/annotations/events/test-held-out.txt lists the held-out articles"
    assert {d: splits.get(d) for d in held_out if splits.get(d) != "test"} == {}


@pytest.mark.shared("wikinews")
def test_no_wikinews_near_duplicate_cluster_holds_gold_of_two_splits():
    from geoclaims.corpora.wikinews import wikinews_splits, wikinews_texts

    clusters, gold = near_duplicate_clusters(wikinews_texts()), wikinews_gold()
    splits_of_cluster = defaultdict(set)
    for doc_id, split in gold.items():
        splits_of_cluster[clusters[doc_id]].add(split)
    assert {c: s for c, s in splits_of_cluster.items() if len(s) > 1} == {}
    mates = {d: wikinews_splits()[d] for d, c in clusters.items() if c in splits_of_cluster}
    assert {d: s for d, s in mates.items() if {s} != splits_of_cluster[clusters[d]]} == {}


@pytest.mark.shared("plv_train")
def test_plv_split_is_train_and_dev_and_covers_every_record():
    from geoclaims.corpora.plv import iter_records, plv_rows, plv_splits

    splits = plv_splits()
    assert set(splits.values()) == {"train", "dev"}
    assert {r["sentence_id"] for r in iter_records()} <= set(splits)
    by_text = defaultdict(set)
    for row in plv_rows():
        by_text[normalised(row["sentence"])].add(splits[row["sentence_id"]])
    assert all(len(found) == 1 for found in by_text.values())


def test_a_held_out_id_that_is_no_article_stops_the_split():
    from geoclaims.corpora.wikinews import checked_held_out
    from geoclaims.errors import GeoclaimsError

    assert checked_held_out({"a", "b"}, {"a", "b", "c"}) == {"a", "b"}
    with pytest.raises(GeoclaimsError, match="GC208") as err:
        checked_held_out({"a", "wikinews-typo"}, {"a", "b"})
    assert "wikinews-typo" in str(err.value)
