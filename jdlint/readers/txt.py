"""Plain-text reader: bytes → decoded text → one ``Block`` per non-empty physical line.

This module owns encoding detection for TXT input and the TXT line model:

* Encodings, decided cheaply first: a BOM (UTF-8, UTF-16 LE/BE, UTF-32), then BOM-less UTF-16
  recognised by its NUL pattern, then a strict UTF-8 decode (the common case, no detector
  run), then the legacy 8-bit code pages of the project languages (CP1251, Windows-1257,
  KOI8-R, ISO-8859-13, CP866) ranked by how Russian or Lithuanian the decoded letters look.
  Only when none of those fits is charset-normalizer asked (another code page such as CP1250).
  Measured on short texts: charset-normalizer alone takes a Lithuanian CP1257 line for CP1250
  and ties CP1257 with ISO-8859-4, which is why the letter scoring decides, not the detector.
* Lines end at ``\\r\\n``, ``\\r``, ``\\n``, U+2028 and U+2029; each counts as a physical line.
  A form feed (page break) separates blocks but does not start a new numbered line, so line
  numbers match what an editor and ``grep -n`` show.
* ``Block.text`` is :func:`jdlint.core.text.normalize` of the line; ``Block.raw`` is the line as
  decoded without its line end. Blank lines produce no block but are counted.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from pathlib import Path

from jdlint.core.errors import InputError
from jdlint.core.model import Block, RawDocument
from jdlint.core.text import _DROP, _SPACES
from jdlint.readers.blocks import new_block, new_source
from jdlint.readers.limits import MAX_LINES, check_text_size, too_long
from jdlint.readers.markup import clean_line, is_marked_up
from jdlint.readers.paragraphs import normalized
from jdlint.readers.scriptpairs import bad_pairs

__all__ = ["decode_text", "read_txt", "split_blocks"]

BINARY_REASON = "binary data, not a text document"
EMPTY_REASON = "the file is empty"

# Legacy code pages tried when the bytes are not UTF-8, in order of preference on a tie, with a
# handicap subtracted from the score of the rarer ones: a line whose only non-ASCII character is
# "…" or "•" must stay CP1251/CP1257 rather than become a Cyrillic capital of DOS CP866.
LEGACY_CANDIDATES: dict[str, float] = {
    "cp1251": 0.0,
    "cp1257": 0.0,
    "koi8_r": 0.0,
    "iso8859_13": 0.05,
    "cp866": 0.15,
}
_DISPLAY_NAMES = {"koi8_r": "koi8-r", "iso8859_13": "iso8859-13"}

# NOTE: only the head of a file is looked at: 64 KiB for the UTF-16 byte lanes, 16 KiB (five
# pages of Cyrillic) for scoring the legacy code pages.
_SAMPLE = 65536
_LEGACY_SAMPLE = 16384
_ASCII = bytes(range(0x80))
# Minimum mean letter score (see _legacy_score) for a legacy code page to be accepted outright.
_GOOD_SCORE = 0.4
# Share of characters that cannot be in a text (C0/C1 controls, U+FFFD) above which the
# decoded content is called binary. \t \n \v \f \r and \x1f (Word's optional hyphen) are allowed.
_MAX_JUNK_SHARE = 0.05

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)

_JUNK = re.compile(r"[\x00-\x08\x0e-\x1e\x7f-\x9f\ufffd]")
# High bytes of UTF-16 code units for Latin Extended-A, Cyrillic and general punctuation.
_HIGH_BYTES = b"\x01\x04\x20"
_EOL = re.compile(r"\r\n?|[\n\u2028\u2029]")
# NOTE: what makes ``normalize`` more than collapse spaces and strip a line: its control
# characters but the line and segment ends the split removes, a tab, and a character it drops
# or replaces (``_ODD``'s), looked for in one scan
_NOT_PLAIN = re.compile("[\x00-\x09\x0b\x0e-\x1f\x7f-\x9f"
                        + "".join(map(chr, {**_DROP, **_SPACES})) + "]")
_SPACE_RUN = re.compile(" {2,}")

# Russian letter frequencies (%, literary corpus); the letter score of a decoding rises with them.
_RU_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04,
}  # fmt: skip
_LT_LETTERS = "ąčęėįšųūž"
_NEUTRAL = "\u00a0\u00ad«»„“”‘’‚–—…№•·§°±×€©®™"
_BAD_CHAR = -2.0
_BAD_PAIR = -3.0


def _char_weights() -> dict[str, float]:
    weights: dict[str, float] = {}
    top = max(_RU_FREQ.values())
    for letter, freq in _RU_FREQ.items():
        w = 0.4 + 0.6 * math.sqrt(freq / top)
        weights[letter] = weights[letter.upper()] = w
    for letter in _LT_LETTERS:
        weights[letter] = weights[letter.upper()] = 1.0
    for char in _NEUTRAL:
        weights[char] = 0.8
    return weights


_WEIGHTS = _char_weights()


@functools.cache
def _byte_weights(codec: str) -> tuple[list[float], bool]:
    """Per-byte weights of a code page for bytes 0x80-0xFF, and whether some are undefined."""
    weights: list[float] = []
    undefined = False
    for value in range(0x80, 0x100):
        try:
            char = bytes((value,)).decode(codec)
        except UnicodeDecodeError:
            undefined = True
            weights.append(_BAD_CHAR)
        else:
            weights.append(_WEIGHTS.get(char, _BAD_CHAR))
    return weights, undefined


Histogram = tuple[int, list[tuple[int, int]]]


def _histogram(sample: bytes) -> Histogram:
    """The number of non-ASCII bytes of ``sample``, and how often each of them occurs."""
    high = sample.translate(None, _ASCII)
    return len(high), [(value, high.count(value)) for value in set(high)]


def _legacy_score(sample: bytes, codec: str, floor: float = -math.inf,
                  histogram: Histogram | None = None) -> float:
    """How plausible ``sample`` decoded with ``codec`` is as Russian or Lithuanian text.

    The mean over non-ASCII bytes of their character's weight (0.4-1.0 for Russian letters by
    frequency, 1.0 for Lithuanian letters, 0.8 for common typographic signs, -2 for anything
    else), with 3 more taken off for every mixed-script or broken-case pair of letters, 0.5 off
    when the code page leaves one of the bytes undefined, and the code page's handicap. Roughly
    0.6-1.0 for the right code page, below zero for a wrong one.

    A code page that cannot score above ``floor`` (the best so far) is not decoded: what is
    returned then is an upper bound no greater than ``floor``. ``histogram`` is
    ``_histogram(sample)`` when the caller scores several code pages on one sample.
    """
    high, counts = histogram or _histogram(sample)
    if not high:
        return 1.0
    weights, has_undefined = _byte_weights(codec)
    total = 0.0
    undefined = False
    for value, count in counts:
        weight = weights[value - 0x80]
        total += count * weight
        undefined = undefined or (has_undefined and weight == _BAD_CHAR)
    # NOTE: letter pairs and undefined bytes only take off; a code page whose letters alone
    # cannot beat the best so far is not decoded and searched (4 of the 5, usually).
    bound = total / high - LEGACY_CANDIDATES[codec]
    if bound <= floor:
        return bound
    text = sample.decode(codec, errors="replace")
    # NOTE: a Latin letter touching a Cyrillic one, a lower-case letter before a capital
    pairs = bad_pairs(text)
    score = (total + _BAD_PAIR * pairs) / high - LEGACY_CANDIDATES[codec]
    if undefined:
        try:
            sample.decode(codec)
        except UnicodeDecodeError:
            # NOTE: a byte the code page leaves undefined (CP1257 has 12) is strong evidence
            # against it: ISO-8859-13 quotes read as CP1257 differ in a handful of bytes only.
            score -= 0.5
    return score


def _sniff_utf16(data: bytes) -> str | None:
    """Codec for BOM-less UTF-16 recognised by its byte lanes, else None.

    The high byte of ASCII and Latin-1 characters is NUL; Cyrillic (U+04xx) and Lithuanian
    (U+01xx) letters have none, so only spaces, digits and punctuation give NULs, all in one
    lane; the other lane is almost never NUL (U+0100, U+0400 and the like). A text without any
    ASCII (a single Cyrillic word) has no NUL at all but only a few distinct high bytes.
    """
    if len(data) < 2 or len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    even_lane, odd_lane = sample[0::2], sample[1::2]
    even, odd = even_lane.count(0), odd_lane.count(0)
    if odd and even * 50 <= odd:
        return "utf-16-le"
    if even and odd * 50 <= even:
        return "utf-16-be"
    if not even and not odd:
        if not odd_lane.translate(None, _HIGH_BYTES):
            return "utf-16-le"
        if not even_lane.translate(None, _HIGH_BYTES):
            return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    """Whether text decoded from BOM-less UTF-16 looks like a European text.

    UTF-8 or code-page bytes read as UTF-16 pair up into CJK and other far code points; a
    Russian or Lithuanian text is Latin, Cyrillic, punctuation and spaces.
    """
    sample = text[:_LEGACY_SAMPLE]
    if not sample:
        return True
    far = sum(1 for ch in sample if ch >= "\u0590" and not "\u2000" <= ch < "\u2200")
    return far * 5 <= len(sample)


def _refuse_nuls(data: bytes) -> InputError:
    """The reason for NUL bytes in a file that is not UTF-16: damaged text or binary data."""
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return InputError(BINARY_REASON)
    where = data.index(b"\x00")
    return InputError(f"{BINARY_REASON} (NUL byte at offset {where} of an otherwise plain "
                      "text: the file is damaged)")


def _damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> InputError | None:
    """The reason for UTF-8 with a few invalid byte sequences, or None when it is not UTF-8.

    A file of many valid multi-byte sequences and a few broken ones is damaged UTF-8 (a cut
    copy, two encodings pasted together); guessing a code page would make mojibake of it.
    """
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    # NOTE: the characters at or above U+0080, counted in C (what the ASCII codec drops)
    good = len(decoded) - len(decoded.encode("ascii", "ignore")) - bad
    if good < 8 or good < 10 * bad:
        return None
    line = data.count(b"\n", 0, exc.start) + 1
    return InputError(f"invalid UTF-8 at byte {exc.start} (line {line}): the file is damaged "
                      "or mixes encodings; save it again as UTF-8")


def _is_junk(text: str) -> bool:
    if _JUNK.search(text) is None:
        return False
    return len(_JUNK.findall(text)) > _MAX_JUNK_SHARE * len(text)


def best_legacy(sample: bytes) -> tuple[str, float]:
    """The legacy code page that scores best on ``sample`` (the first on a tie), and its score."""
    best_codec, best_score = "cp1251", -math.inf
    histogram = _histogram(sample)  # NOTE: counted once, not once per code page
    for codec in LEGACY_CANDIDATES:
        score = _legacy_score(sample, codec, best_score, histogram)
        if score > best_score:
            best_codec, best_score = codec, score
    return best_codec, best_score


def _decode_legacy(data: bytes) -> tuple[str, str]:
    best_codec, best_score = best_legacy(data[:_LEGACY_SAMPLE])
    if best_score < _GOOD_SCORE:
        # NOTE: none of the project's code pages fits; ask the general detector (lazy import:
        # charset-normalizer costs ~40 ms to import and is not needed for UTF-8 files).
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(BINARY_REASON)
        best_codec = best.encoding
    return data.decode(best_codec, errors="replace"), _DISPLAY_NAMES.get(best_codec, best_codec)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return (text, encoding name) or raise InputError.

    The BOM is not part of the text. The encoding name is "utf-8", "utf-8-sig", "utf-16",
    "utf-32", "cp1251", "cp1257", "koi8-r", "iso8859-13", "cp866" or what charset-normalizer
    named.
    """
    codec: str | None = None
    name = "utf-16"
    for bom, bom_codec, bom_name in _BOMS:
        if data.startswith(bom):
            codec, name, data = bom_codec, bom_name, data[len(bom) :]
            break
    if codec is None and b"\x00" in data:
        codec = _sniff_utf16(data)
        if codec is None:
            raise _refuse_nuls(data)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise _refuse_nuls(data) from None
        if not _plausible(text):
            raise _refuse_nuls(data)
    elif codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise InputError(f"{BINARY_REASON} (invalid {name} byte sequence)") from None
    else:
        try:
            text, name = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            damaged = _damaged_utf8(data, exc)
            if damaged is not None:
                raise damaged from None
            text, name = _decode_legacy(data)
        if not _is_junk(text):
            return text, name  # NOTE: the test below would scan the same text again
        # NOTE: BOM-less UTF-16 without a single ASCII character has no NUL byte and may
        # even be valid UTF-8 (U+041C is 1C 04): one last look at the byte lanes.
        codec = _sniff_utf16(data)
        if codec is not None:
            try:
                text, name = data.decode(codec), "utf-16"
            except UnicodeDecodeError:
                pass
    if _is_junk(text):
        raise InputError(BINARY_REASON)
    return text, name


