"""Raw bytes to text, or a :class:`DecodeError` with a stable reason code.

UTF-8 (with or without a byte-order mark) is read as is. Other bytes are given to
charset-normalizer, and accepted only when it is confident (a best guess with little "chaos" that
reads as a language it knows);
the encoding it found is recorded. Line endings become ``\\n``: only CR, LF and CRLF count as
line breaks (not the Unicode separators ``str.splitlines`` also honours), so line numbers agree
with every text editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from karabakh_news.errors import DecodeError

_BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r")
MAX_CHAOS_PERCENT = 10.0  # charset-normalizer's "mess" above which a guess is not trusted
MIN_COHERENCE_PERCENT = 20.0  # how much the decoded text must look like a language it knows
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig" or the legacy encoding detected


def decode(data: bytes, source: str | None = None) -> Decoded:
    """Decode raw bytes; raises :class:`DecodeError` (``empty``, ``binary``, ``undecodable``)."""
    if not data:
        raise DecodeError("empty", "file is empty", source)
    if b"\x00" in data:
        raise DecodeError("binary", "file holds NUL bytes; it is not text", source)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        text, encoding = _legacy(data, exc, source)
    if text.startswith(_BOM):
        text, encoding = text[1:], encoding + "-sig"
    if len(_CONTROL.findall(text[:10_000])) > 10:
        raise DecodeError("binary", "file holds many control characters; it is not text", source)
    return Decoded(_LINE_BREAK.sub("\n", text), encoding)


def _legacy(data: bytes, exc: UnicodeDecodeError, source: str | None) -> tuple[str, str]:
    best = from_bytes(data).best()
    if best is None or best.percent_chaos > MAX_CHAOS_PERCENT or best.percent_coherence < MIN_COHERENCE_PERCENT:
        bad = data[exc.start : exc.start + 1]
        raise DecodeError(
            "undecodable",
            f"not UTF-8 (byte {exc.start}: {bad!r}) and no legacy encoding could be detected with confidence",
            source,
        ) from exc
    return str(best), best.encoding


def decode_text(data: bytes, source: str | None = None) -> str:
    """The decoded text alone (see :func:`decode`)."""
    return decode(data, source).text
