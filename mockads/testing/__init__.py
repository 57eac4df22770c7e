"""A pytest plugin (`mockads.testing.plugin`, auto-loaded through the `pytest11` entry point) and
a helper for tests.

Fixtures:
    mockads_app      one in-process mockads app per test session (in-memory SQLite)
    mockads_server   one real `mockads serve` per test session on a free port (`.url`)
    mockads_sandbox  a fresh sandbox per test, deleted afterwards: a `Sandbox` helper; in-process,
                     or on `mockads_server` when the test asks for it too (or `live=True`)

`@pytest.mark.mockads(scenario=, seed=, state=, review=, now=, frozen=, live=)` sets the sandbox's
scenario and seed (or starts it from a state file, relative to the test's file), its review policy
(`instant`, `delayed`, `manual`), sets its clock to `now` (UTC) and/or stops it, or puts it on the
live server. `--mockads-db URL` (ini `mockads_db`) gives the live server a database.

The helper reads like the Spark flows: `creator = sandbox.creator()`,
`creator.allow_authorized_posts().accept_ad_terms()`, `post = creator.post(caption=...)`,
`post.switch_ad_authorization(on=True)`, `code = post.generate_code(days=30)`,
`sandbox.clock.advance(days=31)`, `sandbox.reviews.approve(ad_id)`,
`sandbox.faults.add("tt_video/authorize/", code=40100, times=2)`,
`sandbox.journal.verify("tt_video/authorize/", params={"auth_code": code}, times=1)`.
`connect(url)` gives the same helper over HTTP against any running mockads, from a plain script
as well as from pytest.
State files: `sandbox.export_state()`, `.state_bytes()`, `.save_state(path)`,
`.import_state(document_or_path)`, and `connect(url, state=...)` for a new sandbox from one.
"""

from mockads.testing.faults import Faults
from mockads.testing.helper import (
    CONTROL,
    MIRROR,
    Clock,
    ControlError,
    Creator,
    Post,
    Reviews,
    Sandbox,
)
from mockads.testing.http import HttpClient, connect
from mockads.testing.journal import Journal

__all__ = [
    "CONTROL",
    "MIRROR",
    "Clock",
    "ControlError",
    "Creator",
    "Faults",
    "HttpClient",
    "Journal",
    "LiveServer",
    "Post",
    "Reviews",
    "Sandbox",
    "connect",
]


def __getattr__(name: str) -> object:
    # The plugin's module imports pytest; a plain script using `connect` may not have it.
    if name == "LiveServer":
        from mockads.testing.plugin import LiveServer

        return LiveServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
