"""Entry point for ``python -m planner`` and the ``backplan`` console script.

The command line is imported inside the ``try`` so that Ctrl-C during start-up (importing
pydantic, networkx ...) also ends with one line and exit code 130, never a traceback.

Once the command has finished (its output written, its exit code decided), Ctrl-C is ignored:
otherwise a key press during interpreter shutdown, when Python has already put back the
default handler, would kill a run that had succeeded and report it as interrupted.
"""

import signal
import sys


def main() -> None:
    try:
        from planner.cli import app

        app()
    except SystemExit as exc:
        # Click answers a closed output pipe outside our commands (``--help | head``) with exit 1
        # after wrapping stdout in its PacifyFlushWrapper; report it as our commands do (141),
        # since 1 means "check found a hard violation".
        if exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            sys.exit(141)
        raise
    except KeyboardInterrupt:
        sys.stderr.write("backplan: interrupted; no file was written\n")
        sys.exit(130)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    main()
