"""The grammar parser (being written): for now only undo / redo."""
from .base import Context, Parse


class GrammarParser:
    name = "grammar"

    def __init__(self, world, semantic=None):
        self.world = world

    def parse(self, text: str, context: Context) -> Parse:
        t = text.lower().strip(" .!")
        if t == "undo":
            return Parse(command="undo")
        if t == "redo":
            return Parse(command="redo")
        return Parse.refuse("not understood yet")
