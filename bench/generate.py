#!/usr/bin/env python3
"""A synthetic ASEAN-like corpus for benchmarks: YAML records, statement texts and their gold facts.

Deterministic for a seed; streams, so 10M triples never sit in memory at once.

    python bench/generate.py --scale 100k --seed 7 --out bench/out/gen-100k

What it writes under the output folder:

``records/*.yaml``
    Record files in graphkit's curated format (docs/records.md), several files of ~50k facts.
    The top of the body hierarchy, the member states, memberships, chairmanships 2015-2026 and
    the real places are the real records of ``ingest/records/`` copied as they are; below them
    come synthetic sectoral ministerial bodies, senior officials' meetings, working groups and
    experts groups, each with a numbered meeting series across the years (host state, city,
    venue, chair, dates, "held in conjunction with" the ASEAN Summit of the half-year), the
    documents each meeting adopts (statements, declarations, five-year work plans that succeed
    one another and implement the pillar blueprints, mid-term reviews that review a work plan
    and inform the next, opening remarks, news reports), the posts of each member state's
    ministers and the persons who held them over time, with dates.
``texts/*.txt`` and ``gold.jsonl``
    Statement texts written from those facts in the style of ASEAN chairman's statements and
    joint statements (varied templates, distractor sentences), and per text the gold facts it
    states: ``{"text", "document", "title", "kind", "date", "facts": [[subject, relation,
    object], ...]}`` with record ids and record field keys; the document itself is the subject
    ``@document`` for facts about the statement.
``manifest.json``
    Seed, scale, counts, the estimated number of facts and sample parameter values for the
    saved queries (a person who spoke, a document with lineage, a source address).

As a library: ``generate(out_dir, scale, seed=7, texts=None) -> dict`` (the manifest).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_RECORDS = ROOT / "ingest" / "records"
TOPICS_TTL = ROOT / "ontologies" / "topics.ttl"
REAL_FILES = ("organisations.yaml", "bodies.yaml", "places.yaml", "chairs.yaml")
LAST_YEAR = 2026
LAST_DATE = dt.date(2026, 11, 20)
CHUNK_FACTS = 50_000
DOC = "@document"
# Relations the gold files score (the extractor's RELATIONS); dates go to gold.jsonl only.
GOLD_RELATIONS = {"holds", "inConjunctionWith", "addresses", "reviews", "informs", "adoptedAt", "chairedBy",
                  "chairState", "location", "heldAt", "about", "succeeds"}


def parse_scale(text: str | int) -> int:
    """``"10k"`` -> 10000, ``"1M"`` -> 1000000, ``"2.5e5"`` -> 250000."""
    if isinstance(text, int):
        return text
    t = str(text).strip().lower().replace("_", "")
    mult = 1
    if t.endswith("k"):
        mult, t = 1_000, t[:-1]
    elif t.endswith("m"):
        mult, t = 1_000_000, t[:-1]
    return int(float(t) * mult)


def scale_label(n: int) -> str:
    """10000 -> "10k", 1000000 -> "1M"."""
    if n >= 1_000_000 and n % 100_000 == 0:
        return f"{n / 1_000_000:g}M"
    if n >= 1_000 and n % 100 == 0:
        return f"{n / 1_000:g}k"
    return str(n)


def rng_for(seed: int, *key: Any) -> random.Random:
    """An independent, reproducible random stream for one part of the corpus."""
    return random.Random(hashlib.sha256(repr((seed,) + key).encode()).digest())


def ordinal(n: int) -> str:
    """1 -> "1st", 12 -> "12th", 23 -> "23rd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


# ============================================================================ the world: states
@dataclass
class State:
    """A member state, with what the generator needs to write about it."""

    id: str
    name: str          # as in the records ("Philippines")
    formal: str        # as in post titles ("the Philippines")
    joined: int        # year of ASEAN membership
    head: str          # head of government post title
    minister: str      # "Minister" or "Secretary"
    given: list[str]
    family: list[str]
    style: str         # how names are put together
    honorifics: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)     # place ids, capital first


