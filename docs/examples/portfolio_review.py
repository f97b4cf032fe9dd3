"""The main job: a half-year review of a synthetic key-account portfolio.

Run it with ``python docs/examples/portfolio_review.py``. It uses only keyaccount's public
API, reads no files and no clock (every ``now`` is written below), and its output is the
same on every run. It grows with each capability of the library.
"""

from __future__ import annotations

import keyaccount


def main() -> None:
    print(f"keyaccount {keyaccount.__version__}: half-year review")
    for tier in keyaccount.SCORE_TIERS:
        level = keyaccount.DEFAULT_LADDER.level_of(tier)
        print(f"  tier {tier.code} {tier.label_en:<10} visit level {level.value}")


if __name__ == "__main__":
    main()
