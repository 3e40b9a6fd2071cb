"""Conversion of formats jdlint does not read natively (Word 97-2003 .doc) to DOCX with
LibreOffice, when it is installed.

This module owns finding ``soffice`` (``$JDLINT_SOFFICE``, else ``soffice``/``libreoffice`` on
PATH, else the usual install folders), running it safely and caching its output:

* the input is copied into a private temporary folder (never converted beside the original,
  which is only read) and converted there; the folder is removed afterwards. LibreOffice runs
  with a private profile made for this process (kept for its later conversions, as a new
  profile costs seconds, and removed when the process ends), so parallel runs, worker
  processes and the user's own LibreOffice never collide;
* the profile turns macros off and sends every network request to a dead local proxy; on Linux
  the process also runs in a user namespace without network (``unshare -rn``) when the system
  allows one;
* a time limit (``$JDLINT_SOFFICE_TIMEOUT`` seconds, default 120) ends the whole process group;
* the DOCX made is read back only up to the DOCX size limit, then parsed by the DOCX reader with
  all its safety limits, like any other DOCX;
* it is kept in the cache folder (``$JDLINT_CACHE_DIR`` or ``.jdlint_cache``, under
  ``converted/``) as a file named by the SHA-256 of the input: only data, read back with the
  same size limit and parsed as untrusted DOCX again.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Final

from jdlint.core.errors import InputError

__all__ = ["ENV_SOFFICE", "ENV_TIMEOUT", "find_soffice", "missing_reason", "to_docx"]

ENV_SOFFICE: Final = "JDLINT_SOFFICE"
ENV_TIMEOUT: Final = "JDLINT_SOFFICE_TIMEOUT"
DEFAULT_TIMEOUT: Final = 120.0
_CACHE_VERSION: Final = "v1"
_INSTALLED: Final = (
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice", "/usr/local/bin/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
# NOTE: a private profile: no macros, no update check, every HTTP/HTTPS/FTP request through a
# proxy on the discard port of this machine (nothing listens: the request fails at once).
_PROXY = "".join(
    f'<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="{name}" oor:op="fuse">'
    f"<value>{value}</value></prop></item>"
    for name, value in (("ooInetProxyType", 2), ("ooInetHTTPProxyName", "127.0.0.1"),
                        ("ooInetHTTPProxyPort", 9), ("ooInetHTTPSProxyName", "127.0.0.1"),
                        ("ooInetHTTPSProxyPort", 9), ("ooInetFTPProxyName", "127.0.0.1"),
                        ("ooInetFTPProxyPort", 9), ("ooInetNoProxy", "")))
_SECURITY = "".join(
    f'<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="{name}" '
    f'oor:op="fuse"><value>{value}</value></prop></item>'
    for name, value in (("MacroSecurityLevel", 3), ("DisableMacrosExecution", "true"),
                        ("BlockUntrustedRefererLinks", "true")))
_PROFILE: Final = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items '
    'xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + _PROXY + _SECURITY +
    '<item oor:path="/org.openoffice.Office.Jobs/Jobs/'
    "org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments\">"
    '<prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>'
    "</oor:items>\n")


def find_soffice() -> str | None:
    """The LibreOffice program to run, or None. ``$JDLINT_SOFFICE`` wins (a path or a name on
    PATH); set to an empty string it turns conversion off."""
    named = os.environ.get(ENV_SOFFICE)
    if named is not None:
        if not named.strip():
            return None
        found = shutil.which(named)
        return found if found else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _INSTALLED if os.path.isfile(p) and os.access(p, os.X_OK)), None)


def missing_reason(what: str) -> str:
    """The JD001 reason when LibreOffice is not there."""
    return (f"{what} can be read only with LibreOffice, which was not found: install "
            f"LibreOffice (or set {ENV_SOFFICE} to its soffice) or save as .docx")


def _timeout() -> float:
    try:
        value = float(os.environ.get(ENV_TIMEOUT, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


@lru_cache(maxsize=1)
def _no_network_prefix() -> tuple[str, ...]:
    """``unshare -rn`` when this system lets a user make a namespace without network."""
    if not sys.platform.startswith("linux"):
        return ()
    tool = shutil.which("unshare")
    if tool is None:
        return ()
    try:
        done = subprocess.run([tool, "-rn", "true"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return (tool, "-rn") if done.returncode == 0 else ()


@lru_cache(maxsize=1)
def _profile() -> Path:
    """This process's LibreOffice profile folder (made once, removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="jdlint-soffice-profile-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    (folder / "user").mkdir(mode=0o700)
    (folder / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
    return folder


def _cache_file(digest: str) -> Path:
    from jdlint.core.cachedir import default_cache_dir

    return default_cache_dir() / "converted" / _CACHE_VERSION / f"{digest}.docx"


def _cached(digest: str, limit: int) -> bytes | None:
    from jdlint.core.userfiles import read_regular

    path = _cache_file(digest)
    try:
        if path.is_symlink():
            return None
        data = read_regular(path, limit)
    except (OSError, ValueError):  # missing, not a regular file, too large
        return None
    return data if data.startswith(b"PK\x03\x04") else None


def _keep(digest: str, data: bytes) -> None:
    """Store a conversion; a cache folder that cannot be written is simply not used."""
    from jdlint.core.cachedir import default_cache_dir, mark, write_atomic

    try:
        mark(default_cache_dir())
        write_atomic(_cache_file(digest), data)
    except OSError:
        pass


def _run(command: list[str], folder: Path, timeout: float) -> bool:
    """Run LibreOffice; False when it ran past ``timeout`` (then its process group is ended)."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(HOME=str(folder), http_proxy="http://127.0.0.1:9",
               https_proxy="http://127.0.0.1:9", no_proxy="")
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=folder, env=env,
                            start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            try:
                os.killpg(proc.pid, 9)
            except OSError:
                proc.kill()
        else:  # pragma: no cover - Windows
            proc.kill()
        proc.wait()
        return False
    return True


def to_docx(data: bytes, suffix: str, what: str, limit: int | None = None) -> bytes:
    """The DOCX LibreOffice makes of ``data`` (a file of ``suffix``, ``what`` in messages),
    from the cache when it was converted before. ``InputError`` with one line otherwise."""
    from jdlint import readers

    limit = readers.MAX_DOCX_BYTES if limit is None else limit
    digest = hashlib.sha256(suffix.encode() + b"\x00" + data).hexdigest()
    cached = _cached(digest, limit)
    if cached is not None:
        return cached
    soffice = find_soffice()
    if soffice is None:
        raise InputError(missing_reason(what))
    timeout = _timeout()
    with tempfile.TemporaryDirectory(prefix="jdlint-convert-") as tmp:
        folder = Path(tmp)
        source = folder / "in" / f"document{suffix}"
        source.parent.mkdir(mode=0o700)
        source.write_bytes(data)
        profile = _profile()
        out = folder / "out"
        out.mkdir(mode=0o700)
        command = [*_no_network_prefix(), soffice, f"-env:UserInstallation={profile.as_uri()}",
                   "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                   "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
                   "--outdir", str(out), str(source)]
        try:
            finished = _run(command, folder, timeout)
        except OSError as exc:
            raise InputError(f"{what}: LibreOffice ({soffice}) could not be started: "
                             f"{exc.strerror or exc}") from None
        if not finished:
            raise InputError(f"{what}: LibreOffice did not convert it within {timeout:g} s "
                             "(set JDLINT_SOFFICE_TIMEOUT, or save it as .docx)")
        result = out / "document.docx"
        try:
            with open(result, "rb") as handle:
                docx = handle.read(limit + 1)
        except OSError:
            raise InputError(f"{what}: LibreOffice could not convert it (a damaged file?); "
                             "open it in Word and save as .docx") from None
    if len(docx) > limit:
        raise InputError(f"{what}: the converted document is too large")
    _keep(digest, docx)
    return docx
