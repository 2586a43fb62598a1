"""The span-pool relation classifier (v2 experiment, not shipped): one encoder pass per sentence.

README "Throughput" says why it is not the shipped model. Not part of the ``geoclaims`` package: run
it with ``experiments`` on the path, e.g. ``PYTHONPATH=experiments python -m span_pool.train --config
experiments/span_pool/relations-v2.toml``; its tests are ``tests/experiments``.
"""
