"""Dates as Vietnamese documents write them. Date-only, no timezone (domain notes §3.3)."""

from __future__ import annotations

import re
from datetime import date

# "ngày 20 tháng 11 năm 2019", "ngày03 tháng 12", "Ngày 5 tháng12 năm 2024", "ngày 28\n\ntháng 02"
# tolerant of a broken font map that drops accented letters ("08 th ng 6 năm 2024") and of
# "ngày" typed for "năm" before the year ("29 tháng 3 ngày 2011", seen in laws.jsonl)
_THANG = r"th(?:á|a|\s)?ng"
_NAM = r"(?:n(?:ă|a|\s)?m|ngày)"
VI_DATE = re.compile(
    rf"[Nn]g(?:à|a|\s)?y\s*(?P<d>\d{{1,2}})\s*(?:[,.]\s*)?{_THANG}\s*(?P<m>\d{{1,2}})\s*(?:[,.]\s*)?{_NAM}\s*(?P<y>\d{{4}})"
)
# "21/11/2007", "24-03-2021", "20-5-1957", "02.3.2011"
NUM_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*([/.-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>(?:19|20)\d{2})(?!\d)")

MIN_YEAR = 1945


def make_date(y: int | str, m: int | str, d: int | str) -> date | None:
    try:
        value = date(int(y), int(m), int(d))
    except (ValueError, TypeError):
        return None
    if value.year < MIN_YEAR or value.year > date.today().year + 3:
        return None  # lint V5: outside the plausible range is a parse error, not a date
    return value


def parse_vi_date(text: str) -> date | None:
    """The first date in text, in either the words form or the numeric form."""
    if not text:
        return None
    m = VI_DATE.search(text)
    n = NUM_DATE.search(text)
    if m and (not n or m.start() <= n.start()):
        return make_date(m["y"], m["m"], m["d"])
    if n:
        return make_date(n["y"], n["m"], n["d"])
    return None


def parse_iso_or_vi(value: object) -> date | None:
    """A date from structured metadata: a date, 'YYYY-MM-DD', 'DD/MM/YYYY', 'DD-MM-YYYY'."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    iso = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value)
    if iso:
        return make_date(iso[1], iso[2], iso[3])
    return parse_vi_date(value)
