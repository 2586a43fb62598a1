"""The actor graph picture."""
import struct

from geoclaims.graph.aggregate import run_aggregate
from geoclaims.graph.plot import edge_support, plot_actor_graph


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_plot_writes_a_png_of_the_figure_size(full_store, tmp_path):
    drawn = plot_actor_graph(full_store, tmp_path / "g.png", size=(6.0, 4.0), dpi=50)
    assert png_size(tmp_path / "g.png") == (300, 200)
    assert (tmp_path / "g.png").stat().st_size > 2000
    # USA->JPN SANCTION and UN->BRICS CONSULT; the negated claim and the uncoded object stay out
    assert drawn == {"nodes": 4, "edges": 2, "types": ["CONSULT", "SANCTION"]}


def test_support_from_claims_or_clusters(full_store, tmp_path):
    run_aggregate(full_store, tmp_path / "agg")
    assert edge_support(full_store)[("USA", "JPN", "SANCTION")] == 4
    assert edge_support(full_store, tmp_path / "agg") == edge_support(full_store)
