"""One set of rules for what a person types, shared by the command line and the web API.

Dates, topics, counts and page numbers are checked here, and each mistake becomes an ``InvalidInput``
whose message a person understands ("--from 2021-13: there is no month 13; write 2021, 2021-03 or
2021-03-05"), never a regular expression or a stack trace. The CLI prints it as one line; the API answers
422 with it. ``name`` is how the caller spells the parameter (``--from`` on the CLI, ``date_from`` on the web).
"""

from __future__ import annotations

import calendar
import re

TOPIC_LABELS = {
    "audit": "审计整改", "epidemic": "疫情防控", "industry": "产业发展", "poverty": "脱贫与乡村振兴",
    "party": "党的建设", "discipline": "纪检监察", "safety": "安全生产", "petition": "信访",
    "personnel": "人事任免", "congress": "人大", "cppcc": "政协", "finance": "财政金融",
    "foreign_trade": "对外贸易", "construction": "城市建设", "livelihood": "民生", "civility": "文明创建",
    "other": "其他",
}
_TOPIC_BY_LABEL = {label: code for code, label in TOPIC_LABELS.items()}

DATE_HELP = "write 2021, 2021-03 or 2021-03-05"
# a year, year-month or day, with - / . or 年月日 between: 2021, 2021-3, 2021/03/05, 2021年3月5日
_DATE_RE = re.compile(r"^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月)?)?\s*年?$")
MIN_YEAR, MAX_YEAR = 1900, 2100


class InvalidInput(ValueError):
    """A value a person typed that cannot be used; ``str()`` is the message to show them."""


def date_bound(value: str | None, name: str) -> str | None:
    """A date filter as ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a partial date names its whole period)."""
    if value is None or not value.strip():
        return None
    m = _DATE_RE.match(value.strip())
    if not m:
        raise InvalidInput(f"{name} {value}: not a date; {DATE_HELP}")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"{name} {value}: the year {year} is out of range ({MIN_YEAR}-{MAX_YEAR})")
    if month is None:
        return f"{year:04d}"
    if not 1 <= int(month) <= 12:
        raise InvalidInput(f"{name} {value}: there is no month {int(month)}; {DATE_HELP}")
    if day is None:
        return f"{year:04d}-{int(month):02d}"
    last = calendar.monthrange(year, int(month))[1]
    if not 1 <= int(day) <= last:
        raise InvalidInput(f"{name} {value}: {year}-{int(month):02d} has no day {int(day)}")
    return f"{year:04d}-{int(month):02d}-{int(day):02d}"


def date_range(date_from: str | None, date_to: str | None, from_name: str = "--from",
               to_name: str = "--to") -> tuple[str | None, str | None]:
    """Both bounds checked, and the first not after the second (compared over the periods they name)."""
    first, last = date_bound(date_from, from_name), date_bound(date_to, to_name)
    if first and last and period_start(first) > period_end(last):
        raise InvalidInput(f"{from_name} {date_from} is after {to_name} {date_to}")
    return first, last


def period_start(date: str) -> str:
    return date + "-01-01"[len(date) - 4:] if len(date) < 10 else date


def period_end(date: str) -> str:
    """The last day a partial date covers ('2023' -> '2023-12-31', '2023-05' -> '2023-05-31')."""
    if len(date) == 4:
        return date + "-12-31"
    if len(date) == 7:
        return f"{date}-{calendar.monthrange(int(date[:4]), int(date[5:7]))[1]:02d}"
    return date


def topic(value: str | None, name: str = "--topic") -> str | None:
    """A topic code from a code (audit) or the label every page shows (审计整改)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value in TOPIC_LABELS:
        return value
    if value in _TOPIC_BY_LABEL:
        return _TOPIC_BY_LABEL[value]
    if value.lower() in TOPIC_LABELS:
        return value.lower()
    known = "、".join(f"{label} ({code})" for code, label in TOPIC_LABELS.items())
    raise InvalidInput(f"{name} {value}: no such topic; the topics are {known}")


def topic_label(code: str) -> str:
    return TOPIC_LABELS.get(code, code)


def count(value: int, name: str, most: int) -> int:
    """How many rows to show: 1 to ``most``."""
    if not 1 <= value <= most:
        raise InvalidInput(f"{name} {value}: give a number from 1 to {most:,}")
    return value


def page_number(value: int, name: str = "--page", most: int = 1_000_000) -> int:
    """A result page, counted from 1."""
    if not 1 <= value <= most:
        raise InvalidInput(f"{name} {value}: result pages are numbered from 1")
    return value


APPOINTMENT_KINDS = {"appoint": "任命", "remove": "免去", "elect": "当选", "acting": "代理"}
_KIND_BY_LABEL = {label: code for code, label in APPOINTMENT_KINDS.items()}


def appointment_kind(value: str | None, name: str = "--kind") -> str | None:
    """An appointment kind from its code (appoint) or label (任命)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    code = value.lower() if value.lower() in APPOINTMENT_KINDS else _KIND_BY_LABEL.get(value)
    if code is None:
        known = "、".join(f"{label} ({code})" for code, label in APPOINTMENT_KINDS.items())
        raise InvalidInput(f"{name} {value}: no such kind; the kinds are {known}")
    return code


def port(value: int, name: str = "--port") -> int:
    if not 1 <= value <= 65535:
        raise InvalidInput(f"{name} {value}: a port is a number from 1 to 65535")
    return value
