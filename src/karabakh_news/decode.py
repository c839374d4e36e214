"""Raw bytes to text, or a :class:`DecodeError` with a stable reason code."""

from __future__ import annotations

import re

from karabakh_news.errors import DecodeError

_BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r")


def decode_text(data: bytes, source: str | None = None) -> str:
    """Decode UTF-8 bytes to text with ``\\n`` line endings and no byte-order mark.

    Only CR, LF and CRLF count as line breaks (not the Unicode separators ``str.splitlines``
    also honours) so line numbers agree with every text editor.
    """
    if b"\x00" in data:
        raise DecodeError("binary", "file holds NUL bytes; it is not text", source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            "not_utf8", f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})", source
        ) from exc
    return _LINE_BREAK.sub("\n", text.removeprefix(_BOM))
