"""Last step of every reader: NFC, no control characters, tidy line ends."""

from __future__ import annotations

import re
import unicodedata

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff\u200b]")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_BLANKS_RE = re.compile(r"\n{3,}")


def finish(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL_RE.sub("", text.replace("\x0c", "\n"))
    lines = (_SPACES_RE.sub(" ", ln).strip() for ln in text.split("\n"))
    return _BLANKS_RE.sub("\n\n", "\n".join(lines)).strip()
