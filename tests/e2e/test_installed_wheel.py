"""mockads installed the way CI users install tools: built into an sdist and a wheel with the
standard tools, installed (not editable) into a fresh virtualenv, served from an empty folder.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import urllib.request
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Server, run_readme_script, serving

pytestmark = pytest.mark.e2e

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An sdist, and a wheel built from that sdist (so the sdist must hold everything too)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPOSITORY)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed; its `bin` folder."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=True)
    (wheel,) = dist.glob("mockads-*.whl")
    subprocess.run(
        [str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return home / "bin"


@pytest.fixture(scope="module")
def installed_server(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`mockads serve` of the installed wheel, started from an empty folder."""
    empty = tmp_path_factory.mktemp("empty")
    with serving([str(installed / "mockads"), "serve", "--port", "0"], cwd=empty) as server:
        yield server


def test_the_sdist_and_the_wheel_carry_the_contract_scenarios_sample_and_console(
    dist: Path,
) -> None:
    (wheel,) = dist.glob("mockads-*.whl")
    (sdist,) = dist.glob("mockads-*.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        wheel_names = set(archive.namelist())
    with tarfile.open(sdist) as archive:
        sdist_names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    console = REPOSITORY / "mockads" / "console"
    shipped = {
        "mockads/openapi/mockads.yaml",
        "mockads/fixtures/media/sample.mp4",
        *(f"mockads/fixtures/scenarios/{p.name}" for p in _scenario_files()),
        *(
            str(path.relative_to(REPOSITORY))
            for folder in ("templates", "static")
            for path in (console / folder).rglob("*")
            if path.is_file()
        ),
    }
    assert shipped <= wheel_names
    assert shipped <= sdist_names


def test_the_installed_package_is_not_the_repository(installed: Path) -> None:
    where = subprocess.run(
        [str(installed / "python"), "-c", "import mockads; print(mockads.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=installed,
    ).stdout
    assert "site-packages" in where and str(REPOSITORY) not in where


def test_the_installed_server_serves_its_contract(installed_server: Server) -> None:
    with urllib.request.urlopen(f"{installed_server.base_url}/openapi.yaml", timeout=10) as r:
        assert r.read().startswith(b"openapi:")


def test_the_installed_server_serves_the_console_pages(installed_server: Server) -> None:
    for path in ("/console/sign-in", "/console/static/console.css"):
        with urllib.request.urlopen(f"{installed_server.base_url}{path}", timeout=10) as r:
            assert r.status == 200 and r.read()


def test_the_installed_server_lists_every_shipped_scenario(installed: Path) -> None:
    listed = subprocess.run(
        [str(installed / "mockads"), "scenarios"], check=True, capture_output=True, text=True
    ).stdout
    assert {line.split()[0] for line in listed.splitlines()} == {p.stem for p in _scenario_files()}


def test_the_readme_spark_flow_links_a_code_on_the_installed_server(
    installed_server: Server, tmp_path: Path
) -> None:
    answers = run_readme_script(
        "## The Spark flow in 6 curl calls", installed_server.base_url, cwd=tmp_path
    )
    newest = answers[-1]["data"]["list"][0]
    assert newest["item_info"]["text"] == "new routine #dance"
    assert newest["auth_info"]["ad_auth_status"] == "AUTHORIZED"


def test_the_installed_server_serves_the_bundled_sample_as_a_posts_preview(
    installed_server: Server,
) -> None:
    """The sample ships in the package: it stands in for the media of scenario posts."""
    sandbox = installed_server.call("GET", "/_mockads/v1/sandboxes/default")[1]
    code = next(c["auth_code"] for c in sandbox["sample_codes"] if c["case"] == "READY")
    info = installed_server.call(
        "GET",
        "/open_api/v1.3/tt_video/info/",
        token=sandbox["access_token"],
        advertiser_id=sandbox["advertiser_ids"][0],
        auth_code=code,
    )[1]
    sample = REPOSITORY / "mockads" / "fixtures" / "media" / "sample.mp4"
    with urllib.request.urlopen(info["data"]["video_info"]["preview_url"], timeout=10) as r:
        assert r.read() == sample.read_bytes()


def _scenario_files() -> list[Path]:
    return sorted((REPOSITORY / "mockads" / "fixtures" / "scenarios").glob("*.yaml"))


def test_a_plain_script_drives_the_installed_server_with_the_helper_without_pytest(
    installed: Path, installed_server: Server
) -> None:
    """`mockads.testing.connect` needs only the package: the installed one has no pytest."""
    script = (
        "import importlib.util, sys\n"
        "from mockads.testing import connect\n"
        "sandbox = connect(sys.argv[1], seed=3)\n"
        "post = sandbox.creator().allow_authorized_posts().accept_ad_terms().post()\n"
        "code = post.switch_ad_authorization(on=True).generate_code(days=30)\n"
        "print(importlib.util.find_spec('pytest') is None, code.startswith('#'))\n"
    )
    printed = subprocess.run(
        [str(installed / "python"), "-c", script, installed_server.base_url],
        check=True,
        capture_output=True,
        text=True,
        cwd=installed,
    ).stdout
    assert printed.split() == ["True", "True"]
