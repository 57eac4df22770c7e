"""The README's GitHub Actions job, run here: its `run:` steps, in order, in bash, against a real
`mockads serve`, with a small user suite in a temporary checkout.

What cannot run here is replaced, and only that:
- `uses:` steps (actions/checkout, actions/setup-python) are skipped: the temporary directory is
  the checkout, and this interpreter (Python 3.11+) is the one set up;
- the install step (`pip install ./mockads ...`) is skipped: mockads and pytest are already
  installed in this interpreter's environment, whose `bin` goes first on PATH (where the install
  would put `mockads` and `pytest`), and PYTHONPATH names the mockads under test;
- `MOCKADS_PORT`, which the job sets for every step, is a free port instead of 8765, which
  may be busy here.
Every other command runs as written, so a renamed flag, a wrong health path or a broken stop step
fails this test. Each step runs in a process group of its own, killed at the end whatever happened,
so no server outlives the test.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import mockads

README = Path(__file__).resolve().parents[2] / "README.md"
STEP_TIMEOUT = 120
#: Bash as GitHub Actions runs a `run:` step on Linux.
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]

USER_SUITE = '''\
"""A user's suite: it finds mockads at $MOCKADS_URL and asks about a code of the default sandbox."""

import json
import os
import urllib.parse
import urllib.request

BASE = os.environ["MOCKADS_URL"]


def _get(path, token=None):
    headers = {"Access-Token": token} if token else {}
    with urllib.request.urlopen(urllib.request.Request(BASE + path, headers=headers)) as answer:
        return json.load(answer)


def test_a_ready_code_shows_its_post():
    sandbox = _get("/_mockads/v1/sandboxes/default")
    code = next(c for c in sandbox["sample_codes"] if c["case"] == "READY")
    query = urllib.parse.urlencode(
        {"advertiser_id": sandbox["advertiser_ids"][0], "auth_code": code["auth_code"]}
    )
    answer = _get("/open_api/v1.3/tt_video/info/?" + query, sandbox["access_token"])
    assert answer["code"] == 0, answer
    assert answer["data"]["item_info"]["item_id"] == code["item_id"]
'''


def readme_workflow() -> dict[str, Any]:
    """The GitHub Actions workflow in README.md (its one YAML block)."""
    text = README.read_text(encoding="utf-8")
    blocks = [part.split("```", 1)[0] for part in text.split("```yaml\n")[1:]]
    workflows = [yaml.safe_load(block) for block in blocks]
    (workflow,) = [w for w in workflows if isinstance(w, dict) and "jobs" in w]
    return workflow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _is_install(step: dict[str, Any]) -> bool:
    return str(step.get("run", "")).lstrip().startswith("pip install")


@dataclass
class Job:
    """The job's steps run one by one, as GitHub does: after a failure only `if: always()`
    steps run. Each step's output goes to a file, never to a pipe a server could hold open."""

    workdir: Path
    env: dict[str, str]
    groups: list[int] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def run(self, step: dict[str, Any]) -> None:
        name = step.get("name", step["run"].splitlines()[0])
        if self.failed and step.get("if") != "always()":
            return
        script = self.workdir / f"step-{len(self.groups)}.sh"
        script.write_text(step["run"], encoding="utf-8")
        output = self.workdir / f"step-{len(self.groups)}.out"
        env = {**self.env, **{k: str(v) for k, v in step.get("env", {}).items()}}
        with output.open("wb") as sink:
            process = subprocess.Popen(
                [*BASH, str(script)],
                cwd=self.workdir,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self.groups.append(process.pid)
            try:
                code = process.wait(timeout=STEP_TIMEOUT)
            except subprocess.TimeoutExpired:
                code = -1
        if code != 0:
            self.failed.append(f"{name} (exit {code}):\n{output.read_text(errors='replace')}")

    def alive(self) -> list[int]:
        """Process groups of the steps that still hold a process (a server left running)."""
        return [group for group in self.groups if _group_alive(group)]


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def _cleaned_up(job: Job) -> Iterator[None]:
    """Whatever happens, end every process the job's steps started (by their group)."""
    try:
        yield
    finally:
        for group in job.alive():
            os.killpg(group, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while job.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        for group in job.alive():
            os.killpg(group, signal.SIGKILL)


def _environment(job_env: dict[str, Any], port: int) -> dict[str, str]:
    """This machine's environment, with the job's variables and the substitutions above."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOCKADS_", "PYTEST_"))}
    env.update({k: str(v) for k, v in job_env.items()})
    env["MOCKADS_PORT"] = str(port)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(Path(mockads.__file__).resolve().parents[1])
    return env


def test_the_readme_ci_job_starts_mockads_runs_a_suite_and_stops_it(tmp_path: Path) -> None:
    workflow = readme_workflow()
    (job_spec,) = workflow["jobs"].values()
    assert "MOCKADS_PORT" in job_spec.get("env", {}), "the job names its port once, in env"
    steps = job_spec["steps"]
    setup = [s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python")]
    assert [s["with"]["python-version"] for s in setup] == ["3.11"]
    install = [s for s in steps if _is_install(s)]
    assert len(install) == 1 and "./mockads" in install[0]["run"].split()
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_spark_code.py").write_text(USER_SUITE, encoding="utf-8")

    port = _free_port()
    job = Job(tmp_path, _environment(job_spec["env"], port))
    with _cleaned_up(job):
        for step in steps:
            if "run" in step and not _is_install(step):
                job.run(step)
        assert not job.failed, "\n\n".join(job.failed)
        deadline = time.monotonic() + 10
        while job.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert job.alive() == [], "the job's last step left mockads running"
    suite_output = "".join(p.read_text() for p in sorted(tmp_path.glob("step-*.out")))
    assert "1 passed" in suite_output, suite_output
    assert f"serving on http://127.0.0.1:{port}" in (tmp_path / "mockads.log").read_text()
