"""The layers between apps (docs/architecture.md), as pyproject's import-linter contracts
declare them. scripts/test runs `lint-imports` on the real tree; these tests prove that the
contracts hold today and that each would fail on a planted breach: core importing a domain
app, a domain app importing one above it, two sibling apps importing each other, an app
importing the demo, and a new app that takes no place in the layers."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import grimp
import pytest
from django.db import connection
from importlinter.contracts.layers import LayersContract

# Checks of the source code: the same on any database, so they run once, in the SQLite pass
# (the PostgreSQL pass keeps to what the database can change, within its time budget).
pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="checks of the source: run in the SQLite pass"
)

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]


def _contract(contract_id: str) -> LayersContract:
    options = next(c for c in CONFIG["contracts"] if c["id"] == contract_id)
    return LayersContract(
        name=options["name"],
        session_options={"root_packages": CONFIG["root_packages"]},
        # As lint-imports reads pyproject: booleans arrive as text.
        contract_options={
            key: str(value).lower() if isinstance(value, bool) else value
            for key, value in options.items()
            if key not in ("id", "name", "type")
        },
    )


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*CONFIG["root_packages"], cache_dir=None)


def _kept(contract_id: str, graph: grimp.ImportGraph) -> bool:
    return _contract(contract_id).check(copy.deepcopy(graph), verbose=False).kept


def test_the_tree_keeps_every_contract(graph):
    assert _kept("layers", graph)
    assert _kept("config-on-top", graph)


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("dxjinzai.core.views", "dxjinzai.organizations.models"),
        ("dxjinzai.lib.text", "dxjinzai.core.clock"),
        ("dxjinzai.skills.search", "dxjinzai.training.models"),
        ("dxjinzai.sharing.services", "dxjinzai.dispatch.models"),
        ("dxjinzai.organizations.views", "dxjinzai.demo.build"),
    ],
)
def test_a_planted_upward_import_breaks_the_layers(graph, importer, imported):
    planted = copy.deepcopy(graph)
    planted.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
    assert not _contract("layers").check(planted, verbose=False).kept


def test_an_app_outside_the_layers_breaks_them(graph):
    planted = copy.deepcopy(graph)
    planted.add_module("dxjinzai.undeclared")
    assert not _contract("layers").check(planted, verbose=False).kept


def test_an_app_importing_config_breaks_the_order(graph):
    planted = copy.deepcopy(graph)
    planted.add_import(
        importer="dxjinzai.core.views", imported="config.urls", line_number=1, line_contents=""
    )
    assert not _contract("config-on-top").check(planted, verbose=False).kept


def test_a_test_may_import_across_the_layers(graph):
    planted = copy.deepcopy(graph)
    planted.add_import(
        importer="dxjinzai.core.tests.test_access",
        imported="dxjinzai.demo.build",
        line_number=1,
        line_contents="",
    )
    assert _contract("layers").check(planted, verbose=False).kept
