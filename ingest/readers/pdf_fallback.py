"""A second opinion for PDFs that pdfium refuses: pdfminer.six's parser recovers some files with
broken cross-reference tables or damaged object streams. Slower (~1/30 of pdftotext), so it runs
only when the fast reader failed."""

from __future__ import annotations

import io

from ingest.raw import RawDocument


def read_with_pdfminer(data: bytes, path: str, why: str) -> RawDocument | None:
    """The text pdfminer.six finds, or None when it finds nothing either."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        text = extract_text(io.BytesIO(data))
    except (PDFSyntaxError, PSException, PDFPasswordIncorrect, ValueError, KeyError, TypeError, AttributeError):
        return None
    lines = [line.rstrip() for line in text.replace("\f", "\n").splitlines()]
    text = "\n".join(lines).strip()
    if len(text) < 15:
        return None
    doc = RawDocument(path=path, format="pdf", text=text)
    doc.warnings.append(f"pdfium could not read this PDF ({why}); text recovered with pdfminer.six")
    return doc
