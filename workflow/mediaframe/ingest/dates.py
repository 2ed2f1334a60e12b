"""Publication dates as news sources write them, parsed once per distinct string.

Scrapers hand over dates in every form: ISO 8601 (``2022-12-04``, ``2022-12-04T10:00Z``),
RFC 2822 (``Sun, 04 Dec 2022 10:00:00 +0000``), ``4 December 2022``, ``Dec 4, 2022``,
``4 ديسمبر 2022``, Levantine month names (``٤ كانون الأول ٢٠٢٢``), ``04/12/2022`` and
epoch seconds. :func:`parse_published` takes the fast path for ISO dates and epoch
numbers (a polars expression over the whole column) and sends each *distinct* remaining
string once to ``dateparser``, which costs milliseconds per call. Relative dates
(``yesterday``) and dates missing a part (``December 2022``) are not guessed: they would
depend on the day the pipeline runs. A parsed date outside ``MIN_YEAR``–``MAX_YEAR`` is
treated as unparsed (``0000-01-01`` is a placeholder, not a date).

The caller keeps the original string beside the parsed date, and every string that
could not be parsed comes back with the reason, so the corpus report can list them.

Example:
    >>> parse_date_string("٤ كانون الأول ٢٠٢٢", "DMY")
    (datetime.date(2022, 12, 4), None)
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import polars as pl

DATE_ORDERS = ("DMY", "MDY", "YMD")
MIN_YEAR, MAX_YEAR = 1800, 2100
_INDIC_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)} | {
    chr(0x06F0 + d): str(d) for d in range(10)
}
# Levantine (Syriac-derived) month names, which dateparser does not know; longest first
# so that "كانون الأول" is replaced before a bare "كانون" could be.
_LEVANTINE_MONTHS = {
    "كانون الثاني": "January",
    "كانون الأول": "December",
    "كانون الاول": "December",
    "تشرين الثاني": "November",
    "تشرين الأول": "October",
    "تشرين الاول": "October",
    "شباط": "February",
    "آذار": "March",
    "اذار": "March",
    "نيسان": "April",
    "أيار": "May",
    "ايار": "May",
    "حزيران": "June",
    "تموز": "July",
    "آب": "August",
    "أيلول": "September",
    "ايلول": "September",
}
_LEVANTINE = re.compile("|".join(sorted(map(re.escape, _LEVANTINE_MONTHS), key=len, reverse=True)))
_EPOCH = re.compile(r"^-?\d{9,13}(?:\.\d+)?$")


def _plain_digits(text: str) -> str:
    return text.translate(str.maketrans(_INDIC_DIGITS)).replace("\u066b", ".")


def parse_date_string(text: str, order: str = "DMY") -> tuple[date | None, str | None]:
    """Parse one date string: ``(date, None)`` or ``(None, why not)``."""
    cleaned = _LEVANTINE.sub(lambda m: _LEVANTINE_MONTHS[m.group(0)], _plain_digits(text)).strip()
    if not cleaned:
        return None, "empty date"
    if _EPOCH.match(cleaned):
        number = float(cleaned)
        seconds = number / 1000 if abs(number) >= 1e11 else number
        try:
            parsed = datetime.fromtimestamp(seconds, UTC).date()
        except (OverflowError, OSError, ValueError):
            return None, f"epoch number {text!r} is out of range"
        return _in_range(parsed, text)
    import dateparser

    try:
        found = dateparser.parse(
            cleaned,
            languages=["ar", "en", "fr"],
            settings={
                "DATE_ORDER": order,
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except (ValueError, OverflowError) as error:  # dateparser raises on some impossible dates
        return None, f"{text!r} is not a date ({error})"
    if found is None:
        return None, f"{text!r} is not a date in any known format"
    return _in_range(found.date(), text)


def _in_range(parsed: date, text: str) -> tuple[date | None, str | None]:
    if MIN_YEAR <= parsed.year <= MAX_YEAR:
        return parsed, None
    return None, f"{text!r} is outside the years {MIN_YEAR}-{MAX_YEAR}"


def parse_published(values: pl.Series, order: str = "DMY") -> pl.DataFrame:
    """Parse a column of date strings into ``published`` (Date) and ``date_problem``.

    ISO dates take a vectorised fast path; each other distinct string is parsed once.
    ``date_problem`` is null where the value was parsed or absent, else the reason.
    """
    if order not in DATE_ORDERS:
        raise ValueError(f"date order must be one of {DATE_ORDERS}, not {order!r}")
    text = values.cast(pl.String).str.strip_chars()
    iso = (
        pl.select(
            pl.when(text.str.contains(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])"))
            .then(text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False))
            .alias("iso")
        )
        .to_series()
        .alias("iso")
    )
    iso = iso.set((iso.dt.year() < MIN_YEAR) | (iso.dt.year() > MAX_YEAR), None)
    pending = text.filter(iso.is_null() & text.is_not_null() & (text != "")).unique()
    parsed = {value: parse_date_string(value, order) for value in pending.sort()}
    published = [
        fast if fast is not None else (parsed[value][0] if value else None)
        for fast, value in zip(iso.to_list(), text.to_list(), strict=True)
    ]
    problems = [
        None if fast is not None or not value else parsed[value][1]
        for fast, value in zip(iso.to_list(), text.to_list(), strict=True)
    ]
    return pl.DataFrame(
        {"published": published, "date_problem": problems},
        schema={"published": pl.Date(), "date_problem": pl.String()},
    )
