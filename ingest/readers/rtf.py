"""RTF to text with a small tokenizer of our own (unrtf loses the 8-bit characters that legacy
Vietnamese fonts depend on). ``\\'hh`` bytes are decoded with the code page of the current
font's charset, ``\\uN`` as Unicode; TCVN3/VNI text is then decoded through ``analyzers``."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.raw import RawDocument, ReaderError

from .legacy import decode_into
from .normalize import finish

_TOKEN_RE = re.compile(
    rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+"
)
# destinations whose content is not document text
_SKIP = {
    b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"header", b"footer",
    b"headerl", b"headerr", b"headerf", b"footerl", b"footerr", b"footerf", b"fldinst",
    b"themedata", b"colorschememapping", b"latentstyles", b"datastore", b"xmlnstbl",
    b"listtable", b"listoverridetable", b"rsidtbl", b"generator", b"pgdsctbl", b"revtbl",
}
_BREAKS = {b"par": "\n", b"line": "\n", b"row": "\n", b"sect": "\n\n", b"page": "\n",
           b"tab": "\t", b"cell": "\t", b"emdash": "—", b"endash": "–", b"bullet": "•",
           b"lquote": "‘", b"rquote": "’", b"ldblquote": "“", b"rdblquote": "”"}
_CHARSET_CP = {0: None, 1: None, 161: "cp1253", 162: "cp1254", 163: "cp1258", 186: "cp1257",
               204: "cp1251", 238: "cp1250", 222: "cp874", 177: "cp1255", 178: "cp1256"}


@dataclass
class _State:
    skip: bool = False
    uc: int = 1
    font: int = -1
    in_fonttbl: bool = False


def read_rtf(data: bytes, path: str) -> RawDocument:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReaderError(path, "corrupt RTF: no {\\rtf header")
    doc = RawDocument(path=path, format="rtf")
    doc.text = finish(decode_into(doc, rtf_to_text(data)))
    return doc


def rtf_to_text(data: bytes) -> str:
    out: list[str] = []
    pending: bytearray = bytearray()
    stack: list[_State] = []
    state = _State()
    fonts: dict[int, str | None] = {}
    codepage = "cp1252"
    skip_chars = 0
    star = False

    def flush() -> None:
        if pending:
            cp = fonts.get(state.font) or codepage
            out.append(pending.decode(cp, "replace"))
            pending.clear()

    for m in _TOKEN_RE.finditer(data):
        word, arg, hexbyte, symbol, brace, text = m.groups()
        if skip_chars and (hexbyte or text):
            if text and len(text) > skip_chars:  # \uN's fallback is one char of the run
                text = text[skip_chars:]
                skip_chars = 0
            else:
                skip_chars -= 1
                continue
        if brace == b"{":
            flush()
            stack.append(state)
            state = replace(state)
            star = False
        elif brace == b"}":
            flush()
            state = stack.pop() if stack else state
        elif word is not None:
            flush()
            n = int(arg) if arg is not None else None
            if star or word in _SKIP:
                state.skip = True
                state.in_fonttbl = state.in_fonttbl or word == b"fonttbl"
            star = False
            if word == b"ansicpg" and n:
                codepage = f"cp{n}"
            elif word == b"f" and n is not None:
                state.font = n
            elif word == b"fcharset" and state.in_fonttbl and n is not None:
                fonts[state.font] = _CHARSET_CP.get(n)
            elif word == b"uc" and n is not None:
                state.uc = n
            elif word == b"u" and n is not None and not state.skip:
                out.append(chr(n + 65536 if n < 0 else n))
                skip_chars = state.uc
            elif word in _BREAKS and not state.skip:
                out.append(_BREAKS[word])
        elif symbol is not None:
            flush()
            if symbol == b"*":
                star = True
            elif symbol in (b"\\", b"{", b"}") and not state.skip:
                out.append(symbol.decode())
            elif symbol == b"~" and not state.skip:
                out.append("\u00a0")
        elif hexbyte is not None and not state.skip:
            pending.append(int(hexbyte, 16))
        elif text is not None and not state.skip:
            pending.extend(text)
    flush()
    return "".join(out)
