"""The build's one pass (coopkg.build.streaming): what reaches the staging store."""

from __future__ import annotations

import pyoxigraph as ox

from coopkg.build import streaming

TRIG = b"""@prefix ex: <http://example.org/> .
GRAPH ex:g1 { ex:a ex:term [ ex:start "2017" ; ex:end "2019" ; ex:note "x" ] . ex:b ex:p _:shared . _:shared ex:q "y" . }
"""


def test_a_blank_node_is_one_node_in_its_graph_in_the_merge_and_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(streaming, "CHUNK", 2)  # the blank node's statements fall into several chunks
    monkeypatch.setattr(streaming.StoreSink, "BATCH_BYTES", 1)  # and into several loads
    source = tmp_path / "blank.trig"
    source.write_bytes(TRIG)
    store = ox.Store()
    streamed = streaming.stream_files([source], [streaming.StoreSink(store)])
    assert not streamed.errors and streamed.quads == 6
    ex = "http://example.org/"
    for graph in (ox.NamedNode(ex + "g1"), ox.DefaultGraph()):
        (term,) = [q.object for q in store.quads_for_pattern(ox.NamedNode(ex + "a"), None, None, graph)]
        assert isinstance(term, ox.BlankNode)
        assert len(list(store.quads_for_pattern(term, None, None, graph))) == 3, graph
    # The merge holds the very same nodes as the named graph, not copies renamed.
    named = {q.object for q in store.quads_for_pattern(None, ox.NamedNode(ex + "p"), None, ox.NamedNode(ex + "g1"))}
    merged = {q.object for q in store.quads_for_pattern(None, ox.NamedNode(ex + "p"), None, ox.DefaultGraph())}
    assert named == merged and len(named) == 1
