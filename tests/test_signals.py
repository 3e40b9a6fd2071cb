"""How a run ends when it is stopped: Ctrl-C exits 130, SIGTERM 143, one line, no traceback
(issue 18, item 6). The process is real: ``python -m jdlint`` waiting on standard input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_gives_its_exit_code_and_one_line(signum: int, code: int) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "jdlint", "check", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        time.sleep(6.0)  # start-up done (cold start ~0.5 s, slower on a loaded CI machine)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    text = err.decode("utf-8", "replace")
    assert proc.returncode == code, text
    assert "Traceback" not in text
    assert "interrupted" in text
