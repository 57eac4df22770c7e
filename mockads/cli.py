"""`mockads serve | scenarios | scenario show | openapi | state export | ca-path`."""

from __future__ import annotations

import gc
import logging
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

import click

from mockads import __version__
from mockads.settings import DEFAULT_PORT, UPLOAD_OVERHEAD, Settings

if TYPE_CHECKING:  # imported where used: only `serve --proxy-port` needs cryptography
    from mockads.proxy import CertificateAuthority, HttpsProxy

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mockads")
def main() -> None:
    """mockads: a stateful emulator of the TikTok Marketing API (v1.3) for Spark Ads."""


@main.command()
@click.option("--host", default=None, help="Address to bind [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help=f"Port [default: {DEFAULT_PORT}].")
@click.option(
    "--scenario", default=None, help="Scenario of the default sandbox [default: default]."
)
@click.option("--seed", type=int, default=None, help="Seed of the default sandbox [default: 1].")
@click.option("--db", default=None, help="Database URL [default: sqlite:// (in memory)].")
@click.option(
    "--media-dir",
    default=None,
    help="Where uploaded videos are kept [default: beside a --db file, else a temporary dir].",
)
@click.option("--threads", type=int, default=None, help="Threads per process [default: 8].")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes serving together under gunicorn, sharing --db (a SQLite file or "
    "PostgreSQL) [default: 1, waitress].",
)
@click.option(
    "--state",
    "state_file",
    default=None,
    metavar="FILE",
    help="Start the default sandbox from a state file (GET .../state) instead of the scenario; "
    "it replaces a default sandbox the --db holds.",
)
@click.option(
    "--proxy-port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Also run an HTTPS proxy on 127.0.0.1:PORT answering for TikTok's API hosts "
    "(see `mockads ca-path`) [default: off].",
)
def serve(
    host: str | None,
    port: int | None,
    scenario: str | None,
    seed: int | None,
    db: str | None,
    media_dir: str | None,
    threads: int | None,
    workers: int | None,
    state_file: str | None,
    proxy_port: int | None,
) -> None:
    """Serve the mirror, the control plane and the contract with waitress (or, with
    `--workers N`, from N processes under gunicorn)."""
    gc.disable()  # until started: see `_started`
    from mockads.app import StateFileRefused, create_app
    from mockads.banner import banner
    from mockads.server import create_server
    from mockads.store import OutdatedDatabase

    settings = Settings.from_env(
        host=host,
        port=port,
        scenario=scenario,
        seed=seed,
        db=db,
        media_dir=media_dir,
        threads=threads,
        workers=workers,
        state=state_file,
        proxy_port=proxy_port,
    )
    _check_workers(settings)
    try:
        app = create_app(settings)
    except (OutdatedDatabase, StateFileRefused) as error:
        raise click.ClickException(str(error)) from None
    _started()
    if settings.workers > 1:
        _serve_workers(app, settings)
        return
    # Under load waitress logs every request that waits for a free thread; a test server
    # expects that, so only errors are worth a line.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    server_options = {
        "threads": settings.threads,
        # Waitress reads a body whole before the app sees it: a body larger than any upload
        # may be is refused as soon as its headers announce it.
        "max_request_body_size": max(
            settings.max_video_bytes + UPLOAD_OVERHEAD, settings.max_state_bytes
        ),
    }
    proxy = _start_proxy(app, settings, server_options)
    server = create_server(app, host=settings.host, port=settings.port, **server_options)
    base_url = f"http://{settings.host}:{server.effective_port}"  # type: ignore[union-attr]
    proxy_info = None if proxy is None else (proxy.url, proxy.authority.certificate_path)
    click.echo(banner(app, base_url, proxy=proxy_info))
    sys.stdout.flush()
    _warm_up_in_background()
    # SIGTERM ends the server like Ctrl-C does, so the private database is removed on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if proxy is not None:
            proxy.close()


def _started() -> None:
    """Resume garbage collection, which `serve` pauses while it imports and builds the app.

    Starting allocates tens of thousands of objects (modules, classes, tables, routes) that
    live as long as the process; the collector scanning them again and again while they are
    made costs about a seventh of a cold start. They are frozen first, so later collections
    (and forked `--workers`) skip them too.
    """
    gc.freeze()
    gc.enable()


def _warm_up_in_background() -> None:
    """Import what serving does not need but a sandbox's first build from scratch does (Faker),
    once the server listens: the start stays short and the first new sandbox does not wait.
    Not under `--workers`: a thread importing while gunicorn forks could leave a child
    holding the import lock."""
    from mockads.scenarios import warm_up_faker

    threading.Thread(target=warm_up_faker, name="mockads-warm-up", daemon=True).start()


def _check_workers(settings: Settings) -> None:
    """Refuse what several processes cannot do: share a database in memory, or one proxy."""
    if settings.workers == 1:
        return
    if not settings.shares_database:
        raise click.UsageError(
            f"--workers {settings.workers} needs --db: a database in memory cannot be shared "
            "between processes. Serve a SQLite file (--db sqlite:///mockads.db) or PostgreSQL "
            "(--db postgresql+psycopg://user:password@host/name)."
        )
    if settings.proxy_port is not None:
        raise click.UsageError(
            "--proxy-port runs in one process: leave out --workers, or run the proxy from a "
            "second `mockads serve --proxy-port` on the same --db."
        )


