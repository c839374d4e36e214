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


def write_corpus(folder: Path, n: int, seed: int = 0) -> int:
    """Write ``n`` raw files (about 1% duplicates, near duplicates or bad files); return their bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        text = page(i, seed)
        data = text.encode("utf-8")
        kind = i % 100
        if kind == 97 and i:
            data = page(i - 1, seed).encode("utf-8")  # an exact duplicate
        elif kind == 98 and i:
            data = (page(i - 2, seed) + "One more line was added to this copy of the story.\n").encode("utf-8")
        elif kind == 99:
            plain = text.replace("“", '"').replace("”", '"').replace(" talks ", " café talks ")
            data = plain.encode("cp1252", "replace") if (i // 100) % 2 == 0 else b""  # legacy, or empty
        path = folder / f"article_{i:07d}.txt"
        path.write_bytes(data)
        total += len(data)
    return total
