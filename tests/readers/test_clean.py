from geoclaims.errors import Reject
from geoclaims.readers.clean import (Deduplicator, check_language, detect_language, limit_size,
                                     normalise, text_hash)
from geoclaims.records import Article

EN = "The government said on Monday that the talks with its neighbour would continue next week."
FR = ("Le gouvernement a annoncé lundi que les négociations avec son voisin se poursuivraient la "
      "semaine prochaine, malgré le différend sur les importations de céréales.")
DE = ("Die Regierung erklärte am Montag, dass die Gespräche mit dem Nachbarland in der kommenden "
      "Woche trotz des Streits über Getreideimporte fortgesetzt werden.")


def _art(i, text):
    return Article(id=i, text=text, origin=f"f:{i}")


def test_normalise_fixes_mojibake_keeps_clean_text():
    broken, clean_text = _art("a", "The cafÃ© said â€œnoâ€\x9d."), _art("b", "Russia’s “Kremlin” — ok")
    fixed, same = list(normalise([broken, clean_text]))
    assert fixed.text == "The café said “no”."
    assert same is clean_text


def test_limit_size():
    out = list(limit_size([_art("a", "x" * 11), _art("b", "x" * 10)], max_chars=10))
    assert isinstance(out[0], Reject) and out[0].code == "GC109" and out[1].id == "b"


def test_language_french_and_german_rejected_with_language_in_message():
    out = list(check_language([_art("en", EN), _art("fr", FR), _art("de", DE)], allowed=["en"],
                              short_text_chars=50))
    assert out[0].id == "en"
    assert (out[1].code, out[2].code) == ("GC112", "GC112")
    assert "'fr'" in out[1].message and "'de'" in out[2].message


def test_short_unsure_text_is_kept():
    lang, prob = detect_language("UN talks")
    assert lang != "en" and prob < 0.95
    (kept,) = check_language([_art("s", "UN talks")], allowed=["en"], short_text_chars=200)
    assert isinstance(kept, Article)
    (sure,) = check_language([_art("f", "Bonjour, je suis là.")], allowed=["en"], short_text_chars=200)
    assert sure.code == "GC112"


def test_duplicates_first_kept_and_state_restorable():
    dedup = Deduplicator()
    out = list(dedup([_art("a", "Same  text"), _art("a", "other"), _art("b", "Same text\n"),
                      _art("c", "new")]))
    assert [o.id if isinstance(o, Article) else o.code for o in out] == ["a", "GC106", "GC107", "c"]
    assert "'a'" in out[2].message
    ids, hashes = dedup.take_accepted()
    assert ids == ["a", "c"] and hashes[0] == [text_hash("Same text"), "a"]
    fresh = Deduplicator()
    fresh.restore(ids, hashes)
    again = list(fresh([_art("c", "zzz"), _art("d", "same text")]))
    assert again[0].code == "GC106" and isinstance(again[1], Article)  # hash is case-sensitive