def _serve_workers(app: Any, settings: Settings) -> None:
    """`serve --workers N`: the banner once the socket is bound, then N gunicorn workers."""
    from mockads.banner import banner
    from mockads.server import serve_workers

    store = app.extensions["mockads"].store

    def ready(base_url: str) -> None:
        click.echo(banner(app, base_url, workers=settings.workers))
        sys.stdout.flush()
        store.dispose()  # no worker may inherit a connection of this process

    serve_workers(
        app,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        threads=settings.threads,
        ready=ready,
        forked=store.forget_connections,
    )


def _start_proxy(app: Any, settings: Settings, server_options: dict[str, Any]) -> HttpsProxy | None:
    """Proxy mode's `HttpsProxy`, serving, when `--proxy-port` asks for it; else None."""
    if settings.proxy_port is None:
        return None
    from mockads.proxy import HttpsProxy

    authority = _authority(settings)
    try:
        proxy = HttpsProxy(app, authority, port=settings.proxy_port, **server_options)
    except OSError as error:
        raise click.ClickException(f"proxy port {settings.proxy_port}: {error}") from None
    proxy.start()
    return proxy


def _authority(settings: Settings) -> CertificateAuthority:
    """Proxy mode's CA, made on first use; a folder mockads cannot use stops the command."""
    from mockads.proxy import CertificateAuthority, ca_directory

    folder = ca_directory(settings.ca_dir)
    try:
        return CertificateAuthority.load_or_create(folder)
    except (OSError, ValueError) as error:
        raise click.ClickException(f"the CA in {folder}: {error}") from None


@main.command("ca-path")
def ca_path() -> None:
    """Print the path of proxy mode's CA certificate (made on first use) for clients to trust."""
    click.echo(str(_authority(Settings.from_env()).certificate_path))


@main.command()
def scenarios() -> None:
    """List the scenarios a sandbox can be built from."""
    from mockads.scenarios import list_scenarios

    specs = list_scenarios()
    width = max((len(spec.name) for spec in specs), default=0)
    for spec in specs:
        click.echo(f"{spec.name:<{width}}  {spec.headline}")


@main.group()
def scenario() -> None:
    """Look at one scenario without starting a server."""


@scenario.command()
@click.argument("name")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the keys the README lists).")
def show(name: str, seed: int, as_json: bool) -> None:
    """Print the world NAME builds for SEED: the token, ids, identities, codes, campaigns.

    It is the default sandbox `mockads serve --scenario NAME --seed SEED` would start now,
    built in memory: no server, no database.
    """
    import json

    from mockads.domain.errors import NotFound
    from mockads.scenario_view import scenario_json, scenario_text
    from mockads.scenarios import list_scenarios
    from mockads.services.sandboxes import preview_scenario

    try:
        preview = preview_scenario(name, seed)
    except NotFound as error:
        known = ", ".join(spec.name for spec in list_scenarios())
        raise click.UsageError(f"{error.message} Known scenarios: {known}.") from None
    if as_json:
        click.echo(json.dumps(scenario_json(preview), indent=2))
    else:
        click.echo(scenario_text(preview))


@main.command()
def openapi() -> None:
    """Print the OpenAPI contract (YAML)."""
    from mockads.contract import load_spec_text

    click.echo(load_spec_text(), nl=False)


@main.group()
def state() -> None:
    """Sandbox state files (the same document as GET /_mockads/v1/sandboxes/{id}/state)."""


@state.command("export")
@click.option("--db", required=True, help="Database URL a server keeps its sandboxes in.")
@click.option("--sandbox", "sandbox_id", default="default", help="Sandbox id [default: default].")
@click.option(
    "--media-dir",
    default=None,
    help="Where the server keeps uploaded videos [default: beside a --db file].",
)
@click.option(
    "-o", "--output", type=click.File("wb"), default="-", help="File to write [default: stdout]."
)
def state_export(db: str, sandbox_id: str, media_dir: str | None, output: Any) -> None:
    """Write a sandbox's state file from a database, without a server."""
    from mockads.app import media_files
    from mockads.domain.errors import NotFound
    from mockads.schemas.state import state_json
    from mockads.services.state import export_state
    from mockads.store import OutdatedDatabase, create_store
    from mockads.store.sql import MEMORY_URLS

    if db in MEMORY_URLS:
        raise click.UsageError("a database in memory holds nothing: name the server's --db.")
    try:
        store = create_store(db)
    except OutdatedDatabase as error:
        raise click.ClickException(str(error)) from None
    try:
        exported = export_state(
            store, media_files(Settings(db=db, media_dir=media_dir)), sandbox_id
        )
    except NotFound:
        raise click.ClickException(f"{db} holds no sandbox {sandbox_id!r}.") from None
    finally:
        store.dispose()
    output.write(state_json(exported))
