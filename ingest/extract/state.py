"""What carries over from one sentence to the next while a text is read: one explicit object."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Discourse:
    """The reader's state between sentences.

    ``main_meeting`` is the meeting the document reports (``main_group`` with those named with it:
    "the 44th and 45th ASEAN Summits"); ``speaker`` the person last named (who "he" and "I" are);
    ``reviewed`` the document last reviewed (what "the findings of the review" inform);
    ``adopting`` (relation, meeting) while a list of adopted or signed documents runs after
    "adopted the following documents:"; ``year`` the year dates without one take (from the
    document's date or its meeting); ``held_on`` the date given once for the meetings of a
    sentence, for the meetings that a list under it names; ``dateline_place`` and ``dateline_date``
    what the dateline at the head of a news report gives ("PHNOM PENH, Aug. 3 (Xinhua) --"): where
    "here" is and which day "today" is, ``dateline_at`` the sentence count at the dateline (the sentence after
    it opens the report); ``index`` how many sentences of the body were read; ``last_meeting`` the meeting last named
    in an earlier sentence (what "the said meeting", "that meeting" refer to).
    """

    main_meeting: str | None = None
    main_group: list[str] = field(default_factory=list)
    speaker: str | None = None
    reviewed: str | None = None
    adopting: tuple[str, str] | None = None
    year: int | None = None
    held_on: tuple[str, str | None] | None = None
    dateline_place: str | None = None
    dateline_date: str | None = None
    dateline_at: int = -1
    index: int = 0
    last_meeting: str | None = None
