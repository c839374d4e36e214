"""A deterministic synthetic corpus of scraped news pages, for benchmarks and scale tests.

Pages vary the way real ones do: section kickers, date stamps in several formats, reading
times, bylines (inline, labelled, wire style), standfirsts, repeated headlines, photo captions
with and without credits, headings, quotations (curly, straight, single; attributed before,
after, by pronoun and by colon), inline related links, boilerplate, empty and full related
lists, source credits; bodies from about 1 KB to 10 KB. A few exact and near duplicates and
bad files are mixed in, so every path of the build is exercised. Same ``n`` and ``seed``, same
bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

FIRST = ["Aida", "Jonas", "Leyla", "Omar", "Nadia", "Pavel", "Sara", "Tomas", "Elif", "Ravi", "Mina", "Karl"]
LAST = ["Novak", "Haddad", "Aliyeva", "Petrov", "Lindqvist", "Okafor", "Demir", "Rossi", "Kaur", "Moreau"]
ROLES = ["Foreign Minister", "spokesperson", "political analyst", "presidential aide", "Deputy Minister"]
PLACES = ["Baku", "Yerevan", "Tbilisi", "Vienna", "Geneva", "Ankara", "Brussels", "Moscow", "Tehran"]
TOPICS = ["border talks", "the gas pipeline", "a peace treaty", "transit routes", "the new railway", "trade"]
SECTIONS = ["WORLD", "POLITICS", "ECONOMY", "REGION"]
VERBS = ["said", "stated", "added", "noted", "emphasised", "told reporters"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


class _Page:
    def __init__(self, rng: random.Random, i: int) -> None:
        self.rng, self.i = rng, i
        self.people = [(rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)) for _ in range(3)]

    def pick(self, items: list[str]) -> str:
        return self.rng.choice(items)

    def sentence(self) -> str:
        r = self.rng
        place, topic = self.pick(PLACES), self.pick(TOPICS)
        return r.choice(
            [
                f"Officials in {place} met on Monday to discuss {topic} and the next round of meetings.",
                f"The talks on {topic} have stalled several times since {r.randint(1995, 2023)}, diplomats say.",
                f"Negotiators from {place} are expected to present a draft on {topic} within {r.randint(2, 9)} weeks.",
                f"Critics argue that {topic} will do little for people living near {place} this year.",
            ]
        )

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))

    def quote(self) -> list[str]:
        first, last, role = self.pick_person()
        words = f"We are ready to continue the work on {self.pick(TOPICS)} without delay"
        form = self.rng.randrange(6)
        if form == 0:
            return [f"“{words},” {last} {self.pick(VERBS)}."]
        if form == 1:
            return [f'"{words}," said {first} {last}.']
        if form == 2:
            return [f"{role.capitalize()} {first} {last} spoke in {self.pick(PLACES)}.", f"“{words},” he said."]
        if form == 3:
            return [f"{last} described the proposal as “bold but necessary”:", f"“{words}. We expect an answer.”"]
        if form == 4:
            return [f"'{words},' {last} told journalists."]
        return [f"“{words}.", f"“Nothing has been agreed yet on the details,” {last} added."]

    def pick_person(self) -> tuple[str, str, str]:
        return self.people[self.rng.randrange(len(self.people))]

    def header(self, title: str) -> list[str]:
        r, lines = self.rng, []
        year, month, day = r.randint(2019, 2025), r.randrange(10), r.randint(1, 28)
        if r.random() < 0.3:
            lines.append(self.pick(SECTIONS))
        if r.random() < 0.4:
            lines += [f" date {year}-{month + 1:02d}-{day:02d} {self.pick(SECTIONS)}", f"{r.randint(1, 9)} min read"]
        lines.append(title)
        if r.random() < 0.5:
            lines += ["A short standfirst that sums up the story in one sentence.", title]
        if r.random() < 0.5:
            lines.append(r.choice(["Officials arrive for talks. / AA", "Aida Novak | photo: Agency", "Photo: Reuters"]))
        if r.random() < 0.6:
            lines.append(
                r.choice([f"{MONTHS[month]} {day}, {year}", f"{day} {MONTHS[month]} {year} 14:30 (UTC+04:00)"])
            )
        if r.random() < 0.4:
            lines.append(f"By {self.people[0][0]} {self.people[0][1]}")
        lines.append(
            f"{self.people[0][2].capitalize()} {self.people[0][0]} {self.people[0][1]} spoke about {self.pick(TOPICS)}."
        )
        return lines

    def body(self, target_bytes: int) -> list[str]:
        r, lines, size = self.rng, [], 0
        while size < target_bytes:
            roll = r.random()
            if roll < 0.15:
                block = self.quote()
            elif roll < 0.2:
                block = [f"What comes next for {self.pick(TOPICS)}"]
            elif roll < 0.23:
                block = [r.choice(["Advertisement", "Share this article", "READ MORE: Talks resume next week"])]
            elif roll < 0.25:
                block = ["Recommended"]
            elif roll < 0.28:
                block = ["Delegates at the meeting. (Photo: AFP)"]
            else:
                block = [self.paragraph()]
            lines += block
            size += sum(len(b) + 2 for b in block)
        return lines

    def footer(self) -> list[str]:
        r, lines = self.rng, []
        if r.random() < 0.5:
            lines.append("SOURCE: Agencies")
        if r.random() < 0.3:
            lines.append("Reporting by Karl Moreau; Editing by Sara Rossi")
        if r.random() < 0.7:
            lines.append(r.choice(["See Also", "Latest news", "Explore", "Related"]))
            for _ in range(r.randint(0, 6)):
                lines.append(f"{self.pick(PLACES)} hosts talks on {self.pick(TOPICS)} as {self.pick(PLACES)} waits")
                if r.random() < 0.2:
                    lines.append(f"By {self.pick(FIRST)} {self.pick(LAST)}")
        if r.random() < 0.3:
            lines += ["Sign up for our daily newsletter", "© 2025 Example Media. All rights reserved."]
        return lines


def page(i: int, seed: int = 0) -> str:
    """The text of synthetic page ``i``: 1 to 10 KB of body under a varied header."""
    rng = random.Random(seed * 1_000_003 + i)
    p = _Page(rng, i)
    title = f"{p.pick(PLACES)} and {p.pick(PLACES)} resume {p.pick(TOPICS)} after pause number {i}"
    lines = p.header(title) + p.body(rng.randint(1_000, 10_000)) + p.footer()
    blank_lines = rng.random() < 0.3
    return ("\n\n" if blank_lines else "\n").join(lines) + "\n"


# ------------------------------------------------------------------ a crawl as varied as a real one
OUTLETS = 12  # each with its own furniture on every one of its pages
WIRE_SHARE = 0.05  # pages that republish a wire story
WIRE_COPIES = 30  # about this many outlets' copies of each wire story
_SYLLABLES = ("ka lo mi ra ne to vi sa de lu bo ri an el or us ya zu fe gi ho ju").split()  # noqa: SIM905


def _word(rng: random.Random, syllables: tuple[int, int]) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(*syllables))).capitalize()


def _person(pid: int, seed: int) -> tuple[str, str, str]:
    """Person ``pid`` of the crawl: given names from a long list, a surname of its own."""
    rng = random.Random(f"person {seed} {pid}")
    given = _word(random.Random(f"given {seed} {rng.randrange(400)}"), (2, 3))
    return given, _word(rng, (2, 4)), rng.choice(ROLES)


def _outlet_furniture(outlet: int, seed: int) -> tuple[list[str], list[str]]:
    """(masthead, footer) lines an outlet prints on every page."""
    rng = random.Random(f"outlet {seed} {outlet}")
    name = f"The {_word(rng, (2, 3))} {rng.choice(['Times', 'Post', 'Herald', 'News', 'Daily'])}"
    masthead = [name, "Home News World Business Sport Opinion", rng.choice(["Subscribe", "Sign in", "Search"])]
    footer = [f"© {rng.randint(2019, 2025)} {name}. All rights reserved.", "About us", "Contact", "Privacy policy"]
    return masthead, footer


def _wire_story(story: int, seed: int) -> tuple[str, list[str]]:
    rng = random.Random(f"wire {seed} {story}")
    p = _Page(rng, story)
    title = f"{p.pick(PLACES)} and {p.pick(PLACES)} agree on {p.pick(TOPICS)}, wire story {story}"
    return title, p.body(rng.randint(1_500, 6_000))


def crawl_page(i: int, seed: int = 0) -> str:
    """Page ``i`` of a crawl as varied as a real one: an outlet's furniture, a long tail of people
    (two new people on every page, and two drawn again from earlier pages, the first pages' far
    likelier: a few people recur often, most never), organisations named
    by one word, "most read" lists repeating earlier headlines (and now and then its own), wire
    copy republished by many outlets, and a few very long and very short pages."""
    rng = random.Random(f"crawl {seed} {i}")
    masthead, footer = _outlet_furniture(rng.randrange(OUTLETS), seed)
    p = _Page(rng, i)
    earlier = [int(i * rng.random() ** 3) for _ in range(2)]  # a few people come back, most never
    p.people = [_person(2 * i, seed), _person(2 * i + 1, seed), *(_person(2 * e, seed) for e in earlier)]
    org = _word(random.Random(f"org {seed} {int(i * rng.random() ** 2)}"), (3, 4))
    if rng.random() < WIRE_SHARE:
        # Consecutive pages of a crawl share a news day: each wire story is copied within its own
        # stretch of WIRE_COPIES / WIRE_SHARE pages, about WIRE_COPIES times.
        title, body = _wire_story(i // round(WIRE_COPIES / WIRE_SHARE), seed)
        body = [*body, f"{org} said it would comment later."]
    else:
        title = f"{p.pick(PLACES)} and {p.pick(PLACES)} resume {p.pick(TOPICS)} after pause number {i}"
        size = rng.choice([200_000, 400_000]) if rng.random() < 0.001 else rng.randint(1_000, 10_000)
        body = [f"{org} said the talks would go on.", *p.body(size)] if rng.random() > 0.02 else [p.paragraph()]
    most_read = ["Most read", *(f"{p.pick(PLACES)} resumes {p.pick(TOPICS)} after pause number {e}" for e in earlier)]
    if rng.random() < 0.2:
        most_read.append(title)
    lines = masthead + p.header(title) + body + p.footer() + most_read + footer
    return ("\n\n" if rng.random() < 0.3 else "\n").join(lines) + "\n"


def near_duplicate_page(i: int, seed: int = 0) -> str:
    """Copy ``i`` of one story with a small change: one person's surname is spelt differently in
    each copy (so every copy adds a name to one given-name block of the person ids)."""
    rng = random.Random(f"story {seed}")
    p = _Page(rng, 0)
    title = f"{p.pick(PLACES)} and {p.pick(PLACES)} resume {p.pick(TOPICS)} after a long pause"
    lines = p.header(title) + p.body(5_000) + p.footer()
    given, role = p.people[0][0], p.people[0][2]  # the same person, a surname spelt anew in each copy
    surname = _person(i, seed)[1]
    lines.insert(len(lines) // 2, f"{role.capitalize()} {given} {surname} said the talks would go on.")
    return "\n".join(lines) + "\n"


PROFILES = {"crawl": crawl_page, "classic": page, "near-duplicates": near_duplicate_page}


def write_corpus(folder: Path, n: int, seed: int = 0, profile: str = "crawl") -> int:
    """Write ``n`` raw files of a profile (``crawl``: see :func:`crawl_page`; ``classic``: the
    pages of :func:`page`; ``near-duplicates``: :func:`near_duplicate_page`), about 1% of them
    exact duplicates, near duplicates or bad files; return their bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    make = PROFILES[profile]
    total = 0
    for i in range(n):
        text = make(i, seed)
        data = text.encode("utf-8")
        kind = i % 100
        if kind == 97 and i:
            data = make(i - 1, seed).encode("utf-8")  # an exact duplicate
        elif kind == 98 and i:
            data = (make(i - 2, seed) + "One more line was added to this copy of the story.\n").encode("utf-8")
        elif kind == 99:
            plain = text.replace("“", '"').replace("”", '"').replace(" talks ", " café talks ")
            data = plain.encode("cp1252", "replace") if (i // 100) % 2 == 0 else b""  # legacy, or empty
        path = folder / f"article_{i:07d}.txt"
        path.write_bytes(data)
        total += len(data)
    return total
