"""Distributed extraction engines (optional extras): ``ray_engine`` (``--engine ray``)."""