STATES = [
    State("state/brunei-darussalam", "Brunei Darussalam", "Brunei Darussalam", 1984, "Prime Minister", "Minister",
          ["Mohammad", "Abdul", "Erywan", "Yusof", "Hamzah", "Awang", "Lim", "Matsatejo", "Halbi", "Amin"],
          ["Yusof", "Hamid", "Sokiaw", "Jaafar", "Rahman", "Metassim", "Sallehuddin", "Abdullah"], "bin",
          ["Dato Seri Setia", "Pehin", "Dato Paduka"]),
    State("state/cambodia", "Cambodia", "Cambodia", 1999, "Prime Minister", "Minister",
          ["Sokhonn", "Sophal", "Vuthy", "Dara", "Sambath", "Vannak", "Chanthol", "Sokha", "Pheaktra", "Bunthoeun"],
          ["Prak", "Sok", "Chea", "Keo", "Tea", "Kong", "Men", "Hor", "Ouk", "Sun", "Chhay", "Pen"], "family-first",
          ["Samdech", "H.E."]),
    State("state/indonesia", "Indonesia", "Indonesia", 1967, "President", "Minister",
          ["Budi", "Retno", "Agus", "Sri", "Dewi", "Bambang", "Siti", "Hadi", "Yusuf", "Arief", "Wahyu", "Rina",
           "Teguh", "Mahendra", "Sugiono", "Airlangga"],
          ["Santoso", "Wibowo", "Pratama", "Hidayat", "Kusuma", "Saputra", "Nugroho", "Setiawan", "Marsudi",
           "Hartarto", "Suryadi", "Halim"], "western", []),
    State("state/lao-pdr", "Lao PDR", "the Lao PDR", 1997, "Prime Minister", "Minister",
          ["Saleumxay", "Thongsing", "Bounnhang", "Khamphao", "Phankham", "Alounkeo", "Somdy", "Bounkham",
           "Viengthong", "Chansamone"],
          ["Kommasith", "Phomvihane", "Vorachith", "Viphavanh", "Kittikhoun", "Douangsavanh", "Phommachanh",
           "Sengdara", "Inthavong"], "western", []),
    State("state/malaysia", "Malaysia", "Malaysia", 1967, "Prime Minister", "Minister",
          ["Ahmad", "Mohd", "Zainal", "Kamal", "Azman", "Hishammuddin", "Rafizi", "Fadillah", "Anifah", "Saifuddin",
           "Nik", "Tengku", "Zafrul", "Amir"],
          ["Hamidi", "Abdullah", "Hussein", "Aman", "Ismail", "Yusof", "Rahman", "Othman", "Hassan", "Nasution",
           "Aziz"], "bin", ["Datuk Seri", "Dato'", "Tan Sri", "Datuk"]),
    State("state/myanmar", "Myanmar", "Myanmar", 1997, "Prime Minister", "Minister",
          ["Aung", "Kyaw", "Min", "Thant", "Win", "Zaw", "Myint", "Tin", "Than", "Soe", "Htun", "Naing", "Wunna",
           "Maung", "Thein"],
          [], "syllables", ["U"]),
    State("state/philippines", "Philippines", "the Philippines", 1967, "President", "Secretary",
          ["Maria", "Jose", "Juan", "Antonio", "Teodoro", "Enrique", "Carlos", "Ramon", "Lourdes", "Manuel",
           "Rosario", "Gilberto", "Alfredo", "Cristina"],
          ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Aquino", "Lopez", "Manalo", "Lazaro",
           "Villanueva", "Ramos", "Locsin"], "western", []),
    State("state/singapore", "Singapore", "Singapore", 1967, "Prime Minister", "Minister",
          ["Kee Wee", "Hong Kiat", "Chun Sing", "Swee Keat", "Boon Heng", "Wei Ling", "Kah Seng", "Mei Hua",
           "Yong Jie", "Hui Min"],
          ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Teo", "Heng", "Chan", "Koh"], "family-first", []),
    State("state/thailand", "Thailand", "Thailand", 1967, "Prime Minister", "Minister",
          ["Somchai", "Surakiart", "Sihasak", "Anutin", "Parnpree", "Kasit", "Nopadol", "Wanchai", "Sompong",
           "Chutima", "Pornpimol", "Thaksin"],
          ["Srisuk", "Chanpong", "Thongchai", "Suwannarat", "Rattanakul", "Wongsawat", "Jitpraphan", "Bahidha",
           "Phuangketkeow", "Sathirathai"], "western", []),
    State("state/viet-nam", "Viet Nam", "Viet Nam", 1995, "Prime Minister", "Minister",
          ["Hung", "Lan", "Binh", "Son", "Tuan", "Hai", "Long", "Dung", "Minh", "Quang", "Thang", "Hoa"],
          ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do"], "vietnamese", []),
    State("state/timor-leste", "Timor-Leste", "Timor-Leste", 2026, "Prime Minister", "Minister",
          ["Jose", "Adaljiza", "Nicolau", "Agio", "Marcelina", "Fidelis", "Rui", "Joaquim", "Milena"],
          ["Magno", "Alkatiri", "Guterres", "Pereira", "da Costa", "Soares", "Belo", "Amaral", "Ximenes"],
          "western", []),
]
STATE_BY_ID = {s.id: s for s in STATES}

# Real cities of each state not among the shipped places (capital or main city first when new).
EXTRA_CITIES = {
    "state/brunei-darussalam": [],
    "state/cambodia": ["Siem Reap", "Sihanoukville", "Battambang", "Kampot"],
    "state/indonesia": ["Nusa Dua", "Yogyakarta", "Surabaya", "Bandung", "Medan", "Makassar"],
    "state/lao-pdr": ["Luang Prabang", "Pakse", "Savannakhet", "Vang Vieng"],
    "state/malaysia": ["Putrajaya", "George Town", "Kota Kinabalu", "Kuching", "Langkawi", "Johor Bahru"],
    "state/myanmar": ["Nay Pyi Taw", "Yangon", "Mandalay", "Bagan"],
    "state/philippines": ["Davao City", "Clark", "Iloilo City", "Baguio", "Makati"],
    "state/singapore": [],
    "state/thailand": ["Chiang Mai", "Phuket", "Pattaya", "Hua Hin", "Khon Kaen"],
    "state/viet-nam": ["Da Nang", "Ho Chi Minh City", "Hue", "Ha Long", "Nha Trang", "Hoi An"],
    "state/timor-leste": ["Dili"],
}
VENUE_PATTERNS = ["{city} International Convention Centre", "{city} Grand Ballroom", "{city} Riverside Hotel",
                  "National Conference Hall, {city}"]

# Ministerial portfolios: key -> the portfolio as it follows "Minister of".
PORTFOLIOS = {
    "foreign": "Foreign Affairs", "defence": "Defence", "home": "Home Affairs", "law": "Law",
    "trade": "Trade", "finance": "Finance", "energy": "Energy", "agriculture": "Agriculture",
    "transport": "Transport", "digital": "Digital Affairs", "tourism": "Tourism", "science": "Science and Technology",
    "health": "Health", "education": "Education", "labour": "Labour", "social": "Social Welfare",
    "environment": "Environment", "culture": "Culture", "youth": "Youth and Sports", "information": "Information",
    "rural": "Rural Development", "women": "Women's Affairs", "civil-service": "Public Service",
}


def post_id(state: State, portfolio: str) -> str:
    """The natural key the extractor also uses: post/<state>-<role>-minister."""
    tail = state.id.split("/", 1)[1]
    if portfolio == "head":
        return f"post/{tail}-{slugify(state.head)}"
    if portfolio in ("foreign", "defence", "home"):
        return f"post/{tail}-{portfolio}-minister"
    return f"post/{tail}-{slugify(PORTFOLIOS[portfolio])}-minister"


def post_name(state: State, portfolio: str) -> str:
    if portfolio == "head":
        return f"{state.head} of {state.formal}"
    return f"{state.minister} of {PORTFOLIOS[portfolio]} of {state.formal}"


# ============================================================================ the world: bodies
@dataclass
class Body:
    """A body with a numbered meeting series."""

    id: str
    name: str
    acronym: str | None
    level: str                  # summit, council, ministerial, som, wg, eg, other
    pillar: str | None          # body/apsc-council ...
    portfolio: str | None       # whose minister chairs it
    topics: list[str]
    first_year: int = 1976      # year of the first meeting of the series
    per_year: int = 1
    every: int = 1              # meets every N years
    real: bool = False
    parent: str | None = None
    classification: str | None = None

    @property
    def slug(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def short(self) -> str:
        return self.acronym or self.name

    def meeting_name(self, n: int) -> str:
        if self.level in ("wg", "eg") or self.name.endswith(("Commission on Human Rights", "to ASEAN")):
            return f"{ordinal(n)} Meeting of the {self.name}"
        if self.name.endswith(("Meeting", "Summit", "Forum", "Meeting-Plus")):
            return f"{ordinal(n)} {self.name}"
        return f"{ordinal(n)} {self.name} Meeting"


# Series of the real bodies: first year, meetings a year, every N years; chairs' portfolio; topics.
REAL_SERIES: dict[str, dict[str, Any]] = {
    "body/acc": dict(level="council", first_year=2009, per_year=2, portfolio="foreign",
                     topics=["community-building", "regional-integration"]),
    "body/apsc-council": dict(level="council", pillar="body/apsc-council", first_year=2011, per_year=2,
                              portfolio="foreign", topics=["peace-and-security", "maritime-security",
                                                           "south-china-sea", "myanmar-crisis", "cybersecurity"]),
    "body/aec-council": dict(level="council", pillar="body/aec-council", first_year=2011, per_year=2,
                             portfolio="trade", topics=["regional-integration", "digital-infrastructure-resilience"]),
    "body/ascc-council": dict(level="council", pillar="body/ascc-council", first_year=2011, per_year=2,
                              portfolio="social", topics=["community-building", "human-rights", "climate-change",
                                                          "disaster-management", "migrant-workers"]),
    "body/amm": dict(level="ministerial", pillar="body/apsc-council", first_year=1968, portfolio="foreign",
                     topics=["peace-and-security", "south-china-sea", "myanmar-crisis", "community-building"]),
    "body/admm": dict(level="ministerial", pillar="body/apsc-council", first_year=2007, portfolio="defence",
                      topics=["peace-and-security", "maritime-security", "terrorism"]),
    "body/admm-plus": dict(level="ministerial", pillar="body/apsc-council", first_year=2010, portfolio="defence",
                           topics=["maritime-security", "terrorism", "disaster-management"]),
    "body/ammtc": dict(level="ministerial", pillar="body/apsc-council", first_year=2007, portfolio="home",
                       topics=["transnational-crime", "trafficking-in-persons", "cybercrime", "illicit-drugs",
                               "terrorism", "online-scams", "scam-centres"]),
    "body/somtc": dict(level="som", pillar="body/apsc-council", first_year=2001,
                       topics=["transnational-crime", "trafficking-in-persons", "cybercrime", "illicit-drugs"]),
    "body/dgicm": dict(level="som", pillar="body/apsc-council", first_year=1997,
                       topics=["trafficking-in-persons", "migrant-workers"]),
    "body/alawmm": dict(level="ministerial", pillar="body/apsc-council", first_year=1986, every=3, portfolio="law",
                        topics=["transnational-crime", "human-rights"]),
    "body/aslom": dict(level="som", pillar="body/apsc-council", first_year=2001, topics=["transnational-crime"]),
    "body/arf": dict(level="ministerial", pillar="body/apsc-council", first_year=1994, portfolio="foreign",
                     topics=["peace-and-security", "maritime-security", "south-china-sea"]),
    "body/aichr": dict(level="other", pillar="body/apsc-council", first_year=2010, per_year=2,
                       topics=["human-rights", "women-and-children", "migrant-workers"]),
    "body/cpr": dict(level="other", first_year=2009, per_year=2, topics=["community-building"]),
}

# ASEAN Summits: ordinal -> (year, half). Real numbering: two a year from 2009 (14th/15th).
SUMMITS: dict[int, tuple[int, int]] = {1: (1976, 0), 2: (1977, 0), 3: (1987, 1), 4: (1992, 0), 5: (1995, 1),
                                       6: (1998, 1), 7: (2001, 1), 8: (2002, 1), 9: (2003, 1), 10: (2004, 1),
                                       11: (2005, 1), 12: (2007, 0), 13: (2007, 1)}
for _y in range(2009, LAST_YEAR + 1):
    for _h in (0, 1):
        SUMMITS[14 + 2 * (_y - 2009) + _h] = (_y, _h)
SUMMIT_BY_YEAR_HALF = {v: k for k, v in SUMMITS.items()}

# Synthetic sectors under the three Community Councils: (council, sector, letters, portfolio, topics).
SECTORS = [
    ("body/apsc-council", "Cybersecurity", "CS", "digital", ["cybersecurity", "digital-infrastructure-resilience", "cybercrime"]),
    ("body/aec-council", "Trade", "T", "trade", ["regional-integration"]),
    ("body/ascc-council", "Health", "H", "health", ["community-building"]),
    ("body/apsc-council", "Maritime Cooperation", "MC", "foreign", ["maritime-security", "south-china-sea"]),
    ("body/aec-council", "Finance", "F", "finance", ["regional-integration"]),
    ("body/ascc-council", "Education", "ED", "education", ["community-building"]),
    ("body/apsc-council", "Drug Matters", "D", "home", ["illicit-drugs", "transnational-crime"]),
    ("body/aec-council", "Energy", "E", "energy", ["environment", "climate-change", "regional-integration"]),
    ("body/ascc-council", "Labour", "L", "labour", ["migrant-workers", "forced-labour"]),
    ("body/apsc-council", "Counter-Terrorism", "CT", "home", ["terrorism"]),
    ("body/aec-council", "Agriculture and Forestry", "AF", "agriculture", ["environment", "regional-integration"]),
    ("body/ascc-council", "Social Welfare and Development", "SWD", "social", ["women-and-children", "community-building"]),
    ("body/apsc-council", "Women, Peace and Security", "WPS", "women", ["women-and-children", "peace-and-security"]),
    ("body/aec-council", "Transport", "TR", "transport", ["regional-integration"]),
    ("body/ascc-council", "Environment", "ENV", "environment", ["environment", "climate-change"]),
    ("body/apsc-council", "Immigration", "IM", "home", ["trafficking-in-persons", "migrant-workers"]),
    ("body/aec-council", "Digital Economy", "DE", "digital", ["regional-integration", "digital-infrastructure-resilience"]),
    ("body/ascc-council", "Disaster Management", "DM", "social", ["disaster-management", "climate-change"]),
    ("body/aec-council", "Tourism", "TO", "tourism", ["regional-integration", "community-building"]),
    ("body/ascc-council", "Culture and Arts", "CA", "culture", ["community-building"]),
    ("body/aec-council", "Investment", "I", "trade", ["regional-integration"]),
    ("body/ascc-council", "Youth", "Y", "youth", ["community-building"]),
    ("body/aec-council", "Science, Technology and Innovation", "STI", "science", ["regional-integration"]),
    ("body/ascc-council", "Sports", "S", "youth", ["community-building"]),
    ("body/aec-council", "Minerals", "MI", "energy", ["environment"]),
    ("body/ascc-council", "Information", "INF", "information", ["community-building"]),
    ("body/aec-council", "Competition and Consumer Protection", "CCP", "trade", ["regional-integration"]),
    ("body/ascc-council", "Rural Development and Poverty Eradication", "RDPE", "rural", ["community-building"]),
    ("body/ascc-council", "Women", "W", "women", ["women-and-children", "human-rights"]),
    ("body/ascc-council", "Civil Service Matters", "CSM", "civil-service", ["community-building"]),
    ("body/ascc-council", "Transboundary Haze Pollution", "HZ", "environment", ["environment", "climate-change"]),
]
SUBJECTS = ["Capacity Building", "Information Sharing", "Legal Frameworks", "Statistics", "Research and Development",
            "Public Awareness", "Standards and Conformance", "Monitoring and Evaluation", "Regional Cooperation",
            "Data Protection", "Emergency Response", "Technical Cooperation", "Resource Mobilisation",
            "Policy Dialogue", "Training", "Dialogue Partner Engagement", "Early Warning", "Private Sector Engagement",
            "Gender Mainstreaming", "Digital Transformation", "Cross-Border Cooperation", "Risk Assessment",
            "Harmonisation of Regulations", "Communication and Outreach", "Financing", "Innovation",
            "Knowledge Management", "Sustainable Development", "Community Engagement", "Interoperability",
            "Institutional Strengthening", "Mutual Recognition", "Connectivity", "Inclusive Growth",
            "Skills Development", "Peer Review", "Crisis Preparedness", "Digital Literacy", "Climate Resilience",
            "Youth Engagement"]
FACETS = ["Methodology", "Guidelines", "Pilot Projects", "Indicators", "Best Practices", "Toolkits", "Joint Studies",
          "Networks", "Curricula", "Databases", "Regional Centres", "Certification", "Exchanges", "Workshops",
          "Manuals", "Surveys"]
PILLAR_SHORT = {"body/apsc-council": "apsc", "body/aec-council": "aec", "body/ascc-council": "ascc"}
PILLAR_NAME = {"apsc": "ASEAN Political-Security Community", "aec": "ASEAN Economic Community",
               "ascc": "ASEAN Socio-Cultural Community"}


def iter_synthetic_bodies(taken_acronyms: set[str]) -> Iterator[Body]:
    """Sectoral bodies breadth first: every ministerial body, then SOMs, then working groups,
    then experts groups; names and ids are unique by construction."""
    sectors = []
    for council, sector, letters, portfolio, topics in SECTORS:
        acr_m, acr_s = "AMM" + letters, "SOM" + letters
        while acr_m in taken_acronyms or acr_s in taken_acronyms:
            acr_m, acr_s = acr_m + "X", acr_s + "X"
        taken_acronyms |= {acr_m, acr_s}
        sectors.append((council, sector, acr_m, acr_s, portfolio, ["topic/" + t for t in topics]))
    for council, sector, acr_m, _, portfolio, topics in sectors:
        yield Body(f"body/{acr_m.lower()}", f"ASEAN Ministerial Meeting on {sector}", acr_m, "ministerial", council,
                   portfolio, topics, parent=council, classification="sectoral-ministerial-body")
    for council, sector, acr_m, acr_s, _, topics in sectors:
        yield Body(f"body/{acr_s.lower()}", f"ASEAN Senior Officials Meeting on {sector}", acr_s, "som", council,
                   None, topics, parent=f"body/{acr_m.lower()}", classification="senior-officials-body")
    for subject in SUBJECTS:
        for council, _, _, acr_s, _, topics in sectors:
            yield Body(f"body/{acr_s.lower()}-wg-{slugify(subject)}", f"{acr_s} Working Group on {subject}", None, "wg",
                       council, None, topics, parent=f"body/{acr_s.lower()}", classification="committee")
    for facet in FACETS:
        for subject in SUBJECTS:
            for council, _, _, acr_s, _, topics in sectors:
                wg = f"body/{acr_s.lower()}-wg-{slugify(subject)}"
                yield Body(f"{wg}-eg-{slugify(facet)}",
                           f"Experts Group on {facet} of the {acr_s} Working Group on {subject}", None, "eg",
                           council, None, topics, parent=wg, classification="committee")


def value_of(field: Any) -> Any:
    """A record field's value, whether written plain or as ``{value: ..., source: ...}``."""
    return field.get("value") if isinstance(field, dict) else field


def wp_title(b: Body, wp: str) -> str:
    """The name of a body's work plan from its id (``...-work-plan-2016-2020``)."""
    p0, p1 = wp.rsplit("-", 2)[-2:]
    return f"{b.short} Work Plan {p0}-{p1}"


# ============================================================================ writing records
def q(value: Any) -> str:
    """A YAML scalar: strings double-quoted (JSON escapes are YAML escapes), numbers as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


@dataclass
class Qual:
    """A field value with its own source or dates (``holds``)."""

    value: str
    source: list[str] | None = None
    startDate: str | None = None
    endDate: str | None = None


class RecordSink:
    """Writes records into numbered files of about ``chunk`` facts, counting the facts
    (quads) graphkit will make of them: one per value per source, six or more per qualified
    value, three for each new source graph plus one per record file it appears in."""

    def __init__(self, folder: Path, chunk: int = CHUNK_FACTS) -> None:
        self.folder = folder
        self.chunk = chunk
        self.index = 0
        self.handle: Any = None
        self.name = ""
        self.in_file = 0
        self.facts = 0
        self.records = 0
        self.seen_graphs: set[int] = set()
        self.file_graphs: set[int] = set()
        self.kind = ""

    def open(self, kind: str) -> None:
        """Start a new file for records of this kind (e.g. "meetings")."""
        self.close()
        self.index += 1
        self.kind = kind
        self.name = f"{self.index:04d}-{kind}.yaml"
        self.handle = open(self.folder / self.name, "w", encoding="utf-8", newline="\n")
        self.handle.write(f"# Synthetic benchmark records ({kind}); generated by bench/generate.py.\n")
        self.in_file = 0
        self.file_graphs = set()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def _graph(self, url: str) -> None:
        h = hash(url)
        if h not in self.seen_graphs:
            self.seen_graphs.add(h)
            self.facts += 3
            self.in_file += 3
        if h not in self.file_graphs:
            self.file_graphs.add(h)
            self.facts += 1
            self.in_file += 1

    def write(self, rid: str, rtype: str, sources: list[str], fields: list[tuple[str, Any]],
              kind: str | None = None) -> None:
        """One record. ``fields`` values: str/int, a list of them, or a :class:`Qual`."""
        if self.handle is None or self.in_file >= self.chunk or (kind and kind != self.kind):
            self.open(kind or self.kind)
        n_src = len(sources)
        for url in sources:
            self._graph(url)
        lines = [f"- id: {rid}", f"  type: {rtype}"]
        lines.append(f"  source: {q(sources[0])}" if n_src == 1 else
                     "  source: [" + ", ".join(q(s) for s in sources) + "]")
        n = n_src
        for key, value in fields:
            if value is None or value == []:
                continue
            if isinstance(value, Qual):
                parts = [f"value: {q(value.value)}"]
                srcs = value.source or sources
                if value.source:
                    for url in value.source:
                        self._graph(url)
                    parts.append("source: [" + ", ".join(q(s) for s in value.source) + "]")
                nq = 0
                for qk in ("startDate", "endDate"):
                    qv = getattr(value, qk)
                    if qv:
                        parts.append(f"{qk}: {q(qv)}")
                        nq += 1
                lines.append(f"  {key}: {{{', '.join(parts)}}}")
                n += len(srcs) * (1 + (5 + nq if nq else 0))
            elif isinstance(value, list):
                lines.append(f"  {key}: [" + ", ".join(q(x) for x in value) + "]")
                n += n_src * len(value)
            else:
                lines.append(f"  {key}: {q(value)}")
                n += n_src
        self.handle.write("\n" + "\n".join(lines) + "\n")
        self.facts += n
        self.in_file += n
        self.records += 1


# ============================================================================ the generator
@dataclass
class Tenure:
    person: str
    name: str
    honorific: str | None
    start: dt.date
    end: dt.date | None


class Generator:
    """Builds the corpus in one streaming pass; see the module docstring."""

    def __init__(self, out: Path, scale: int, seed: int, texts: int | None, chunk: int) -> None:
        self.out = out
        self.scale = scale
        self.seed = seed
        self.chunk = chunk
        self.span = min(50, max(8, round(10 * (scale / 10_000) ** (1 / 3))))
        self.first_year = LAST_YEAR - self.span + 1
        self.text_cap = texts if texts is not None else max(30, scale // 500)
        self.sink = RecordSink(out / "records", chunk)
        self.topics: dict[str, str] = {}
        self.cities: dict[str, list[str]] = {}       # state -> city ids
        self.city_name: dict[str, str] = {}
        self.city_state: dict[str, str] = {}
        self.venues: dict[str, list[str]] = {}       # city -> venue ids
        self.venue_name: dict[str, str] = {}
        self.chairs: dict[int, str] = {}             # year -> state id
        self.real_chair_years: set[int] = set()
        self.tenures: dict[str, list[Tenure]] = {}   # post id -> holders in order
        self.post_info: dict[str, tuple[State, str]] = {}
        self.person_names: set[str] = set()
        self.doc_names: set[str] = set()
        self.counts: dict[str, int] = {"meetings": 0, "documents": 0, "bodies": 0, "persons": 0, "posts": 0,
                                       "texts": 0, "gold_facts": 0}
        self.samples: dict[str, str] = {}
        self.texts_written = 0
        self.meeting_counter = 0
        self.summits_written: set[int] = set()     # ordinals: the summit series is written first
        self.stride = 1
        self.gold: Any = None

    # ------------------------------------------------------------------ the real top
    def load_real(self) -> list[dict[str, Any]]:
        bodies = yaml.safe_load((REAL_RECORDS / "bodies.yaml").read_text(encoding="utf-8"))
        places = yaml.safe_load((REAL_RECORDS / "places.yaml").read_text(encoding="utf-8"))
        chairs = yaml.safe_load((REAL_RECORDS / "chairs.yaml").read_text(encoding="utf-8"))
        for rec in places:
            parent, name = value_of(rec.get("containedIn")), value_of(rec["name"])
            if rec["type"] == "City" and parent in STATE_BY_ID:
                self.cities.setdefault(parent, []).append(rec["id"])
                self.city_name[rec["id"]] = name
                self.city_state[rec["id"]] = parent
            elif rec["type"] == "Venue":
                self.venues.setdefault(parent, []).append(rec["id"])
                self.venue_name[rec["id"]] = name
        for rec in chairs:
            year = int(value_of(rec["year"]))
            self.chairs[year] = value_of(rec["chairState"])
            self.real_chair_years.add(year)
        text = TOPICS_TTL.read_text(encoding="utf-8")
        for m in re.finditer(r"^t:([a-z0-9-]+) a skos:Concept\b(.*?)\.\s*$", text, re.M | re.S):
            label = re.search(r'skos:prefLabel "([^"]+)"', m.group(2))
            self.topics[f"topic/{m.group(1)}"] = label.group(1) if label else m.group(1)
        return bodies

    def write_real(self) -> None:
        """The real records of the hierarchy's top, copied as they are."""
        for name in REAL_FILES:
            shutil.copyfile(REAL_RECORDS / name, self.out / "records" / f"0000-real-{name}")
        try:
            from ingest.curated import parse_records

            for name in REAL_FILES:
                facts = parse_records((REAL_RECORDS / name).read_text(encoding="utf-8"), name)
                self.sink.facts += sum(len(v) for v in facts.graphs.values()) + 4 * len(facts.meta)
        except ImportError:
            self.sink.facts += 1100

    def write_places(self) -> None:
        for state in STATES:
            for name in EXTRA_CITIES[state.id]:
                cid = "place/" + slugify(name)
                if cid in self.city_name:
                    continue
                self.sink.write(cid, "City", [f"https://places.asean-bench.example/{slugify(name)}"],
                                [("name", name), ("containedIn", state.id)], kind="places")
                self.cities.setdefault(state.id, []).append(cid)
                self.city_name[cid] = name
                self.city_state[cid] = state.id
        for cid in sorted(self.city_name):
            have = len(self.venues.get(cid, []))
            r = rng_for(self.seed, "venues", cid)
            for pattern in r.sample(VENUE_PATTERNS, max(0, 2 - have)):
                name = pattern.format(city=self.city_name[cid])
                vid = "place/" + slugify(name)
                if vid in self.venue_name:
                    continue
                self.sink.write(vid, "Venue", [f"https://places.asean-bench.example/{slugify(name)}"],
                                [("name", name), ("containedIn", cid)], kind="places")
                self.venues.setdefault(cid, []).append(vid)
                self.venue_name[vid] = name

    # ------------------------------------------------------------------ chairs and hosts
    def members(self, year: int) -> list[State]:
        return [s for s in STATES if s.joined <= year]

    def chair(self, year: int) -> State:
        """The ASEAN Chair of a year: the real ones 2015-2026, alphabetical rotation before."""
        if year not in self.chairs:
            members = self.members(year)
            start = [s.id for s in members].index("state/malaysia")
            self.chairs[year] = members[(start - (2015 - year)) % len(members)].id
        return STATE_BY_ID[self.chairs[year]]

    # ------------------------------------------------------------------ persons
    def person_name(self, state: State, r: random.Random) -> str:
        for attempt in range(50):
            if state.style == "bin":
                name = f"{r.choice(state.given)} {r.choice(state.given)} bin {r.choice(state.family)}"
            elif state.style == "family-first":
                name = f"{r.choice(state.family)} {r.choice(state.given)}"
            elif state.style == "syllables":
                a, b, c = r.sample(state.given, 3)
                name = f"{a} {b}" if r.random() < 0.4 else f"{a} {b} {c}"
            elif state.style == "vietnamese":
                name = f"{r.choice(state.family)} {r.choice(['Van', 'Thi', 'Duc', 'Minh', 'Quoc', 'Thanh', 'Hong'])} {r.choice(state.given)}"
            else:
                name = f"{r.choice(state.given)} {r.choice(state.family)}"
            if attempt > 20:
                name = f"{name} {r.choice(state.given)}"
            if name not in self.person_names:
                self.person_names.add(name)
                return name
        n = 2
        while f"{name} {n}" in self.person_names:
            n += 1
        self.person_names.add(f"{name} {n}")
        return f"{name} {n}"

    def holders(self, state: State, portfolio: str) -> list[Tenure]:
        """Who held a post over the years: built on first use, the same for a seed."""
        pid = post_id(state, portfolio)
        if pid in self.tenures:
            return self.tenures[pid]
        r = rng_for(self.seed, "tenures", pid)
        out: list[Tenure] = []
        day = dt.date(max(self.first_year - r.randint(1, 6), state.joined), r.randint(1, 12), r.randint(1, 28))
        while day <= LAST_DATE:
            years = r.choice([1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 8])
            end = dt.date(day.year + years, r.randint(1, 12), r.randint(1, 28))
            name = self.person_name(state, r)
            honorific = r.choice(state.honorifics) if state.honorifics and r.random() < 0.7 else None
            out.append(Tenure("person/" + slugify(name), name, honorific, day,
                              end - dt.timedelta(days=1) if end <= LAST_DATE else None))
            day = end
        self.tenures[pid] = out
        self.post_info[pid] = (state, portfolio)
        return out

    def holder_at(self, state: State, portfolio: str, day: dt.date) -> Tenure | None:
        for t in self.holders(state, portfolio):
            if t.start <= day and (t.end is None or day <= t.end):
                return t
        return None

    def write_people(self) -> None:
        for pid in sorted(self.tenures):
            state, portfolio = self.post_info[pid]
            self.sink.write(pid, "Post", [f"https://gov.asean-bench.example/{state.id.split('/')[1]}/cabinet"],
                            [("name", post_name(state, portfolio)), ("postIn", state.id)], kind="people")
            self.counts["posts"] += 1
            for t in self.tenures[pid]:
                src = f"https://gov.asean-bench.example/{state.id.split('/')[1]}/cabinet/{t.start.year}"
                self.sink.write(t.person, "Person", [src], [
                    ("name", t.name), ("honorific", t.honorific),
                    ("holds", Qual(pid, startDate=t.start.isoformat(),
                                   endDate=t.end.isoformat() if t.end else None))], kind="people")
                self.counts["persons"] += 1

    # ------------------------------------------------------------------ bodies
    def real_bodies(self, records: list[dict[str, Any]]) -> list[Body]:
        out = []
        for rec in records:
            spec = REAL_SERIES.get(rec["id"])
            if spec is None:
                continue
            acr = value_of(rec.get("acronym"))
            acr = acr[0] if isinstance(acr, list) else acr
            spec = dict(spec)
            topics = ["topic/" + t for t in spec.pop("topics")]
            spec.setdefault("pillar", None)
            spec.setdefault("portfolio", None)
            out.append(Body(rec["id"], value_of(rec["name"]), acr, real=True, topics=topics, **spec))
        return out

    def write_bodies(self, bodies: list[Body]) -> None:
        for b in bodies:
            if b.real:
                continue
            self.sink.write(b.id, "Body", [f"https://asean.asean-bench.example/bodies/{b.slug}"], [
                ("name", b.name), ("acronym", b.acronym), ("parent", b.parent),
                ("classification", b.classification)], kind="bodies")

    def write_chairmanships(self) -> None:
        for year in range(self.first_year, LAST_YEAR + 1):
            if year in self.real_chair_years:
                continue
            state = self.chair(year)
            self.sink.write(f"chairmanship/{year}", "Chairmanship",
                            [f"https://asean.asean-bench.example/chairmanship/{year}"],
                            [("name", f"ASEAN Chairmanship {year}"), ("chairState", state.id), ("year", year)],
                            kind="chairs")

    # ------------------------------------------------------------------ framework documents
    FRAMEWORK: list[tuple[str, str, str, str, int | None, list[tuple[str, Any]]]] = [
        # id, type, name, date, summit ordinal, extra fields
        ("document/asean-vision-2020", "CommunityVision", "ASEAN Vision 2020", "1997-12-15", None, []),
        ("document/hanoi-plan-of-action", "WorkPlan", "Hanoi Plan of Action", "1998-12-16", 6,
         [("periodStart", 1999), ("periodEnd", 2004), ("implements", "document/asean-vision-2020")]),
        ("document/vientiane-action-programme", "WorkPlan", "Vientiane Action Programme", "2004-11-29", 10,
         [("periodStart", 2004), ("periodEnd", 2010), ("succeeds", "document/hanoi-plan-of-action"),
          ("implements", "document/asean-vision-2020")]),
        ("document/asean-charter", "Charter", "Charter of the Association of Southeast Asian Nations", "2007-11-20",
         13, [("altNames", ["ASEAN Charter"])]),
    ]

    def framework_docs(self) -> list[tuple[str, str, str, str, int | None, list[tuple[str, Any]]]]:
        docs = list(self.FRAMEWORK)
        for short, pname in PILLAR_NAME.items():
            acr = short.upper()
            docs += [
                (f"document/{short}-blueprint-2009-2015", "Blueprint", f"{pname} Blueprint (2009-2015)", "2009-03-01",
                 14, [("altNames", [f"{acr} Blueprint 2009-2015"]), ("periodStart", 2009), ("periodEnd", 2015)]),
                (f"document/{short}-blueprint-2025", "Blueprint", f"{pname} Blueprint 2025", "2015-11-22", 27,
                 [("altNames", [f"{acr} Blueprint 2025"]), ("periodStart", 2016), ("periodEnd", 2025),
                  ("succeeds", f"document/{short}-blueprint-2009-2015"),
                  ("alignedWith", "document/asean-community-vision-2025")]),
                (f"document/{short}-blueprint-2025-mid-term-review", "Report",
                 f"Mid-Term Review of the {acr} Blueprint 2025", "2021-06-30", None,
                 [("reviews", f"document/{short}-blueprint-2025")]),
                (f"document/{short}-blueprint-2025-end-term-review", "Report",
                 f"End-Term Review of the {acr} Blueprint 2025", "2025-05-26", None,
                 [("reviews", f"document/{short}-blueprint-2025"), ("informs", f"document/{short}-strategic-plan-2045")]),
                (f"document/{short}-strategic-plan-2045", "StrategicPlan", f"{acr} Strategic Plan 2045", "2025-05-26", 46,
                 [("periodStart", 2026), ("periodEnd", 2045), ("succeeds", f"document/{short}-blueprint-2025"),
                  ("alignedWith", "document/asean-community-vision-2045")]),
            ]
        docs += [
            ("document/asean-community-vision-2025", "CommunityVision", "ASEAN Community Vision 2025", "2015-11-22", 27,
             [("succeeds", "document/asean-vision-2020")]),
            ("document/asean-community-vision-2045", "CommunityVision", "ASEAN Community Vision 2045", "2025-05-26", 46,
             [("succeeds", "document/asean-community-vision-2025")]),
        ]
        return docs

    def write_framework(self) -> None:
        for did, dtype, name, date, summit, extra in self.framework_docs():
            fields: list[tuple[str, Any]] = [("name", name), ("issued", date), ("publisher", "org/asean")]
            if summit is not None and SUMMITS[summit][0] >= self.first_year:
                fields.append(("adoptedAt", f"meeting/asean-summit-{summit}"))
            fields += extra
            self.sink.write(did, dtype, [f"https://asean.asean-bench.example/documents/{did.split('/')[1]}"],
                            fields, kind="framework")
            self.doc_names.add(name)
            self.counts["documents"] += 1
        self.samples.setdefault("document", "document/apsc-blueprint-2025")

    @staticmethod
    def plan_for(pillar: str | None, year: int) -> str | None:
        """The pillar plan a work plan starting in ``year`` implements."""
        short = PILLAR_SHORT.get(pillar or "")
        if year < 1999:
            return "document/asean-vision-2020"
        if year < 2004:
            return "document/hanoi-plan-of-action"
        if year < 2009 or short is None:
            return "document/vientiane-action-programme" if year < 2009 else None
        if year < 2016:
            return f"document/{short}-blueprint-2009-2015"
        if year < 2026:
            return f"document/{short}-blueprint-2025"
        return f"document/{short}-strategic-plan-2045"

    # ------------------------------------------------------------------ meeting series
    def series(self, b: Body) -> Iterator[tuple[int, int, int]]:
        """(ordinal, year, half) of each meeting of a body within the years the corpus covers."""
        if b.level == "summit":
            for n, (year, half) in sorted(SUMMITS.items()):
                if year >= self.first_year:
                    yield n, year, half
            return
        n = 0
        for year in range(b.first_year, LAST_YEAR + 1):
            if (year - b.first_year) % b.every:
                continue
            for half in range(b.per_year):
                n += 1
                if year >= self.first_year:
                    yield n, year, half

    def meets_in(self, b: Body, year: int) -> bool:
        """Whether the series has a first-half meeting in ``year`` (so a work plan adopted then exists)."""
        return self.first_year <= year <= LAST_YEAR and year >= b.first_year and (year - b.first_year) % b.every == 0

    def write_series(self, b: Body) -> None:
        r = rng_for(self.seed, "series", b.id)
        work_plan: str | None = None       # the work plan in force
        work_plan_name = ""
        previous_wp: str | None = None
        url_base = r.choice(["https://asean.asean-bench.example/statements", "https://mfa.asean-bench.example/news",
                             "https://asean.asean-bench.example/meetings"])
        for n, year, half in self.series(b):
            month = r.randint(1, 6) if half == 0 else r.randint(7, 11)
            day0 = dt.date(year, month, r.randint(1, 25))
            if day0 > LAST_DATE:
                break
            days = r.choice([1, 1, 2, 2, 2, 3]) if b.level != "eg" else 1
            day1 = day0 + dt.timedelta(days=days - 1)
            members = self.members(year)
            if b.level in ("summit", "council", "ministerial"):
                host = self.chair(year)          # the ASEAN Chair of the year hosts
            else:
                host = members[(n + len(b.slug)) % len(members)]   # working level rotates
            cities = self.cities[host.id]
            city = cities[0] if (b.level in ("summit", "council") or r.random() < 0.5) else r.choice(cities)
            venue = r.choice(self.venues[city]) if self.venues.get(city) and r.random() < 0.6 else None
            mid = f"meeting/{b.slug}-{n}"
            mname = b.meeting_name(n)
            if b.level == "summit":
                self.summits_written.add(n)
            chair = None
            if b.level == "summit":
                chair = self.holder_at(host, "head", day0)
            elif b.portfolio:
                chair = self.holder_at(host, b.portfolio, day0)
            conj = None
            summit = SUMMIT_BY_YEAR_HALF.get((year, half)) or SUMMIT_BY_YEAR_HALF.get((year, 1 - half))
            if b.level != "summit" and summit in self.summits_written and (
                    b.level == "council" or (b.level == "ministerial" and r.random() < 0.2)):
                conj = f"meeting/asean-summit-{summit}"
            topics = r.sample(b.topics, min(len(b.topics), r.choice([0, 1, 1, 2, 2, 3])))
            url = f"{url_base}/{year}/{b.slug}-{n}"
            sources = [url]
            if r.random() < 0.2:
                sources.append(f"https://news.asean-bench.example/{year}/{month:02d}/{b.slug}-{n}")

            # --- what the meeting adopts and reviews, decided before the meeting record is written
            adopted: list[tuple[str, str]] = []
            lineage: list[tuple[str, str, str]] = []
            docs: list[tuple[str, str, list[str], list[tuple[str, Any]]]] = []
            reviews: str | None = None
            if b.level in ("ministerial", "som", "wg", "council") and half == 0 and (year - 1976) % 5 == 0:
                p0 = year
                wp = f"document/{b.slug}-work-plan-{p0}-{p0 + 4}"
                wp_name = f"{b.short} Work Plan {p0}-{p0 + 4}"
                docs.append((wp, "WorkPlan", [url], [
                    ("name", wp_name), ("adoptedAt", mid), ("adoptedOn", day0.isoformat()), ("periodStart", p0),
                    ("periodEnd", p0 + 4), ("succeeds", previous_wp), ("implements", self.plan_for(b.pillar, p0)),
                    ("addresses", b.topics[:2])]))
                adopted.append((wp, wp_name))
                if previous_wp:
                    lineage.append((wp, "succeeds", previous_wp))
                previous_wp = wp
                work_plan, work_plan_name = wp, wp_name
                if b.level == "ministerial" and p0 >= 2016 and self.samples.get("document", "").startswith(
                        "document/apsc"):
                    self.samples["document"] = wp
            elif work_plan and half == 0 and (year - 1976) % 5 == 2:
                review = f"{work_plan}-mid-term-review"
                rname = f"Mid-Term Review of the {work_plan_name}"
                p_next = year + 3
                nxt = f"document/{b.slug}-work-plan-{p_next}-{p_next + 4}" if self.meets_in(b, p_next) else None
                docs.append((review, "Report", [url], [
                    ("name", rname), ("issued", day0.isoformat()), ("reviews", work_plan), ("informs", nxt)]))
                lineage.append((review, "reviews", work_plan))
                if nxt:
                    lineage.append((review, "informs", nxt))
                reviews = work_plan
            elif work_plan and r.random() < 0.25:
                reviews = work_plan
            if b.level in ("summit", "council", "ministerial") and topics and r.random() < 0.15:
                label = self.topics[topics[0]]
                title_case = " ".join(w if w in ("and", "of", "in", "the") else w[:1].upper() + w[1:]
                                      for w in label.split())
                dname = f"{self.city_name[city]} Declaration on {title_case}"
                if dname in self.doc_names:
                    dname = f"{dname} ({year})"
                if dname not in self.doc_names:
                    self.doc_names.add(dname)
                    vision = "document/asean-community-vision-2045" if year >= 2026 else (
                        "document/asean-community-vision-2025" if year >= 2016 else None)
                    did = f"document/declaration-{b.slug}-{n}"
                    docs.append((did, "Declaration", [url], [
                        ("name", dname), ("adoptedAt", mid), ("adoptedOn", day1.isoformat()),
                        ("addresses", [topics[0]]), ("alignedWith", vision)]))
                    adopted.append((did, dname))
            statement = kind = title = None
            if b.level in ("summit", "council", "ministerial") or r.random() < 0.6:
                if b.level == "summit":
                    kind, title = "ChairmansStatement", f"Chairman's Statement of the {mname}"
                elif b.id == "body/amm":
                    kind, title = "JointCommunique", f"Joint Communique of the {mname}"
                elif b.level in ("council", "ministerial"):
                    kind, title = "Statement", f"Joint Statement of the {mname}"
                else:
                    kind, title = "Report", f"Report of the {mname}"
                statement = f"document/{slugify(re.sub('(?<=[a-z])(?=[A-Z])', '-', kind))}-{b.slug}-{n}"
                docs.append((statement, kind, [url], [
                    ("name", title), ("issued", day1.isoformat()), ("about", mid), ("publisher", "org/asean"),
                    ("addresses", topics)]))
            if chair and r.random() < 0.3:
                pname = post_name(host, "head" if b.level == "summit" else (b.portfolio or "head"))
                did = f"document/opening-remarks-{b.slug}-{n}"
                docs.append((did, "Remarks", [f"https://mfa.asean-bench.example/speeches/{year}/{b.slug}-{n}"], [
                    ("name", f"Opening Remarks by the {pname} at the {mname}"), ("issued", day0.isoformat()),
                    ("deliveredAt", mid), ("deliveredBy", chair.person), ("addresses", topics)]))
                if "person" not in self.samples:
                    self.samples["person"] = chair.name
            if r.random() < 0.08:
                docs.append((f"document/news-{b.slug}-{n}", "NewsReport",
                             [f"https://news.asean-bench.example/{year}/{month:02d}/{b.slug}-{n}-report"], [
                                 ("name", f"{b.short} meets in {self.city_name[city]}"),
                                 ("issued", day1.isoformat()), ("about", mid),
                                 ("mentions", chair.person if chair else None)]))

            self.sink.write(mid, "Meeting", sources, [
                ("name", mname), ("meetingOf", b.id), ("ordinal", n), ("startDate", day0.isoformat()),
                ("endDate", day1.isoformat() if day1 != day0 else None), ("location", city), ("heldAt", venue),
                ("chairState", host.id), ("chairedBy", chair.person if chair else None),
                ("inConjunctionWith", conj), ("addresses", topics), ("reviews", reviews),
            ], kind="meetings")
            for did, dtype, dsrc, fields in docs:
                self.sink.write(did, dtype, dsrc, fields)
            self.counts["meetings"] += 1
            self.counts["documents"] += len(docs)
            self.meeting_counter += 1
            if "source" not in self.samples and b.level == "ministerial":
                self.samples["source"] = url
            if statement and self.meeting_counter % self.stride == 0 and self.texts_written < self.text_cap:
                self.write_text(r, b, n, mid, mname, statement, kind or "", title or "", day0, day1, host, city,
                                venue, chair, conj, adopted, reviews, topics, lineage, year)

    # ------------------------------------------------------------------ texts and gold
    def write_text(self, r: random.Random, b: Body, n: int, mid: str, mname: str, doc: str, kind: str, title: str,
                   day0: dt.date, day1: dt.date, host: State, city: str, venue: str | None, chair: Tenure | None,
                   conj: str | None, adopted: list[tuple[str, str]], reviews: str | None, topics: list[str],
                   lineage: list[tuple[str, str, str]], year: int) -> None:
        """One statement text, its sidecar (``.meta.yaml``) and what a careful reader finds in it
        (``.gold.yaml`` as ``graphkit evaluate`` reads it; every fact, dates too, in gold.jsonl)."""
        facts: list[list[Any]] = []      # [subject, relation, object]; DOC is the text itself
        entities: list[str] = []

        def named(*ids: str | None) -> None:
            for e in ids:
                if e and e not in entities:
                    entities.append(e)

        cname = self.city_name[city]
        sname = host.formal
        summit = b.level == "summit"
        it = "The Summit" if summit else "The Meeting"
        it_obj = "the Summit" if summit else "the Meeting"
        host_subject = host.formal[:1].upper() + host.formal[1:]
        who = "The Leaders" if summit else ("Ministers" if b.level in ("ministerial", "council") else "Delegates")
        paras: list[str] = []

        def dates(joined: bool = False) -> str:
            if day0 == day1:
                return f"{day0.day} {MONTHS[day0.month - 1]} {day0.year}"
            choices = [" to "] if joined else ["-", " to "] + ([" and "] if (day1 - day0).days == 1 else [])
            sep = r.choice(choices)
            if day0.month == day1.month:
                return f"{day0.day}{sep}{day1.day} {MONTHS[day1.month - 1]} {day1.year}"
            return f"{day0.day} {MONTHS[day0.month - 1]}{sep}{day1.day} {MONTHS[day1.month - 1]} {day1.year}"

        facts += [[DOC, "about", mid], [mid, "startDate", day0.isoformat()]]
        if day1 != day0:
            facts.append([mid, "endDate", day1.isoformat()])
        facts.append([mid, "location", city])
        named(mid, b.id, city)
        full = f"{mname} ({b.acronym})" if b.acronym and not summit and r.random() < 0.5 else mname
        where = cname
        if r.random() < 0.6:
            where = f"{cname}, {host.name}"
            named(host.id)
        span = f"from {dates(True)}" if day0 != day1 and r.random() < 0.5 else f"on {dates()}"
        opener = r.choice([
            f"The {full} was held {span} in {where}.",
            f"The {full} was convened in {where} {span}.",
            f"{cname} hosted the {full} {span}.",
            f"The {full} took place in {where} {span}.",
        ])
        if venue and r.random() < 0.7:
            opener = opener[:-1] + f", at the {self.venue_name[venue]}."
            facts.append([mid, "heldAt", venue])
            named(venue)
        paras.append(opener)
        if chair:
            portfolio = "head" if summit else (b.portfolio or "head")
            pid, pname = post_id(host, portfolio), post_name(host, portfolio)
            hon = "H.E. " if r.random() < 0.5 else (chair.honorific + " " if chair.honorific else "")
            if r.random() < 0.35:
                paras.append(f"Under the chairmanship of {sname}, {it_obj} was chaired by {hon}{chair.name}, {pname}.")
            else:
                paras.append(r.choice([f"{it} was chaired by {hon}{chair.name}, {pname}.",
                                       f"{hon}{chair.name}, {pname}, chaired {it_obj}."]))
                paras.append(f"{host_subject} chaired {it_obj} as the ASEAN Chair for {year}." if b.level in (
                    "summit", "council", "ministerial") else f"{host_subject} chaired {it_obj} as the host country.")
            facts += [[mid, "chairedBy", chair.person], [chair.person, "holds", pid]]
            named(chair.person, pid, host.id)
        else:
            paras.append(r.choice([f"{it} was chaired by {sname}.", f"{host_subject} chaired {it_obj} as the host country."]))
            named(host.id)
        facts.append([mid, "chairState", host.id])
        if conj:
            s_n = int(conj.rsplit("-", 1)[1])
            paras.append(r.choice([
                f"{it} was held in conjunction with the {ordinal(s_n)} ASEAN Summit.",
                f"{it} was convened on the sidelines of the {ordinal(s_n)} ASEAN Summit.",
                f"It was one of the related meetings of the {ordinal(s_n)} ASEAN Summit.",
            ]))
            facts.append([mid, "inConjunctionWith", conj])
            named(conj, "body/asean-summit")
        if r.random() < 0.5:   # a sentence that states no fact
            paras.append(r.choice([
                f"{who} expressed their appreciation to the Government and people of {sname} for the warm hospitality.",
                f"{it} welcomed the progress achieved since its last meeting.",
                f"{it} was attended by representatives of all Member States.",
            ]))
            if "Government and people" in paras[-1]:
                named(host.id)
        if topics:
            labels = [self.topics[t] for t in topics]
            listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
            paras.append(r.choice([
                f"{it} exchanged views on {listed}.",
                f"{it} discussed cooperation on {listed}.",
                f"{who} underscored the importance of regional cooperation on {listed}.",
            ]))
            facts += [[mid, "addresses", t] for t in topics] + [[DOC, "addresses", t] for t in topics]
            named(*topics)
        for did, dname in adopted:
            paras.append(r.choice([f"{it} adopted the {dname}.", f"{it} endorsed and adopted the {dname}.",
                                   f"{who} adopted the {dname}."]))
            facts.append([did, "adoptedAt", mid])
            named(did)
        for did, rel, target in lineage:
            if rel == "succeeds":
                paras.append(r.choice([f"The {wp_title(b, did)} succeeds the {wp_title(b, target)}.",
                                       f"The new plan succeeds the {wp_title(b, target)}."]))
            elif rel == "reviews":
                paras.append(r.choice([f"{it} considered the Mid-Term Review of the {wp_title(b, target)}.",
                                       f"{it} welcomed the Mid-Term Review of the {wp_title(b, target)}."]))
                named(did)
            elif rel == "informs":
                paras.append(r.choice([
                    f"The findings of the Mid-Term Review will inform the development of the {wp_title(b, target)}.",
                    f"The Mid-Term Review will feed into the {wp_title(b, target)}."]))
            facts.append([did, rel, target])
            named(target)
        if reviews:
            paras.append(r.choice([
                f"{it} reviewed the progress in the implementation of the {wp_title(b, reviews)}.",
                f"{it} took stock of the implementation of the {wp_title(b, reviews)}."]))
            facts.append([mid, "reviews", reviews])
            named(reviews)
        if year < LAST_YEAR and r.random() < 0.5:
            nxt = self.chair(year + 1)
            paras.append(f"{it} agreed to hold its next meeting in {nxt.formal} in {year + 1}.")
            named(nxt.id)
        else:
            paras.append(f"{it} looked forward to its next meeting.")
        head = title.upper() if r.random() < 0.3 else title
        date_line = f"{cname}, {day1.day} {MONTHS[day1.month - 1]} {day1.year}"
        numbered = kind in ("ChairmansStatement", "JointCommunique", "Statement") and r.random() < 0.5
        body_text = "\n\n".join(f"{i}. {p}" if numbered else p for i, p in enumerate(paras, 1))
        text = f"{head}\n{date_line}\n\n{body_text}\n"
        stem = doc.split("/", 1)[1]
        folder = self.out / "texts"
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{stem}.meta.yaml").write_text(
            f"id: {doc}\ntitle: {q(title)}\nkind: {kind}\ndate: {q(day1.isoformat())}\n", encoding="utf-8")
        relations = [f for f in facts if f[1] in GOLD_RELATIONS]
        lines = ["# What a careful reader finds in the text beside this file (bench/generate.py).", "entities:"]
        lines += [f"  - {e}" for e in entities]
        lines.append("relations:")
        lines += [f"  - [{'this' if s_ == DOC else s_}, {p_}, {'this' if o_ == DOC else o_}]" for s_, p_, o_ in relations]
        (folder / f"{stem}.gold.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        resolved = [[doc if s_ == DOC else s_, p_, o_] for s_, p_, o_ in facts]
        self.gold.write(json.dumps({"text": f"texts/{stem}.txt", "document": doc, "title": title, "kind": kind,
                                    "date": day1.isoformat(), "entities": entities, "facts": resolved},
                                   ensure_ascii=False) + "\n")
        self.texts_written += 1
        self.counts["texts"] += 1
        self.counts["gold_facts"] += len(facts)

    # ------------------------------------------------------------------ the run
    def run(self) -> dict[str, Any]:
        t0 = time.perf_counter()
        if self.out.exists():
            shutil.rmtree(self.out)
        (self.out / "records").mkdir(parents=True)
        (self.out / "texts").mkdir()
        self.gold = open(self.out / "gold.jsonl", "w", encoding="utf-8", newline="\n")
        real = self.load_real()
        self.write_real()
        self.write_places()
        self.write_framework()
        bodies = self.real_bodies(real)
        summit = Body("body/asean-summit", "ASEAN Summit", None, "summit", None, "head",
                      ["topic/community-building", "topic/regional-integration", "topic/peace-and-security",
                       "topic/myanmar-crisis", "topic/south-china-sea", "topic/climate-change"], real=True)
        order = [summit] + bodies
        taken = {b.acronym for b in order if b.acronym}
        synthetic = iter_synthetic_bodies(taken)
        # Meetings per body: the estimated facts left decide how many bodies the corpus has.
        est_meetings = max(50, (self.scale - 4_000) / 22)    # ~22 facts a meeting with its documents
        self.stride = max(1, int(est_meetings / max(1, self.text_cap)))
        reserve = 8 * self.span + 100        # chairmanships and bodies, written at the end
        written: list[Body] = []
        people_total = 0
        pending = list(order)
        while True:
            if pending:
                b = pending.pop(0)
            else:
                nxt = next(synthetic, None)
                if nxt is None:
                    break
                b = nxt
                r = rng_for(self.seed, "body", b.id)
                lo = {"ministerial": 1976, "som": 1985, "wg": 1995, "eg": 2000}[b.level]
                b.first_year = r.randint(lo, 2021)
                b.per_year = 2 if b.level in ("wg", "eg") and r.random() < 0.5 else 1
            people = self.est_people(b)
            if self.sink.facts + reserve + people_total + people >= self.scale and written:
                break
            people_total += people
            self.write_series(b)
            written.append(b)
            self.counts["bodies"] += 1
        self.write_bodies(written)
        self.write_chairmanships()
        self.write_people()
        self.sink.close()
        self.gold.close()
        self.samples.setdefault("person", next((t.name for ts in self.tenures.values() for t in ts), ""))
        manifest = {
            "generator": "bench/generate.py", "seed": self.seed, "scale": self.scale, "label": scale_label(self.scale),
            "years": [self.first_year, LAST_YEAR], "estimated_facts": self.sink.facts, "records": self.sink.records,
            "record_files": self.sink.index + len(REAL_FILES), "counts": self.counts, "samples": self.samples,
            "seconds": round(time.perf_counter() - t0, 2),
        }
        (self.out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        return manifest

    def est_people(self, b: Body) -> int:
        """Facts the posts and persons of a body's chairs will add (they are written at the end)."""
        portfolio = "head" if b.level == "summit" else b.portfolio
        if not portfolio:
            return 0
        new_posts = sum(1 for s in STATES if post_id(s, portfolio) not in self.tenures)
        return new_posts * (6 + 11 * round((self.span + 3.5) / 3.9 + 1))


def generate(out_dir: Path | str, scale: int | str, seed: int = 7, texts: int | None = None,
             chunk: int = CHUNK_FACTS) -> dict[str, Any]:
    """Write a corpus of roughly ``scale`` facts into ``out_dir`` (replacing it); returns the manifest.

    Raises ValueError for a scale below 2,000 facts (the real top alone is ~1,100).
    """
    n = parse_scale(scale)
    if n < 2_000:
        raise ValueError(f"scale must be at least 2000 facts, got {n}")
    return Generator(Path(out_dir), n, seed, texts, chunk).run()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Example: python bench/generate.py --scale 1M --seed 7")
    ap.add_argument("--scale", default="10k", help="roughly how many facts (quads): 10k, 250k, 1M, 10M")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, help="output folder (default bench/out/gen-SCALE-sSEED); replaced")
    ap.add_argument("--texts", type=int, help="how many statement texts at most (default scale/500, at least 30)")
    ap.add_argument("--chunk", type=int, default=CHUNK_FACTS, help="facts per record file")
    args = ap.parse_args(argv)
    n = parse_scale(args.scale)
    out = args.out or ROOT / "bench" / "out" / f"gen-{scale_label(n)}-s{args.seed}"
    manifest = generate(out, n, args.seed, args.texts, args.chunk)
    print(json.dumps({k: manifest[k] for k in ("label", "estimated_facts", "records", "record_files", "counts",
                                               "seconds")}), file=sys.stderr)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
