"""Generated corpora for benchmarks: many plausible, distinct regional news articles.

Articles are assembled from sentence templates with varied actors, places, dates and figures, so
that no two share their text; a fraction carries web boilerplate (navigation, footers, teasers)
like real scrapes. The output is deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ACTORS = ["NATO", "KFOR", "EUFOR Althea", "EULEX", "the OSCE mission", "the European Union",
          "the Kosovo government", "the Serbian government", "the Council of Ministers of BiH",
          "the Government of Republika Srpska", "the Office of the High Representative"]
PEOPLE = ["Mark Rutte", "Aleksandar Vučić", "Albin Kurti", "Milorad Dodik", "Christian Schmidt",
          "Vjosa Osmani", "Edi Rama", "Hristijan Mickoski", "Jakov Milatović", "Andrej Plenković"]
PLACES = ["Pristina", "Belgrade", "Sarajevo", "Banja Luka", "Mitrovica", "Zvečan", "Leposavić",
          "Zubin Potok", "Tirana", "Skopje", "Podgorica", "Mostar", "Brčko", "Tuzla", "Novi Pazar"]
TOPICS = ["the dialogue on normalisation", "security in northern Kosovo", "energy supply",
          "the electoral reform", "the state property law", "border crossings", "vehicle plates",
          "the association of Serb-majority municipalities", "judicial cooperation",
          "troop rotations", "demining", "cyber defence", "hybrid threats", "arms control"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SENTENCES = [
    "{person} met officials from {actor} in {place} on {day} {month} {year} to discuss {topic}.",
    "{actor} said it had deployed {n} additional personnel near {place} after the talks.",
    "According to {actor}, {n} incidents were recorded around {place} during {month} {year}.",
    "\u201cWe will not accept any change to {topic} without agreement,\u201d {person} said in {place}.",
    "Observers in {place} noted that {topic} has stalled for {k} months.",
    "{person} is expected to visit {place} again before the end of {year}.",
    "Local media in {place} reported that {n} people attended a protest about {topic}.",
    "{actor} and {actor2} agreed to hold another round of talks on {topic} in {place}.",
    "The budget for {topic} was raised to {n} million euros, {person} announced.",
    "Police in {place} detained {k} people after clashes linked to {topic}.",
]
BOILER_TOP = ["• Home", "• News", "• Region", "- Politics"]
BOILER_BOTTOM = ["Previous Article", "{headline}", "Next Article", "{headline2}",
                 "Write a Comment", "Leave a Comment", "About Us", "Contact: +381 11 000 000",
                 "Sign Up for Our Newsletter", "{outlet} @{year}. All Rights Reserved."]


def article(rng: random.Random, index: int) -> dict[str, str]:
    year = rng.choice([2023, 2024, 2025])
    month = rng.randrange(12)
    values = {
        "person": rng.choice(PEOPLE), "actor": rng.choice(ACTORS), "actor2": rng.choice(ACTORS),
        "place": rng.choice(PLACES), "topic": rng.choice(TOPICS), "month": MONTHS[month],
        "year": str(year), "day": str(rng.randint(1, 28)), "n": f"{rng.randint(2, 4800):,}",
        "k": str(rng.randint(2, 30)),
    }
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        sentences = [rng.choice(SENTENCES).format(**{**values, "place": rng.choice(PLACES),
                                                     "n": f"{rng.randint(2, 4800):,}"})
                     for _ in range(rng.randint(2, 4))]
        paragraphs.append(" ".join(sentences))
    paragraphs.append(f"Report number {index} was filed from {values['place']}.")
    title = f"{values['person']} on {values['topic']} in {values['place']}"
    date = f"{year}-{month + 1:02d}-{int(values['day']):02d}"
    return {"title": title, "text": "\n\n".join(paragraphs), "published": date,
            "outlet": rng.choice(["Sava Daily", "Adriatic Monitor", "Drina Courier"]),
            "place": values["place"]}


def write_corpus(folder: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` articles under ``folder``: 70% plain text, 20% HTML, 10% in one JSONL."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for index in range(count):
        item = article(rng, index)
        kind = index % 10
        if kind < 7:
            lines = []
            if kind < 3:
                lines += BOILER_TOP + [item["title"]]
            lines += [item["title"], "", item["text"], ""]
            if kind < 5:
                lines += [line.format(headline=article(rng, -1)["title"],
                                      headline2=article(rng, -1)["title"],
                                      outlet=item["outlet"], year=item["published"][:4])
                          for line in BOILER_BOTTOM]
            (folder / f"{index:06d}.txt").write_text("\n".join(lines), encoding="utf-8")
        elif kind < 9:
            body = "".join(f"<p>{p}</p>" for p in item["text"].split("\n\n"))
            page = (
                "<!DOCTYPE html><html><head><meta charset='utf-8'>"
                f"<title>{item['title']}</title>"
                f"<meta property='og:site_name' content='{item['outlet']}'>"
                f"<meta property='article:published_time' content='{item['published']}'>"
                "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                f"<article><h1>{item['title']}</h1>{body}</article>"
                "<footer>About us · Contact · Privacy</footer></body></html>"
            )
            (folder / f"{index:06d}.html").write_text(page, encoding="utf-8")
        else:
            records.append({"url": f"https://news.test/{index}", "title": item["title"],
                            "published": item["published"], "outlet": item["outlet"],
                            "text": item["text"]})
    with (folder / "dump.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder
