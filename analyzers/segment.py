"""Word segmentation with pyvi's CRF, linear in the input, identifiers kept whole.

We reuse pyvi 0.1.1's trained model, dictionary and joining rule, but not its driver:

* ``ViTokenizer.tokenize`` builds its output by repeated string concatenation, which is quadratic
  on long inputs (engine notes). We tag each line (long lines in chunks cut at sentence
  punctuation, at most ``MAX_CHUNK`` tokens) and join lists, so time stays linear.
* Features are exactly pyvi's ``word2features`` (same names and values; features whose value is
  ``False`` weigh 0 in CRFsuite and are left out), computed with per-token caching. The tests
  check that our output equals pyvi's on ordinary text.
* Protected spans (``protect.py``) become single tokens that are never joined to a neighbour.

pyvi is imported lazily, once per process (~1 s, ~120 MB). ``segment_many`` forks a process pool
after loading the model in the parent, so the workers share its pages.
"""

from __future__ import annotations

import os
import re
import string
import threading
from typing import Any

from .normalize import normalize
from .protect import tokenize

__all__ = ["segment", "segment_many", "segment_normalized", "load_model", "MAX_CHUNK"]

MAX_CHUNK = 1000  # tokens per CRF call; the cut prefers sentence punctuation
_SENT_END = frozenset(".!?;:")
_PUNCT = string.punctuation
_LOCK = threading.Lock()
_MODEL: dict[str, Any] = {}


def load_model() -> dict[str, Any]:
    """Import pyvi once per process; returns its tagger and n-gram sets."""
    if not _MODEL:
        with _LOCK:
            if not _MODEL:
                from pyvi.ViTokenizer import ViTokenizer  # slow: unpickles the CRF

                _MODEL["tagger"] = ViTokenizer.model.tagger_
                _MODEL["bi"] = ViTokenizer.bi_grams
                _MODEL["tri"] = ViTokenizer.tri_grams
                _MODEL["pid"] = os.getpid()
    return _MODEL


# Per-token cache: (lower, own features, as -1 neighbour, as +1 neighbour, blocks joining,
# starts with a title-case letter).
_TOKEN_CACHE: dict[str, tuple[str, list[str], list[str], list[str], bool, bool]] = {}


def _token_info(tok: str) -> tuple[str, list[str], list[str], list[str], bool, bool]:
    info = _TOKEN_CACHE.get(tok)
    if info is None:
        low = tok.lower()
        up, title = tok.isupper(), tok.istitle()
        own = ["bias", "word.lower():" + low]
        prev = ["-1:word.lower():" + low]
        nxt = ["+1:word.lower():" + low]
        if up:
            own.append("word.isupper()")
            prev.append("-1:word.isupper()")
            nxt.append("+1:word.isupper()")
        if title:
            own.append("word.istitle()")
            prev.append("-1:word.istitle()")
            nxt.append("+1:word.istitle()")
        if tok.isdigit():
            own.append("word.isdigit()")
        # pyvi never joins punctuation ("in string.punctuation" is a substring test) or digits
        blocks = tok in _PUNCT or tok[0].isdigit()
        info = (low, own, prev, nxt, blocks, tok[0].istitle())
        if len(_TOKEN_CACHE) < 500_000:
            _TOKEN_CACHE[tok] = info
    return info


def _features(infos: list[tuple], bi: set[str], tri: set[str]) -> list[list[str]]:
    n = len(infos)
    low = [i[0] for i in infos]
    big = [False] + [low[i - 1] + " " + low[i] in bi for i in range(1, n)]
    trg = [False, False] + [low[i - 2] + " " + low[i - 1] + " " + low[i] in tri for i in range(2, n)]
    feats: list[list[str]] = []
    append = feats.append
    for i in range(n):
        f = infos[i][1][:]
        if i > 0:
            f += infos[i - 1][2]
            if big[i]:
                f.append("-1:word.bi_gram()")
            if trg[i]:
                f.append("-2:word.tri_gram()")
        if i < n - 1:
            f += infos[i + 1][3]
            if big[i + 1]:
                f.append("+1:word.bi_gram()")
            if i < n - 2 and trg[i + 2]:
                f.append("+2:word.tri_gram()")
        append(f)
    return feats


