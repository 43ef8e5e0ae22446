"""Re-run the plain-text cleaner on the seed articles and write the expected outputs.

    PYTHONPATH=src python tests/golden/regenerate.py

Writes ``tests/golden/seeds/<seed-file-stem>.json`` for every ``*.txt`` in the shared seed folder
(``../shared/corpus/seeds`` beside the repository). The files are the reference that
``tests/test_seeds_golden.py`` compares against: review the diff by eye before committing it, since
whatever is written here becomes "right".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from watchfloor.clean.plaintext import clean_plaintext
from watchfloor.types import Cleaned

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
OUT = HERE / "seeds"


def expected(cleaned: Cleaned) -> dict[str, Any]:
    """The parts of a cleaner's output that the golden files pin down."""
    return {
        "cleaner": cleaned.cleaner,
        "title": cleaned.title,
        "author": cleaned.author,
        "published": cleaned.published.isoformat() if cleaned.published else None,
        "published_basis": cleaned.published_basis,
        "outlet": cleaned.outlet,
        "text": cleaned.text,
        "removed": [{"kind": r.kind, "text": r.text} for r in cleaned.removed],
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    if not SEEDS.is_dir():
        print(f"seed articles not found at {SEEDS}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        cleaned = clean_plaintext(seed.read_text(encoding="utf-8"), source=seed.name)
        target = OUT / f"{seed.stem}.json"
        content = render(expected(cleaned))
        changed = not target.exists() or target.read_text(encoding="utf-8") != content
        target.write_text(content, encoding="utf-8")
        print(f"{'wrote' if changed else 'unchanged'} {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
