"""Entry point for ``python -m planner`` and the ``backplan`` console script.

The command line is imported inside the ``try`` so that Ctrl-C during start-up (importing
pydantic, networkx ...) also ends with one line and exit code 130, never a traceback.

Once the command has finished (its output written, its exit code decided), Ctrl-C is ignored:
otherwise a key press during interpreter shutdown, when Python has already put back the
default handler, would kill a run that had succeeded and report it as interrupted.
"""

import errno
import os
import select
import signal
import stat
import sys


def _is_epipe(exc: BaseException | None) -> bool:
    return isinstance(exc, OSError) and exc.errno == errno.EPIPE  # BrokenPipeError included


def _reader_gone(fd: int) -> bool:
    """True if ``fd`` is the write end of a pipe whose reading end is closed (``| head`` exited)."""
    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode) or not hasattr(select, "poll"):
            return False
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    except (OSError, ValueError):
        return False


def _output_pipe_closed(exc: SystemExit) -> bool:
    """True if standard output could not be delivered because its reader went away.

    Decided by behaviour, never by the class names of click's or typer's wrappers (which change
    between versions):

    1. the exit was raised while handling an EPIPE error (click's and typer's answer to one);
    2. output still waits in standard output's buffer and flushing it fails with EPIPE;
    3. the exit is not a command's deliberate one (an ``Exit`` with an ``exit_code``, such as
       ``check``'s 1 for a violation) and standard output is a pipe whose reader has closed it.
    """
    causes: list[BaseException] = []
    cause = exc.__context__
    while cause is not None and cause not in causes and len(causes) < 20:
        causes.append(cause)
        cause = cause.__context__
    if any(_is_epipe(cause) for cause in causes):
        return True
    stream = sys.__stdout__  # the real stream, whatever wrapper has replaced sys.stdout
    if stream is None:
        return False
    try:
        stream.flush()
        fd = stream.fileno()
    except OSError as error:
        return _is_epipe(error)
    except (ValueError, AttributeError):  # closed, or not a file
        return False
    if any(isinstance(getattr(cause, "exit_code", None), int) for cause in causes):
        return False
    return _reader_gone(fd)


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null so the final flush at shutdown cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _version() -> None:
    """``backplan version`` without loading the command line library (what ``app()`` would print)."""
    from planner import __version__

    try:
        sys.stdout.write(f"{__version__}\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(141)


def main() -> None:
    if sys.argv[1:] == ["version"]:  # the cheapest command stays cheap: no typer, no pydantic
        _version()
        return
    try:
        from planner.cli import app

        app()
    except SystemExit as exc:
        # Click answers a closed output pipe outside our commands (``--help | head``, ``version``)
        # with exit 1, and a success whose output could not be delivered would otherwise end in
        # an "Exception ignored" message at shutdown; report both as our commands do (141),
        # since 1 means "check found a hard violation".
        if exc.code in (None, 0, 1) and _output_pipe_closed(exc):
            _silence_stdout()
            sys.exit(141)
        raise
    except KeyboardInterrupt:
        sys.stderr.write("backplan: interrupted; no file was written\n")
        sys.exit(130)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    main()
