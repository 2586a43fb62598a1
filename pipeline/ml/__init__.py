"""What the relation and motive models share: training loop, calibration, metrics, checkpoints, datasets.

``relations/`` and ``motive/`` import from here and never from each other. ``checkpoint`` (the base
and the delta files), ``training_loop`` (seeded loop, optimiser, schedule, selection), ``calibration``
(temperature, thresholds), ``metrics`` (``prf``, ECE), ``datasets`` (registered datasets by name),
``component`` (``Doc._.claims`` and the batched spaCy component loop).
"""
