"""``python -m jdlint`` entry point."""

from __future__ import annotations

from jdlint.entry import main

if __name__ == "__main__":
    main()
