import pytest

from scenewright import Session


def tell(world: str, *turns: str):
    """A session after `turns`, with the parser in strict mode (internal errors raise)."""
    s = Session(world=world, semantic=False)
    s.parser.strict = True
    results = [s.tell(t) for t in turns]
    return s, results


@pytest.fixture
def dialog():
    return tell
