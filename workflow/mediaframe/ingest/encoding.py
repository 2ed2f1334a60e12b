"""Bytes to text: per-file encoding detection, binary detection and mojibake repair.

Scraped Arabic archives arrive as UTF-8 (with or without a byte-order mark), UTF-16,
Windows-1256 or ISO-8859-6, and sometimes as *mojibake*: UTF-8 bytes that some tool
decoded as Windows-1252 or Windows-1256 and saved again (``Ø§Ù„`` or ``ط§ظ„`` for
``ال``). :func:`decode_bytes` tries the cheap, certain answers first (BOM, strict
UTF-8), asks charset-normalizer only when they fail, and records which encoding it
used; :func:`repair_mojibake` undoes the double decoding line by line.

Example:
    >>> decode_bytes("السلام".encode("cp1256")).encoding
    'cp1256'
    >>> repair_mojibake("السلام".encode("utf-8").decode("cp1256"))
    ('السلام', 'mojibake: utf-8 read as cp1256')
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings charset-normalizer may choose among for a corpus of Arabic and Western
# news; a short list keeps it fast and stops it guessing exotic code pages.
CANDIDATE_ENCODINGS = ("utf_8", "cp1256", "iso8859_6", "utf_16", "cp1252", "latin_1")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True)
class Decoded:
    """The text of a file, or why there is none.

    ``encoding`` is the codec used (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1256``,
    ``iso8859_6``…); ``repair`` names a mojibake repair that was applied, if any;
    ``problem`` is the reject reason when the bytes are not text.
    """

    text: str | None
    encoding: str | None
    repair: str | None = None
    problem: str | None = None


def decode_bytes(data: bytes, *, repair: bool = True) -> Decoded:
    """Decode one file's bytes, detecting the encoding and repairing mojibake."""
    if not data.strip():
        return Decoded("", "utf-8")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(name), name, repair)
            except UnicodeDecodeError as error:
                return Decoded(None, None, problem=f"undecodable: bad {name} ({error.reason})")
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _finish(data.decode(utf16), utf16, repair)
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        return Decoded(None, None, problem="binary file (control bytes, not text)")
    try:
        return _finish(data.decode("utf-8"), "utf-8", repair)
    except UnicodeDecodeError:
        pass
    return _detect(data, repair)


def _finish(text: str, encoding: str, repair: bool) -> Decoded:
    if not repair:
        return Decoded(text, encoding)
    repaired, how = repair_mojibake(text)
    return Decoded(repaired, encoding, how)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: one byte of most pairs is zero (ASCII) or 0x06 (Arabic)."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for name, high in (("utf-16-le", odd), ("utf-16-be", even)):
        share = sum(1 for b in high if b in (0, 6)) / max(len(high), 1)
        if share > 0.9:
            return name
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) > max(4, len(sample) // 100)


def _detect(data: bytes, repair: bool) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        return Decoded(None, None, problem="undecodable: no candidate encoding fits the bytes")
    name = codecs.lookup(best.encoding).name
    # ISO-8859-6 and Windows-1256 share most Arabic letters; cp1256 also defines the
    # bytes 0x80-0x9F, so prefer it when any byte in that range occurs.
    if name == "iso8859-6" and re.search(rb"[\x80-\x9f]", data):
        name = "cp1256"
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        return Decoded(None, None, problem=f"undecodable: detected {name} but {error.reason}")
    return _finish(text, name.replace("iso8859-6", "iso8859_6"), repair)


def _sloppy_table(codec: str) -> dict[str, int]:
    """Character -> byte of a single-byte code page, undefined bytes kept as Latin-1."""
    table: dict[str, int] = {}
    for byte in range(256):
        try:
            char = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            char = chr(byte)
        table.setdefault(char, byte)
    return table


_TABLES = {codec: _sloppy_table(codec) for codec in ("cp1252", "cp1256")}
# What UTF-8 Arabic (lead bytes 0xD8-0xDB) and accented Latin (0xC2-0xC3) look like
# after a cp1252 or cp1256 decode: a lead character followed by a continuation one.
_SUSPECT = {
    "cp1252": re.compile(
        "[ØÙÚÛÃÂ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
    ),
    "cp1256": re.compile(
        "[طظعغأ][\u0080-\u00bf\u060c\u061b\u061f\u067e\u0679\u0686\u0698\u0688\u06af\u06a9\u0691\u06ba\u06be\u0152\u0153\u0192\u02c6\u2013-\u203a\u20ac\u2122\u200c\u200d]"
    ),
}


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo UTF-8 text that was decoded as cp1252 or cp1256, line by line, layer by layer.

    A line is repaired only when re-encoding it with the wrong code page gives valid
    UTF-8, so genuine Arabic or French text (which does not) is never touched. Text that
    went through the wrong decoding twice (``Ã˜Â§`` for ``ا``) is repaired once per
    layer, up to ``MAX_MOJIBAKE_LAYERS``.

    Returns:
        The repaired text and a note such as ``"mojibake: utf-8 read as cp1256"`` or
        ``"mojibake: utf-8 read as cp1252, 2 layers"`` (``None`` when nothing was repaired).
    """
    used: list[str] = []
    layers = 0
    for _ in range(MAX_MOJIBAKE_LAYERS):
        text, codecs_used = _repair_one_layer(text)
        if not codecs_used:
            break
        layers += 1
        used += [codec for codec in codecs_used if codec not in used]
    if not used:
        return text, None
    note = "mojibake: utf-8 read as " + "+".join(used)
    return text, note + (f", {layers} layers" if layers > 1 else "")


MAX_MOJIBAKE_LAYERS = 3


def _repair_one_layer(text: str) -> tuple[str, list[str]]:
    used: list[str] = []
    lines = text.split("\n")
    for codec, suspect in _SUSPECT.items():
        if not suspect.search(text):
            continue
        table = _TABLES[codec]
        for index, line in enumerate(lines):
            if len(suspect.findall(line)) < 2:
                continue
            try:
                raw = bytes(table[char] for char in line)
                fixed = raw.decode("utf-8")
            except (KeyError, UnicodeDecodeError):
                continue
            if fixed != line:
                lines[index] = fixed
                if codec not in used:
                    used.append(codec)
    return ("\n".join(lines) if used else text), used
