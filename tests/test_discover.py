"""Command-line paths → files to lint: the folder scanner (jdlint.run.scan.scan) that check,
report, duplicates and show share (these cases were written for the readers' old
``discover``, which the scanner replaced)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jdlint.core.errors import InputError
from jdlint.readers import NOT_REGULAR_REASON, read_path
from jdlint.run.scan import scan


def discover(paths: list[str], warnings: list[str] | None = None
             ) -> tuple[list[Path | str], list[tuple[str, str]]]:
    found = scan(paths)
    if warnings is not None:
        warnings.extend(found.warnings)
    return found.files, found.problems


def touch(path: Path, text: str = "Должностная инструкция\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "instrukcijos"
    touch(root / "b_vadybininkas.docx")
    touch(root / "a_buhalteris.TXT")
    touch(root / "~$b_vadybininkas.docx")  # Word lock file
    touch(root / ".paslepta.txt")
    touch(root / "pastabos.md")
    touch(root / "lentele.xlsx")
    touch(root / "skyrius" / "gilus" / "c_vairuotojas.Docx")
    touch(root / "skyrius" / "d_sandelininkas.txt")
    touch(root / ".git" / "info.txt")
    touch(root / ".cache" / "kopija.docx")
    touch(root / "~$laikinas" / "x.txt")
    return root


def rel(files: list[Path | str], root: Path) -> list[str]:
    return [f if isinstance(f, str) else Path(f).relative_to(root).as_posix() for f in files]


def test_nested_directories_sorted_and_filtered(tree: Path) -> None:
    files, problems = discover([str(tree)])
    assert problems == []
    assert rel(files, tree) == [
        "a_buhalteris.TXT",
        "b_vadybininkas.docx",
        "skyrius/d_sandelininkas.txt",
        "skyrius/gilus/c_vairuotojas.Docx",
    ]
    assert all(isinstance(f, Path) for f in files)


def test_paths_keep_the_form_given(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    files, _ = discover(["instrukcijos/skyrius"])
    assert files == [
        Path("instrukcijos/skyrius/d_sandelininkas.txt"),
        Path("instrukcijos/skyrius/gilus/c_vairuotojas.Docx"),
    ]


def test_explicit_files_kept_whatever_the_suffix(tree: Path) -> None:
    md = tree / "pastabos.md"
    lock = tree / "~$b_vadybininkas.docx"
    files, problems = discover([str(md), str(lock), "-"])
    assert files == [md, lock, "-"]
    assert problems == []


def test_stdin_passes_through_in_order(tree: Path) -> None:
    one = tree / "a_buhalteris.TXT"
    files, _ = discover(["-", str(one), "-"])
    assert files == ["-", one, "-"]


def test_missing_paths_reported_and_others_kept(tree: Path) -> None:
    missing = tree / "nera.docx"
    files, problems = discover([str(missing), str(tree / "skyrius"), "nera_aplanko/"])
    assert rel(files, tree) == ["skyrius/d_sandelininkas.txt", "skyrius/gilus/c_vairuotojas.Docx"]
    assert problems == [
        (str(missing), "no such file or directory"),
        ("nera_aplanko/", "no such file or directory"),
    ]


def test_broken_symlink_reported(tmp_path: Path) -> None:
    link = tmp_path / "nuoroda.txt"
    link.symlink_to(tmp_path / "nera.txt")
    files, problems = discover([str(link)])
    assert files == []
    assert problems == [(str(link), "broken symbolic link: the target does not exist")]


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    root = tmp_path / "a"
    touch(root / "b" / "instrukcija.txt")
    (root / "b" / "atgal").symlink_to(root, target_is_directory=True)
    (root / "savaime").symlink_to(".", target_is_directory=True)
    files, problems = discover([str(root)])
    assert rel(files, root) == ["b/instrukcija.txt"]
    assert problems == []


def test_symlinked_directory_inside_the_root_is_followed(tmp_path: Path) -> None:
    root = tmp_path / "projektas"
    touch(root / "archyvas" / "pareigybe.docx")
    (root / "nuoroda").symlink_to(root / "archyvas", target_is_directory=True)
    files, _ = discover([str(root / "nuoroda"), str(root)])
    assert rel(files, root) == ["nuoroda/pareigybe.docx"]


def test_links_out_of_the_root_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "kitur"
    touch(outside / "pareigybe.docx")
    touch(outside / "secret.txt")
    root = tmp_path / "projektas"
    touch(root / "mano.txt")
    (root / "nuoroda").symlink_to(outside, target_is_directory=True)
    (root / "slaptas.txt").symlink_to(outside / "secret.txt")
    (root / "saknis").symlink_to("/", target_is_directory=True)
    warnings: list[str] = []
    files, problems = discover([str(root)], warnings)
    assert rel(files, root) == ["mano.txt"] and problems == []
    assert len(warnings) == 3 and all("not followed" in w for w in warnings)


def test_fifo_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    files, problems = discover([str(fifo)])
    assert files == [] and problems == [(str(fifo), NOT_REGULAR_REASON)]
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)  # returns at once: opened without waiting for a writer


def test_each_file_listed_once(tree: Path) -> None:
    one = tree / "b_vadybininkas.docx"
    files, _ = discover([str(one), str(tree), str(tree / "skyrius")])
    assert rel(files, tree) == [
        "b_vadybininkas.docx",
        "a_buhalteris.TXT",
        "skyrius/d_sandelininkas.txt",
        "skyrius/gilus/c_vairuotojas.Docx",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unreadable_directory_reported(tmp_path: Path) -> None:
    locked = tmp_path / "uzrakinta"
    touch(locked / "x.txt")
    locked.chmod(0)
    try:
        files, problems = discover([str(tmp_path)])
    finally:
        locked.chmod(0o700)
    assert files == []
    assert problems == [(str(locked), "cannot list directory: permission denied")]


def test_empty_directory(tmp_path: Path) -> None:
    assert discover([str(tmp_path)]) == ([], [])


def test_unlistable_directory_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path / "a.txt")
    locked = tmp_path / "uzrakinta"
    touch(locked / "x.txt")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = discover([str(tmp_path)])
    assert files == [tmp_path / "a.txt"]
    assert problems == [(str(locked), "cannot list directory: permission denied")]
