"""How en.kremlin.ru is crawled: day listings and the event pages they link."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

from ..base import Crawl

BASE_URL = "http://en.kremlin.ru"
_LISTING = "/events/president/news/by-date/{d:%d.%m.%Y}"
_EVENT = "/events/president/news/{id}"
_EVENT_PATH = re.compile(r"/events/president/news/(\d+)(?:\.html)?/?$")
_LISTING_DAY = re.compile(r"/by-date/(\d{2})\.(\d{2})\.(\d{4})")
_HREF = re.compile(r"""href\s*=\s*["']([^"'#?]+)""", re.I)


def listing_path(day: dt.date) -> str:
    return _LISTING.format(d=day)


def event_path(event_id: str) -> str:
    return _EVENT.format(id=event_id)


def event_ids(html: str, listing_url: str) -> list[str]:
    """Event ids linked from a day listing, in order, whatever the link form: the live
    site's ``/events/president/news/ID``, the saved ``../ID.html``, absolute or relative."""
    ids: list[str] = []
    for href in _HREF.findall(html):
        m = _EVENT_PATH.search(urlsplit(urljoin(listing_url, href)).path)
        if m and m.group(1) not in ids:
            ids.append(m.group(1))
    return ids


_EVENT_URL = re.compile(
    r"^(?:https?://)?(?:www\.)?en\.kremlin\.ru/(?:events/president/(?:news|transcripts)/|d/)(\d+)(?:\.html)?/?(?:[?#].*)?$",
    re.I,
)


def event_id_of_url(url: str) -> str | None:
    """The event id in an en.kremlin.ru event URL (http or https, with or without the
    scheme, the short ``/d/ID`` link), else None."""
    m = _EVENT_URL.match(url.strip())
    return m.group(1) if m else None


def listing_day(url: str) -> dt.date | None:
    m = _LISTING_DAY.search(url)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# One request per second and two connections: the site's robots.txt sets no crawl delay,
# and this is what a careful archive of a government site asks of it.
CRAWL = Crawl(
    base_url=BASE_URL,
    listing_path=listing_path,
    event_path=event_path,
    event_ids=event_ids,
    listing_day=listing_day,
    rate=1.0,
    connections=2,
)
