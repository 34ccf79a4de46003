"""ZIP archives, read recursively: members become documents named "a.zip!dir/x.pdf".

Refused with ReaderError: members whose names climb out of the archive ("../", absolute paths),
nesting deeper than ``MAX_DEPTH``, and zip bombs (too many bytes once inflated, or a member that
inflates far beyond its compressed size). Sizes are checked from the directory first and again
while inflating, since a hostile archive can lie in its directory.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator

from ingest.raw import RawDocument, ReaderError

MAX_DEPTH = 3  # an archive inside an archive inside an archive, no deeper
MAX_TOTAL = 2 * 1024**3  # bytes inflated per archive, nested members included
MAX_MEMBER = 512 * 1024**2
MAX_RATIO = 200  # inflated / compressed; real documents stay well under 50
MAX_MEMBERS = 100_000
_JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")

ReadBytes = Callable[[bytes, str, int], Iterator[RawDocument]]


def new_budget() -> list[int]:
    """Bytes still allowed to inflate, shared by an archive and every archive nested in it."""
    return [MAX_TOTAL]


def read_zip(data: bytes, path: str, depth: int, read_member: ReadBytes,
             on_error: Callable[[ReaderError], None] | None,
             budget: list[int]) -> Iterator[RawDocument]:
    if depth > MAX_DEPTH:
        raise ReaderError(path, f"archive nested deeper than {MAX_DEPTH} levels: refused")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReaderError(path, f"corrupt ZIP: {exc}") from exc
    with archive:
        members = _checked_members(archive, path)
        for info in members:
            member_path = f"{path}!{_name(info)}"
            try:
                payload = _inflate(archive, info, member_path, budget)
                yield from read_member(payload, member_path, depth + 1)
            except ReaderError as exc:
                if on_error is None or exc.reason.startswith("zip bomb"):
                    raise
                on_error(exc)


def _checked_members(archive: zipfile.ZipFile, path: str) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ReaderError(path, f"zip bomb: {len(infos)} members")
    total = 0
    members = []
    for info in infos:
        name = _name(info)
        if _escapes(name):
            raise ReaderError(path, f"path traversal in member name {name!r}: archive refused")
        if info.is_dir() or _is_junk(name):
            continue
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL:
            raise ReaderError(path, f"zip bomb: {name!r} inflates past the size limit")
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024**2:
            raise ReaderError(path, f"zip bomb: {name!r} compresses {info.file_size // max(info.compress_size, 1)}:1")
        members.append(info)
    return members


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member_path: str,
             budget: list[int]) -> bytes:
    """Read at most the declared size (and the remaining budget): a member that inflates past
    what its header promised is a bomb."""
    if info.flag_bits & 0x1:
        raise ReaderError(member_path, "encrypted ZIP member: a password is needed")
    limit = min(info.file_size, budget[0])
    try:
        with archive.open(info) as fh:
            payload = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise ReaderError(member_path, f"corrupt ZIP member: {exc}") from exc
    if len(payload) > limit:
        raise ReaderError(member_path, "zip bomb: member inflates past its declared size")
    budget[0] -= len(payload)
    return payload


def _name(info: zipfile.ZipInfo) -> str:
    """Member names without the UTF-8 flag are cp437 to zipfile; Windows archivers wrote them
    in UTF-8 or cp1258 all the same."""
    name = info.filename
    if not info.flag_bits & 0x800:
        raw = name.encode("cp437", "replace")
        for codec in ("utf-8", "cp1258"):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                continue
    return name


def _escapes(name: str) -> bool:
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return True
    return ".." in posixpath.normpath(name).split("/")


def _is_junk(name: str) -> bool:
    base = posixpath.basename(name)
    return name.startswith(_JUNK[0]) or base in _JUNK[1:] or base.startswith("._")
