"""``geoclaims evaluate relations|motive|qualifiers --data NAME[:split] ...``, ``geoclaims evaluate claims STORE --gold FILE``
and ``geoclaims evaluate actors STORE --gold EVENT_GOLD``."""
from __future__ import annotations

import argparse

TASKS = ("relations", "motive", "qualifiers", "claims", "actors")


EXAMPLES = """\
examples:
  geoclaims evaluate relations --model models/relations --data gold:test --out build/eval/relations
  geoclaims evaluate motive --model models/motive --data cnc:dev --data cnc:test
  geoclaims evaluate qualifiers --data gold:dev --data gold:test
  geoclaims evaluate claims out/store --gold build/eval/claims-test/gold.jsonl
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task", choices=TASKS, help="what to evaluate")
    parser.add_argument("store", nargs="?", help="claims, actors: the claim store to score")
    parser.add_argument("--gold", help="claims: event gold, JSON Lines {id, event, source, target[, trigger]}; "
                                       "actors: event gold records with spans (corpora/annotations/events/wikinews-test.jsonl)")
    parser.add_argument("--model", help="model directory (with model.json), or cameo-rules for the rule baseline; not for qualifiers")
    parser.add_argument("--data", action="append",
                        help="dataset NAME[:split] (gold:test, conll04:dev; cnc:dev, cnc:test for motive) or a .jsonl file; repeatable")
    parser.add_argument("--out", help="write metrics.json, predictions.jsonl (and confusion.tsv for relations) here")
    parser.add_argument("--batch-size", type=int, default=32, help="sentences per model call (default 32)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                        help="where the model runs (default auto: cuda when available)")
    parser.add_argument("--backend", choices=("torch", "onnx-int8", "onnx"), default="torch",
                        help="inference backend: torch fp32 (default), ONNX Runtime int8 or fp32")


def run(args: argparse.Namespace) -> int:
    from ..errors import GeoclaimsError
    from ..resources import resolve  # models/NAME: the shipped one outside a checkout

    if args.task == "claims":
        return run_claims(args)
    if args.task == "actors":
        return run_actors(args)
    if not args.data:
        raise GeoclaimsError("GC203", f"evaluate {args.task} needs --data NAME[:split]")
    if args.task == "qualifiers":
        from ..qualifiers.evaluate import evaluate_qualifiers

        evaluate_qualifiers(list(args.data), args.out)
        return 0
    if not args.model:
        raise GeoclaimsError("GC204", f"evaluate {args.task} needs --model")
    if args.task == "motive":
        from ..motive.evaluate import evaluate_motive

        evaluate_motive(resolve(args.model), list(args.data), args.out, batch_size=args.batch_size, device=args.device,
                        backend=args.backend)
        return 0
    from ..relations.evaluate import evaluate_relations

    evaluate_relations(resolve(args.model), list(args.data), args.out, batch_size=args.batch_size, device=args.device,
                       backend=args.backend)
    return 0


def run_claims(args: argparse.Namespace) -> int:
    """Score a claim store end to end against event gold; print the report, write metrics.json with --out."""
    import json
    from pathlib import Path

    from ..errors import GeoclaimsError
    from ..events.score import format_report, read_gold, score_claims
    from ..store import ClaimStore

    if not args.store or not args.gold:
        raise GeoclaimsError("GC203", "evaluate claims needs a STORE and --gold FILE")
    if not Path(args.gold).is_file():
        raise GeoclaimsError("GC201", f"gold file {args.gold!r} not found")
    result = score_claims(ClaimStore(Path(args.store)).iter_claims(), read_gold(Path(args.gold)))
    print(format_report(result))
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        (Path(args.out) / "metrics.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    return 0


def run_actors(args: argparse.Namespace) -> int:
    """Actor-code accuracy with the store's own spans against the event gold's; metrics.json with --out."""
    import json
    from pathlib import Path

    from ..actors.store_eval import format_report, read_event_gold, score_actors
    from ..errors import GeoclaimsError
    from ..store import ClaimStore

    if not args.store or not args.gold:
        raise GeoclaimsError("GC203", "evaluate actors needs a STORE and --gold EVENT_GOLD (wikinews-<split>.jsonl)")
    records = read_event_gold(Path(args.gold))
    result = score_actors(ClaimStore.open_for_read(Path(args.store)).iter_claims(), records)
    print(format_report(result))
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        (Path(args.out) / "metrics.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    return 0
