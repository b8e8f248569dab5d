"""`scenewright chat` — talk to a scene turn by turn. The interview cannot be lost: it is saved after every turn
(to the user data dir, or to the file it was resumed from), and Ctrl+C, Ctrl+D, a closed terminal or :quit
print where it is; `chat --resume FILE` continues it. Line editing and history (arrow keys) come from the
standard library's `readline` where the platform has it."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path
from typing import Callable, Optional

import typer

from . import app
from .dialog import CLIPART, PARSER, RENDERER, SIZE, WORLD, _session, _size

EXAMPLES = {
    "shapes": ("add a red cube on the left", "make it bigger", "no, blue", "add a sphere behind the cube"),
    "park": ("a girl is standing on the right", "she is happy", "put a hot dog next to her", "make it night"),
    "street": ("a red van was parked across the street", "a tall man in a black hoodie ran toward the corner",
               "no wait, the van was silver", "I think it was around dusk"),
}
COMMANDS = (":undo  :redo  :goto N  :save FILE  :load FILE  :report FILE  :svg FILE  :scene  :where  :help  "
            ":quit")
NUMBERS = ("each statement gets the number the report gives it (#N), refused ones too; "
           ":goto N goes back to the picture after #N (0: the start)")


def goto(session, arg: str) -> tuple[str, bool]:
    """`:goto N`: back to the picture after statement #N of the record (0: the start) — (reply, ok)."""
    n = int(arg.strip().lstrip("#"))
    numbers = session.history.statement_numbers()
    if n == 0:
        k = 0
    elif n in numbers:
        k = numbers.index(n) + 1
    elif not numbers and session.history.entries:  # a file without its log: turns counted as they stand
        k = n
    else:
        said = session.history.log[n - 1] if 0 < n <= len(session.history.log) else None
        why = ("it was not done" if said is not None and said.kind == "refused" else
               "it is not in the picture now (undone or replaced)" if said is not None and said.kind in
               ("turn", "revise") else "it did not change the picture" if said is not None else
               f"the record has {len(session.history.log)} statements")
        return f"There is no picture after #{n}: {why}.", False
    turn = session.goto(k)
    if not turn.ok:
        return turn.reply, False
    return ("Back to the start." if k == 0 else f"Back to the picture after #{n}."), True


def picture_now(session) -> str:
    """The picture shown, named by the statement that drew it: "the picture after #4", "the start"."""
    h = session.history
    numbers = h.statement_numbers()
    if not h.cursor:
        return "the start"
    return f"the picture after #{numbers[h.cursor - 1]}" if numbers else f"the picture after turn {h.cursor}"


def help_text(world) -> str:
    """The commands, and examples of things to say in this world."""
    examples = EXAMPLES.get(world.name) or (f"add a {world.categories[0].name}", "make it bigger")
    said = ", ".join(f'"{e}"' for e in examples)
    return f"commands: {COMMANDS}\nanything else is said to the scene, e.g. {said}, \"undo\".\n{NUMBERS}"


def chat_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("scenewright", appauthor=False)) / "chat"


def new_path(world: str) -> Path:
    folder = chat_dir()
    stem = f"{world}-{time.strftime('%Y%m%d-%H%M%S')}"
    path, k = folder / f"{stem}.session.json", 1
    while path.exists():
        k += 1
        path = folder / f"{stem}-{k}.session.json"
    return path


