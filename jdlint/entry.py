"""The console-script entry point (``jdlint``, ``python -m jdlint``): runs the click group of
:mod:`jdlint.cli` and owns how the process ends: exit codes for signals, one line instead of a
traceback."""

from __future__ import annotations

import gc
import sys

__all__ = ["main"]


def main() -> None:
    """Console-script entry point: Ctrl-C exits 130 and SIGTERM 143 (128 + the signal, as
    shells do), with one line and no traceback; outputs are written all or nothing, so an
    interrupted run leaves no half-written file."""
    # NOTE: no cyclic garbage collection while the modules load: the objects they create live
    # until exit, and collecting them again and again cost ~5 % of a cold check's CPU (issue
    # 19). They are then frozen (never scanned again) and collection is turned back on.
    gc.disable()
    import signal

    import click

    def terminate(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signum)

    signal.signal(signal.SIGTERM, terminate)
    from jdlint.cli import cli

    gc.freeze()
    gc.enable()
    try:
        code = cli.main(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort) as exc:
        # NOTE: click turns a KeyboardInterrupt raised inside a command into Abort, keeping
        # the original as the cause; the signal number travels in its args.
        cause = exc.__cause__ if isinstance(exc, click.exceptions.Abort) else exc
        args = cause.args if cause is not None else ()
        signum = args[0] if args and isinstance(args[0], int) else signal.SIGINT
        click.echo("jdlint: interrupted", err=True)
        sys.exit(128 + signum)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
