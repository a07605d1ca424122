"""Entry point for ``python -m planner`` and the ``backplan`` console script.

The command line is imported inside the ``try`` so that Ctrl-C during start-up (importing
pydantic, networkx ...) also ends with one line and exit code 130, never a traceback.
"""

import sys


def main() -> None:
    try:
        from planner.cli import app

        app()
    except KeyboardInterrupt:
        sys.stderr.write("backplan: interrupted; no file was written\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
