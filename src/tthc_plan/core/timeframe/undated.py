"""Times with no date: ongoing work, work on request, per another document, after an
event. A name or an event runs to the end of its clause, or to a time that follows
it as a part of its own ("Theo yêu cầu, chậm nhất ngày 31/12/2026")."""

from __future__ import annotations

from tthc_plan.core.docref import parse_document_ref
from tthc_plan.core.timeframe.context import Context, Found, timely, words_until_time
from tthc_plan.core.timeframe.types import AfterEvent, Ongoing, OnRequest, PerReference


def ongoing(c: Context, i: int) -> Found:
    s = c.s
    j = s.any_of(i, "thuong xuyen", "lien tuc", "hang ngay")
    if j is None:
        return None
    while (k := s.any_of(j, ", lien tuc", "lien tuc", ", hieu qua")) is not None:
        j = k
    return [Ongoing()], j


_REQUEST = ("theo yeu cau", "theo chi dao", "khi co yeu cau", "khi co chi dao")


def on_request(c: Context, i: int) -> Found:
    """Read "theo yêu cầu (của X)", "đột xuất", "(kế hoạch) kiểm tra đột xuất theo chỉ đạo"."""
    s = c.s
    j = s.any_of(i, "ke hoach kiem tra", "kiem tra", "bao cao", "bc") or i
    if (k := s.any_of(j, "dot xuat", "do xuat")) is not None:  # "độ xuất": the 2024 plan's typo
        j = s.any_of(k, *_REQUEST) or k
    elif (k := s.any_of(j, *_REQUEST)) is not None:
        j = k
    else:
        return None
    j = s.any_of(j, "cua") or j
    end = words_until_time(c, j)
    if timely(c, j, end) is not None:
        return None
    return [OnRequest(s.text(j, end) or None)], end


# ("thong tu'": "tư" is read as itself, not as "từ": see lexicon.FALSE_FRIENDS.)
_DOCUMENTS = ("ke hoach", "quyet dinh", "cong van", "thong bao", "chuong trinh", "huong dan",
              "van ban", "nghi quyet", "chi thi", "tien do", "lo trinh", "nghi dinh", "luat",
              "thong tu'", "qd", "cv", "kh", "tb", "nq", "ct", "hd")  # fmt: skip


def per_reference(c: Context, i: int) -> Found:
    s = c.s
    j = s.any_of(i, "theo")
    if j is None or s.any_of(j, *_DOCUMENTS) is None:
        return None
    end = words_until_time(c, j)
    return [PerReference(parse_document_ref(s.text(j, end)))], end


def after_event(c: Context, i: int) -> Found:
    """Read "(ngay) sau khi X", "khi (có) X", "sau 5 ngày (làm việc) kể từ X",
    "trong (vòng|thời hạn) 10 ngày (làm việc) kể từ X", "sau X" (X no time)."""
    s = c.s
    within = s.any_of(i, "trong vong", "trong thoi han", "trong")
    j = within if within is not None else s.any_of(i, "ngay sau", "sau")
    if j is not None and (days := s.number(j, 1, 366)):
        k = s.any_of(j + 1, "ngay")
        working = k is not None and s.any_of(k, "lam viec") is not None
        k = s.any_of(k, "lam viec") or k if k is not None else None
        event = None if k is None else s.any_of(k, "ke tu", "tu")
        if event is None or event >= len(s.tokens):
            return None
        end = words_until_time(c, event)
        if timely(c, s.any_of(event, "ngay", "khi") or event, end) is not None:
            return None  # "kể từ ngày nhận hồ sơ": an event; "kể từ ngày 15/3": see _counted
        return [AfterEvent(s.text(event, end), days, working)], end
    if within is not None:
        return None
    j = s.any_of(i, "ngay sau khi", "sau khi", "khi co", "khi", "sau")
    if j is None or j >= len(s.tokens) or not s.texts[j].isalpha():
        return None
    start = j - 1 if s.word(j - 1) == "co" and s.word(j - 2) == "khi" else j
    end = words_until_time(c, start)
    if timely(c, s.any_of(start, "ngay") or start, end) is not None:
        return None  # "sau ngày ký Quyết định": an event; "sau ngày 15/3": `_from`
    return [AfterEvent(s.text(start, end))], end
