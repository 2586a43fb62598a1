"""Small claim stores for tests/graph, written through the real batch driver (``run_extract``) with a scripted processor.

Six articles; the same claim (USA SANCTION JPN) is reported in four of them: three within 30 days of
each other (one dated by its ``time``), one three months later. Plus a refusal, a negated and
attributed claim with a motive, and two IGOs that share the code ``IGO`` but not the name.
"""
from __future__ import annotations

import json
from pathlib import Path

from geoclaims.config import defaults
from geoclaims.extract import run_extract

# id -> (published, source, text, [(subject, s_name, s_code, type, object, o_name, o_code, conf, extra)])
ARTICLES: dict[str, tuple] = {
    "a1": ("1987-03-02T10:00:00", "Reuters", "Washington imposed sanctions on Tokyo. Japan rejected the demand.",
           [("Washington", "United States", "USA", "SANCTION", "Tokyo", "Japan", "JPN", 0.9, {}),
            ("Japan", "Japan", "JPN", "REJECT", "the demand", None, None, 0.7, {})]),
    "a2": ("1987-03-05", "BBC", "The United States imposed sanctions on Japan.",
           [("The United States", "United States", "USA", "SANCTION", "Japan", "Japan", "JPN", 0.8, {})]),
    "a3": ("1987-03-25", "Reuters", "On March 19 Washington imposed sanctions on Japan.",
           [("Washington", "United States", "USA", "SANCTION", "Japan", "Japan", "JPN", 0.6,
             {"time": ("On March 19", "1987-03-19")})]),
    "a4": ("1987-06-01", "Reuters", "Washington again imposed sanctions on Tokyo.",
           [("Washington", "United States", "USA", "SANCTION", "Tokyo", "Japan", "JPN", 0.5, {})]),
    "a5": (None, None, "Peskov said Russia did not sanction Kazakhstan because of the harvest.",
           [("Russia", "Russia", "RUS", "SANCTION", "Kazakhstan", "Kazakhstan", "KAZ", 0.75,
             {"negated": True, "attribution": ("Peskov", "Dmitry Peskov", "RUS"), "motive": "because of the harvest"})]),
    "a6": ("1987-03-03", "BBC", "The United Nations consulted BRICS.\n\nIt said so, \"twice\"; then left.",
           [("The United Nations", "United Nations", "IGO", "CONSULT", "BRICS", "BRICS", "IGO", 0.65, {})]),
}
FIRST = ["a1", "a2", "a3", "a4"]
LATER = ["a5", "a6"]


def mention(text: str, article: str, name: str | None, code: str | None, sector: str | None = None) -> dict:
    start = article.index(text)
    return {"text": text, "name": name, "code": code, "sector": sector, "type": None,
            "start": start, "end": start + len(text)}


def scripted_claims(article_id: str, text: str) -> list[dict]:
    """The claims the script gives for one article, as contract records (plus ``time``)."""
    claims = []
    for i, (subj, s_name, s_code, ptype, obj, o_name, o_code, conf, extra) in enumerate(ARTICLES[article_id][3]):
        span = lambda t: {"text": t, "start": text.index(t), "end": text.index(t) + len(t)}  # noqa: E731
        time = None
        if "time" in extra:
            time = {**span(extra["time"][0]), "value": extra["time"][1]}
        attribution = None
        if "attribution" in extra:
            a_text, a_name, a_code = extra["attribution"]
            attribution = mention(a_text, text, a_name, a_code)
        claims.append({
            "schema_version": 1, "claim_id": f"{article_id}-{i}", "article_id": article_id,
            "subject": mention(subj, text, s_name, s_code, "GOV"),
            "predicate": {"type": ptype, "lemma": ptype.lower(), "text": ptype.lower(),
                          "negated": bool(extra.get("negated")), "modality": "asserted",
                          "start": None, "end": None},
            "object": mention(obj, text, o_name, o_code),
            "motive": span(extra["motive"]) if "motive" in extra else None,
            "attribution": attribution, "confidence": conf,
            "evidence": {"text": text, "start": 0, "end": len(text)},
            "extractor": {"version": "test", "model": "scripted 1"}, "time": time})
    return claims


class ScriptedProcessor:
    def identity(self) -> dict:
        return {"version": "test", "model": "scripted 1"}

    def extract(self, articles) -> list:
        return [scripted_claims(a.id, a.text) for a in articles]


def write_input(path: Path, ids: list[str]) -> Path:
    lines = []
    for article_id in ids:
        published, source, text, _ = ARTICLES[article_id]
        record = {"id": article_id, "text": text, "title": f"Title of {article_id}"}
        record.update({k: v for k, v in (("published", published), ("source", source)) if v})
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_store(store: Path, inputs: list[Path], chunk_size: int = 2) -> Path:
    config = defaults()
    config["chunk_size"] = chunk_size
    config["language"]["short_text_chars"] = 10_000  # the scripted texts are short; keep them
    run_extract(inputs, store, ScriptedProcessor(), config)
    return store
