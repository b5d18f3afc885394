"""The floor plan holds: packages import only what docs/architecture.md allows, and no cycles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

from core.platform.paths import PROJECT_ROOT


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def import_graph(*packages: str) -> dict[str, set[str]]:
    """Who imports whom at run time (imports only for type hints are left out)."""
    graph = grimp.build_graph(*(packages or ("core", "local")), exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if m != "core.__main__"}
    return {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}


def longest_chain(edges: dict[str, set[str]]) -> list[str]:
    """The longest run of imports, one module importing the next (the graph has no cycles)."""
    memo: dict[str, list[str]] = {}

    def chain(module: str) -> list[str]:
        if module not in memo:
            below = [chain(imported) for imported in sorted(edges[module])]
            memo[module] = [module, *max(below, key=len, default=[])]
        return memo[module]

    return max((chain(m) for m in sorted(edges)), key=len, default=[])


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        path.append(module)
        for imported in sorted(edges[module]):
            if state.get(imported) == "open":
                found.append([*path[path.index(imported) :], imported])
            elif imported not in state:
                visit(imported, path)
        path.pop()
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
    return found


def test_no_module_imports_itself_through_others():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


MAX_CHAIN = 6


def test_no_chain_of_product_imports_is_longer_than_six_modules():
    edges = import_graph("core")
    product = {m: imported for m, imported in edges.items() if m.count(".") == 2}
    chain = longest_chain(product)
    assert len(chain) <= MAX_CHAIN, " -> ".join(chain)


def test_the_chain_finder_finds_the_longest_chain():
    edges = {"a": {"b", "d"}, "b": {"c"}, "c": set(), "d": set()}
    assert longest_chain(edges) == ["a", "b", "c"]
