"""Built worlds kept on disk, so a server starts without running Faker.

A scenario's world for a seed (anchored at time 0) is pickled once into the cache folder,
under a name made of the scenario, the seed and a digest of everything that shapes a build: the
mockads version, the template format, the scenario file and the source of the builder and the
domain model. Any change to one of them names another file, so a stale template is never read.
The folder is `MOCKADS_CACHE_DIR`, else `$XDG_CACHE_HOME/mockads` (`~/.cache/mockads`); it is
private to its user (0700), like any cache a program trusts. A folder that cannot be written
only costs the build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from mockads import __version__
from mockads.domain.model import World
from mockads.scenarios.catalog import ScenarioSpec, scenarios_dir

__all__ = ["TEMPLATE_FORMAT", "cache_dir", "load_template", "save_template", "template_path"]

#: Bumped when what a template file holds changes shape.
TEMPLATE_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """Where templates are kept: `MOCKADS_CACHE_DIR`, else the XDG cache folder's `mockads`."""
    explicit = os.environ.get("MOCKADS_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "mockads"


@cache
def _code_digest() -> str:
    """A digest of the source a build runs and of the entities it pickles."""
    digest = hashlib.blake2b(f"{__version__}:{TEMPLATE_FORMAT}".encode(), digest_size=16)
    for folder in ("scenarios", "domain"):
        for path in sorted((_PACKAGE / folder).rglob("*.py")):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def template_path(spec: ScenarioSpec, seed: int) -> Path:
    """The file that holds (or will hold) the world of `spec` for `seed`."""
    digest = hashlib.blake2b(_code_digest().encode(), digest_size=12)
    digest.update((scenarios_dir() / f"{spec.name}.yaml").read_bytes())
    return cache_dir() / f"{spec.name}-{seed}-{digest.hexdigest()}.world"


def load_template(spec: ScenarioSpec, seed: int) -> World | None:
    """The world kept for `spec` and `seed`, or None when there is none (or it is unreadable)."""
    try:
        data = template_path(spec, seed).read_bytes()
        world = pickle.loads(data)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return world if isinstance(world, World) else None


def save_template(spec: ScenarioSpec, seed: int, world: World) -> None:
    """Keep a built world for the next start (atomically; a folder that refuses costs nothing),
    in place of the ones older code kept for the same scenario and seed."""
    path = template_path(spec, seed)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, staging = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as file:
            pickle.dump(world, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(staging, path)
    except OSError:
        Path(staging).unlink(missing_ok=True)
        return
    for stale in path.parent.glob(f"{spec.name}-{seed}-*.world"):
        if stale != path:
            stale.unlink(missing_ok=True)
