"""How generated tests draw their inputs: `make test` replays, `make fuzz` searches.

`make test` runs every generated test (schemathesis, Hypothesis state machines) from one fixed
seed with no example database, so a commit always gives the same result. `make fuzz`
(`MOCKADS_TEST_FUZZ=1`) runs the same tests at length from a new seed each run. Either takes
`SEED=<n>` (`MOCKADS_TEST_SEED`) to replay a run; the seed in use is printed in pytest's header.
"""

from __future__ import annotations

import os
import secrets

__all__ = ["DEFAULT_SEED", "FUZZ", "FUZZ_EXAMPLES", "SEED", "examples"]

DEFAULT_SEED = 20261202
#: Cases per operation, and runs per state machine, in `make fuzz`.
FUZZ_EXAMPLES = 1000

FUZZ = os.environ.get("MOCKADS_TEST_FUZZ", "") == "1"
_given = os.environ.get("MOCKADS_TEST_SEED", "").strip()
SEED = int(_given) if _given else (secrets.randbits(32) if FUZZ else DEFAULT_SEED)


def examples(quick: int, fuzz: int = FUZZ_EXAMPLES) -> int:
    """How many examples a generated test runs: `quick` in `make test`, `fuzz` in `make fuzz`."""
    return fuzz if FUZZ else quick
