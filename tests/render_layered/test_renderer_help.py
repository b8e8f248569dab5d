"""`draw --renderer` and `chat --renderer` name every registered renderer (the registry, not a copied list)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from scenewright.cli import app
from scenewright.render import RENDERERS


@pytest.mark.parametrize("command", ["draw", "chat"])
def test_renderer_help_lists_the_registry(command):
    res = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "300", "NO_COLOR": "1"})
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if "--renderer" in x)
    assert {"layered", "sg2im", "geneva", "t2i"} <= set(RENDERERS)
    for name in RENDERERS:
        assert name in line, (name, line)