class Stopped(KeyboardInterrupt):
    """The terminal closed or the process was asked to stop (SIGTERM / SIGHUP): save, then exit."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum, frame) -> None:
    raise Stopped(signum)


def _line_editing(history: Path) -> Callable[[], None] | None:
    """Arrow keys and a kept history of lines, when a person types (stdin a terminal) and readline exists."""
    if not sys.stdin.isatty():
        return None
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input still works
        return None
    try:
        history.parent.mkdir(parents=True, exist_ok=True)
        readline.read_history_file(history)
    except OSError:
        pass
    readline.set_history_length(1000)

    def write() -> None:
        try:
            readline.write_history_file(history)
        except OSError:
            pass
    return write


@app.command()
def chat(
    world: str = WORLD,
    parser: str = PARSER,
    renderer: str = RENDERER,
    clipart: Optional[Path] = CLIPART,
    size: Optional[str] = SIZE,
    out: Path = typer.Option(Path("scenewright-chat.png"), "--out", "-o",
                             help="The current picture is written here after every turn."),
    open_image: bool = typer.Option(False, "--open", help="Open the picture in the system viewer too."),
    resume: Optional[Path] = typer.Option(None, "--resume", "--load",
                                          help="Continue a saved session (chat's own save, `draw`'s "
                                               "session.json or a web export); it is saved back to FILE."),
    save_to: Optional[Path] = typer.Option(None, "--save-to",
                                           help="Where to keep the interview (default: a new file in the user "
                                                "data dir, or the --resume file)."),
) -> None:
    """Talk to scenewright turn by turn; the picture is rewritten and the interview saved after every turn.

    Ctrl+C or Ctrl+D ends the chat and prints where the interview was saved;
    `scenewright chat --resume FILE` continues it.
    """
    from rich.console import Console

    from ..errors import ScenewrightError
    from ..session import Session

    console = Console(highlight=False, soft_wrap=True)  # paths stay on one line, to copy
    options = dict(parser=parser, renderer=renderer, clipart=clipart, size=_size(size))
    if resume is not None:
        session = Session.load(resume, **options)
        target = save_to or resume
    else:
        session = _session(world, parser, renderer, clipart, size)
        target = save_to or new_path(session.world.name)
    state = {"session": session, "target": target, "saved": len(session.history.log)}
    write_history = _line_editing(chat_dir() / "input_history")
    previous = {}
    try:  # Ctrl+C saves even when the chat was started where SIGINT is ignored (a background job of a script)
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    except (TypeError, ValueError):
        pass
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        try:
            previous[sig] = signal.signal(sig, _stop)
        except (TypeError, ValueError):  # no such signal here, or not the main thread
            pass

    def keep(force: bool = False) -> Path | None:
        """Save the interview if anything was said since the last save; a file that cannot be written is
        replaced by a new one in the user data dir (said once)."""
        s = state["session"]
        if not force and len(s.history.log) == state["saved"]:
            return state["target"] if Path(state["target"]).exists() else None
        for attempt in (state["target"], None):
            path = Path(attempt) if attempt is not None else new_path(s.world.name)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                s.save(path)
            except OSError as e:
                if attempt is None:
                    console.print(f"[red]could not save the interview: {e}[/]")
                    return None
                console.print(f"[yellow]cannot write {path} ({e.strerror}); saving to the user data dir[/]")
                continue
            state["target"], state["saved"] = path, len(s.history.log)
            return path
        return None

    def goodbye(reason: str) -> None:
        path = keep()
        if write_history:
            write_history()
        s = state["session"]
        n = sum(1 for ev in s.history.log if ev.kind in ("turn", "revise", "refused"))
        if path is None:
            console.print(f"{reason}: nothing was said, so nothing was saved.")
            return
        console.print(f"{reason}: the interview ({n} statement{'' if n == 1 else 's'}) is saved in {path}\n"
                      f"continue it with: scenewright chat --resume {path}")

    def show(message: str, ok: bool = True, logged: int | None = None) -> None:
        """The reply, and the statement's number in the record — the report's number — when it was recorded
        (`logged`: the log's length before it); refused statements are numbered and marked not done."""
        s = state["session"]
        keep()
        s.image.save(out)
        colour = "green" if ok else "yellow"
        log = s.history.log
        if logged is not None and len(log) == logged:
            number = "not in the record"
        else:
            number = f"#{len(log)} in the record" + (", not done" if log and log[-1].kind == "refused" else "")
        console.print(f"[{colour}]{message or 'Done.'}[/]  [dim]({number}, "
                      f"{len(s.scene)} object{'' if len(s.scene) == 1 else 's'}; picture: {out})[/]")
        if open_image:
            s.image.show()

    s = state["session"]
    console.print(f"[bold]scenewright[/] — {s.world.title}.")
    if resume is not None:
        said = [ev for ev in s.history.log if ev.kind in ("turn", "revise", "refused")]
        last = f"; the last: {said[-1].text!r}" if said else ""
        console.print(f"continuing {resume}: {len(said)} statements so far{last}")
        s.image.save(out)
    console.print(f"The interview is saved after every turn to {state['target']}.\n{help_text(s.world)}")
    try:
        while True:
            try:
                line = input("you> ").strip()
            except EOFError:
                console.print()
                goodbye("end of input")
                return
            s = state["session"]
            if not line:
                continue
            if line.startswith(":"):
                cmd, _, arg = line[1:].partition(" ")
                arg = arg.strip()
                try:
                    if cmd in ("q", "quit", "exit"):
                        goodbye("bye")
                        return
                    elif cmd == "help":
                        console.print(help_text(s.world))
                    elif cmd == "undo":
                        logged = len(s.history.log)
                        t = s.undo()
                        show(t.reply, t.ok, logged)
                    elif cmd == "redo":
                        logged = len(s.history.log)
                        t = s.redo()
                        show(t.reply, t.ok, logged)
                    elif cmd == "goto":
                        logged = len(s.history.log)
                        show(*goto(s, arg), logged)
                    elif cmd == "save":
                        console.print(f"saved a copy to {s.save(arg or 'session.json')}")
                    elif cmd == "load":
                        keep()
                        state["session"] = Session.load(arg or "session.json", **options)
                        state["target"] = Path(arg or "session.json")
                        state["saved"] = len(state["session"].history.log)
                        show(f"loaded {arg or 'session.json'}; it is saved back there after every turn")
                    elif cmd == "report":  # the interview record as `scenewright report` writes it
                        from ..witness import build_record, write_report

                        path = Path(arg or "report.html")
                        rec = build_record(s.history, s.world)
                        write_report(s, path, record=rec)
                        console.print(f"wrote {path} ({rec.counts()}); print it from a browser, or "
                                      f"scenewright report {keep() or state['target']} --pdf FILE")
                    elif cmd == "svg":
                        Path(arg or "scene.svg").write_text(s.svg())
                        console.print(f"wrote {arg or 'scene.svg'}")
                    elif cmd == "scene":
                        console.print_json(s.scene.to_json())
                    elif cmd == "where":
                        console.print(f"the interview is saved in {keep() or state['target']}")
                    else:
                        console.print(f"[yellow]unknown command :{cmd}[/]\n{help_text(s.world)}")
                except (ScenewrightError, ValueError, OSError) as e:
                    console.print(f"[red]{e}[/]")
                continue
            logged = len(s.history.log)
            turn = s.tell(line)
            reply = turn.reply
            if turn.ok and turn.command in ("undo", "redo", "goto"):  # which picture, by the record's numbers
                reply += f" (now: {picture_now(s)})"
            show(reply, turn.ok, logged)
    except KeyboardInterrupt as e:
        console.print()
        goodbye("stopped" if isinstance(e, Stopped) else "interrupted")
        raise typer.Exit(128 + int(e.signum if isinstance(e, Stopped) else signal.SIGINT)) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
