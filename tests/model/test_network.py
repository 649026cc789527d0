"""The model's network (docs/ODD.md: factions a complete graph, each AI linked to the
faction that made it and to its contacts), built when asked for."""

import networkx as nx

from succession_sim import SuccessionModel, load_scenario


def _graph_facts(graph: nx.Graph) -> tuple[list, list]:
    return list(graph.nodes), list(graph.edges)


def test_network_is_the_same_whenever_it_is_asked_for():
    """Fails if the AIs made between two reads of ``network`` were lost, doubled or put
    in another order: a model read every year and one read only at the end agree."""
    every_year, at_end = (SuccessionModel(load_scenario("race_to_the_bottom", seed=2)) for _ in range(2))
    for _ in range(80):
        every_year.step()
        every_year.network  # noqa: B018 (reading it is the point)
        at_end.step()
    assert _graph_facts(every_year.network) == _graph_facts(at_end.network)


def test_network_links_factions_ais_owners_and_contacts():
    """Fails if a faction pair, an AI, its contacts or its owner's edge were missing."""
    model = SuccessionModel(load_scenario("race_to_the_bottom", seed=2))
    model.run(80)
    graph, ais, n = model.network, model.ais, len(model.factions)
    assert len(ais) > 50
    assert graph.number_of_nodes() == n + len(ais)
    assert all(graph.has_edge(i, j) for i in range(n) for j in range(i + 1, n))
    for k in range(len(ais)):
        assert all(graph.has_edge(n + k, n + j) for j in ais.contacts[k] if j >= 0)
        if ais.owner[k] >= 0:
            assert graph.has_edge(n + k, int(ais.owner[k]))
