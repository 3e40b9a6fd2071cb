"""``jdlint check`` on the command line: options (``command``), one run (``run``), and what is
printed and how the process ends (``emit``). ``jdlint.cli`` registers the command."""

from jdlint.checkcli.command import check

__all__ = ["check"]