def _chunks(n: int, toks: list[str]) -> list[tuple[int, int]]:
    if n <= MAX_CHUNK:
        return [(0, n)]
    out = []
    start = 0
    while start < n:
        end = min(start + MAX_CHUNK, n)
        if end < n:
            for j in range(end - 1, start + MAX_CHUNK // 2, -1):
                if toks[j] in _SENT_END:
                    end = j + 1
                    break
        out.append((start, end))
        start = end
    return out


def _segment_line(line: str, model: dict[str, Any], out: list[str]) -> None:
    pairs = tokenize(line)
    if not pairs:
        return
    toks = [p[0] for p in pairs]
    infos = [_token_info(t) for t in toks]
    # a protected token neither joins nor is joined
    blocks = [inf[4] or prot for inf, (_, prot) in zip(infos, pairs)]
    title = [inf[5] for inf in infos]
    tagger = model["tagger"]
    for a, b in _chunks(len(toks), toks):
        labels = tagger.tag(_features(infos[a:b], model["bi"], model["tri"]))
        word = [toks[a]]
        for i in range(a + 1, b):
            # pyvi's joining rule: I_W, neither side punctuation/digit, no lower→Title join
            if (labels[i - a] == "I_W" and not blocks[i] and not blocks[i - 1]
                    and (title[i - 1] or not title[i])):
                word.append(toks[i])
            else:
                out.append("_".join(word) if len(word) > 1 else word[0])
                word = [toks[i]]
        out.append("_".join(word) if len(word) > 1 else word[0])


_RE_LINES = re.compile(r"\n+")
LINE_MAX = 20_000  # characters; longer lines are cut (at a sentence end if any) before tokenising


def _pieces(line: str) -> list[str]:
    """Cut a very long line (a table, a 10 MB run without punctuation) into bounded pieces."""
    if len(line) <= LINE_MAX:
        return [line]
    out = []
    pos, n = 0, len(line)
    while n - pos > LINE_MAX:
        window = line[pos + LINE_MAX // 2: pos + LINE_MAX]
        cut = -1
        for sep in (". ", "; ", "? ", "! ", ", ", " "):
            cut = window.rfind(sep)
            if cut >= 0:
                cut += len(sep)
                break
        end = pos + LINE_MAX // 2 + cut if cut >= 0 else pos + LINE_MAX
        out.append(line[pos:end])
        pos = end
    out.append(line[pos:])
    return out


def segment_normalized(text: str) -> str:
    """``segment`` for text that is already ``normalize``d."""
    if not text or text.isspace():
        return ""
    model = load_model()
    out: list[str] = []
    for line in _RE_LINES.split(text):
        if line and not line.isspace():
            for piece in _pieces(line):
                _segment_line(piece, model, out)
    return " ".join(out)


def segment(text: str) -> str:
    """pyvi-style segmentation: ``"Hà Nội ban hành 15/2020/NĐ-CP"`` → ``"Hà_Nội ban_hành 15/2020/NĐ-CP"``.

    Syllables of a word are joined by ``_``, tokens separated by single spaces (line breaks
    too); case and spelling are kept (input is ``normalize``d first). Empty → ``""``.
    """
    return segment_normalized(normalize(text))


def _worker(text: str) -> str:
    return segment(text)


def segment_many(texts: list[str], workers: int | None = None) -> list[str]:
    """Segment many texts over a forked process pool; order preserved.

    Small batches (under ~200 kB in all, or one worker) run in this process.
    """
    texts = list(texts)
    if workers is None:
        workers = os.cpu_count() or 1
    total = sum(len(t) for t in texts)
    if workers <= 1 or len(texts) < 2 or total < 200_000:
        return [segment(t) for t in texts]
    import multiprocessing as mp

    load_model()  # before fork: the workers inherit the loaded model
    try:
        ctx = mp.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        return [segment(t) for t in texts]
    chunksize = max(1, len(texts) // (workers * 8))
    with ctx.Pool(workers) as pool:
        return pool.map(_worker, texts, chunksize=chunksize)