def _plain(text: str) -> bool:
    """Whether ``normalize`` of every line of ``text`` only collapses spaces and strips: the
    whole text is NFC (so is each line: the line ends compose with nothing), and has no
    character ``normalize`` drops or replaces, no tab and no control character but line ends
    and form feeds (which the split removes). Checked once per file, not once per line
    (issue 19: normalising was ~6 % of reading and structuring a TXT file)."""
    return unicodedata.is_normalized("NFC", text) and _NOT_PLAIN.search(text) is None


def _spaced(line: str) -> str:
    """``normalize(line)`` for a line of a text that ``_plain`` accepted."""
    return (_SPACE_RUN.sub(" ", line) if "  " in line else line).strip()


def split_blocks(text: str) -> tuple[Block, ...]:
    """One block per non-blank line (form feeds split a line into blocks with one number)."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        lines = _EOL.split(text)
    else:
        lines = text.split("\n")
    blocks: list[Block] = []
    # NOTE: a web copy that kept its HTML loses every clause to "<p>"; the raw line is kept.
    markup = is_marked_up(text)
    plain = not markup and _plain(text)
    for number, line in enumerate(lines, start=1):
        if not line or line.isspace():
            continue
        for segment in line.split("\f") if "\f" in line else (line,):
            clean = _spaced(segment) if plain else normalized(
                clean_line(segment) if markup else segment)
            if clean:
                index = len(blocks)
                source = new_source(index, number)
                # NOTE: the visible text of a marked-up line is what an excerpt should show
                raw = clean_line(segment) if markup else segment
                blocks.append(new_block(index, clean, raw, source))
    return tuple(blocks)


def read_txt(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read a plain-text file's bytes into a ``RawDocument``; raise InputError when unreadable."""
    if not data:
        raise InputError(EMPTY_REASON)
    text, encoding = decode_text(data)
    # NOTE: counted before splitting: 20 MiB of line ends would be 20 million strings.
    lines = max(text.count("\n"), text.count("\r")) + (not text.endswith(("\n", "\r")))
    if lines > MAX_LINES:
        raise too_long(lines, "lines", MAX_LINES)
    blocks = split_blocks(text)
    if not blocks:
        raise InputError(EMPTY_REASON)
    check_text_size(len(blocks), sum(len(b.text) for b in blocks))
    return RawDocument(
        path=path, display_path=display_path, format="txt", blocks=blocks, encoding=encoding
    )
