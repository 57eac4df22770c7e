"""Proxy mode end to end: clients keep TikTok's host names and reach the sandbox, nothing else.

A real `mockads serve --proxy-port 0`; `requests` and `httpx` use it as their HTTPS proxy and
trust its CA, exactly as the README tells a user to.
"""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import requests

from tests.e2e.conftest import readme_block
from tests.e2e.proxying import ProxiedServer, proxied_server

pytestmark = pytest.mark.e2e

MIRROR = "/open_api/v1.3"


@pytest.fixture(scope="module")
def proxied() -> Iterator[ProxiedServer]:
    with proxied_server() as server:
        yield server


def _session(server: ProxiedServer) -> requests.Session:
    """A requests session through the proxy, trusting its CA, blind to this machine's proxy
    variables (a NO_PROXY there must not send the call past the proxy)."""
    session = requests.Session()
    session.trust_env = False
    session.proxies = {"https": server.proxy_url, "http": server.proxy_url}
    session.verify = str(server.ca_path)
    session.headers["Access-Token"] = server.token
    return session


def _proxy_answer(server: ProxiedServer, request: bytes) -> bytes:
    """What the proxy answers to one raw request before it closes the connection."""
    address = urlsplit(server.proxy_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_requests_reaches_the_sandbox_at_business_api_tiktok_com(proxied):
    with _session(proxied) as session:
        answer = session.get(
            f"https://business-api.tiktok.com{MIRROR}/advertiser/info/",
            params={"advertiser_ids": f'["{proxied.advertiser_ids[0]}"]'},
            timeout=10,
        ).json()
    assert (answer["code"], answer["message"]) == (0, "OK")
    assert [a["advertiser_id"] for a in answer["data"]["list"]] == proxied.advertiser_ids[:1]


@pytest.mark.parametrize("host", ["sandbox-ads.tiktok.com", "ads.tiktok.com"])
def test_the_other_tiktok_hosts_answer_from_the_same_sandbox(proxied, host):
    with _session(proxied) as session:
        direct = requests.get(
            f"{proxied.base_url}{MIRROR}/campaign/get/",
            params={"advertiser_id": proxied.advertiser_ids[0]},
            headers={"Access-Token": proxied.token},
            timeout=10,
        ).json()
        tunnelled = session.get(
            f"https://{host}{MIRROR}/campaign/get/",
            params={"advertiser_id": proxied.advertiser_ids[0]},
            timeout=10,
        ).json()
    assert tunnelled["code"] == 0 and tunnelled["data"]["list"]
    assert tunnelled["data"] == direct["data"]


def test_a_proxied_write_lands_in_the_same_sandbox_and_its_journal(proxied):
    control = f"{proxied.base_url}/_mockads/v1/sandboxes/default"
    requests.delete(f"{control}/journal", timeout=10).raise_for_status()
    with _session(proxied) as session:
        created = session.post(
            f"https://business-api.tiktok.com{MIRROR}/campaign/create/",
            json={
                "advertiser_id": proxied.advertiser_ids[0],
                "campaign_name": "Through the proxy",
                "objective_type": "TRAFFIC",
                "budget_mode": "BUDGET_MODE_INFINITE",
            },
            timeout=10,
        ).json()
    assert created["code"] == 0, created
    listed = requests.get(
        f"{proxied.base_url}{MIRROR}/campaign/get/",
        params={"advertiser_id": proxied.advertiser_ids[0]},
        headers={"Access-Token": proxied.token},
        timeout=10,
    ).json()
    assert created["data"]["campaign_id"] in {c["campaign_id"] for c in listed["data"]["list"]}
    journal = requests.get(f"{control}/journal", timeout=10).json()
    assert [(e["path"], e["code"]) for e in journal["entries"]] == [
        ("campaign/create/", 0),
        ("campaign/get/", 0),
    ]


def test_links_in_proxied_answers_name_the_tiktok_host_over_https_and_load(proxied):
    with _session(proxied) as session:
        videos = session.get(
            f"https://sandbox-ads.tiktok.com{MIRROR}/file/video/ad/search/",
            params={"advertiser_id": proxied.advertiser_ids[0]},
            timeout=10,
        ).json()["data"]["list"]
        poster = videos[0]["poster_url"]
        assert poster.startswith("https://sandbox-ads.tiktok.com/media/poster/")
        loaded = session.get(poster, timeout=10)
    assert loaded.status_code == 200
    assert loaded.headers["Content-Type"] == "image/jpeg"


def test_httpx_reaches_the_sandbox_through_the_proxy(proxied):
    trust = ssl.create_default_context(cafile=str(proxied.ca_path))
    with httpx.Client(proxy=proxied.proxy_url, verify=trust, trust_env=False) as client:
        answer = client.get(
            f"https://business-api.tiktok.com{MIRROR}/identity/get/",
            params={"advertiser_id": proxied.advertiser_ids[0]},
            headers={"Access-Token": proxied.token},
        ).json()
    assert answer["code"] == 0 and answer["data"]["identity_list"]


def test_another_host_is_refused_and_never_forwarded(proxied):
    answer = _proxy_answer(
        proxied, b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n"
    )
    assert answer.startswith(b"HTTP/1.1 403 Forbidden\r\n")
    with _session(proxied) as session, pytest.raises(requests.exceptions.ProxyError):
        session.get("https://example.com/", timeout=10)


def test_a_tiktok_host_on_another_port_is_refused(proxied):
    line = b"CONNECT business-api.tiktok.com:8443 HTTP/1.1\r\n\r\n"
    assert _proxy_answer(proxied, line).startswith(b"HTTP/1.1 403 Forbidden\r\n")


def test_plain_http_through_the_proxy_is_refused_even_for_a_tiktok_host(proxied):
    request = (
        f"GET http://business-api.tiktok.com{MIRROR}/advertiser/info/ HTTP/1.1\r\n"
        "Host: business-api.tiktok.com\r\n\r\n"
    ).encode()
    answer = _proxy_answer(proxied, request)
    assert answer.startswith(b"HTTP/1.1 403 Forbidden\r\n")
    assert b"proxies HTTPS only" in answer


def test_a_client_that_does_not_trust_the_ca_gets_no_answer(proxied):
    with _session(proxied) as session, pytest.raises(requests.exceptions.SSLError):
        session.get(f"https://business-api.tiktok.com{MIRROR}/advertiser/info/", verify=True)


def test_the_ca_is_made_once_and_reused_across_restarts(tmp_path):
    ca_dir = tmp_path / "ca"
    with proxied_server(ca_dir) as first:
        trusted = first.ca_path.read_bytes()
    printed = subprocess.run(
        [sys.executable, "-m", "mockads", "ca-path"],
        env={"MOCKADS_CA_DIR": str(ca_dir), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.strip()
    assert Path(printed) == first.ca_path
    with proxied_server(ca_dir) as second:
        assert second.ca_path == first.ca_path
        assert second.ca_path.read_bytes() == trusted
        with _session(second) as session:
            answer = session.get(
                f"https://ads.tiktok.com{MIRROR}/advertiser/info/",
                params={"advertiser_ids": f'["{second.advertiser_ids[0]}"]'},
                timeout=10,
            )
        assert answer.json()["code"] == 0


def test_ca_path_makes_the_ca_when_there_is_none(tmp_path):
    printed = subprocess.run(
        [sys.executable, "-m", "mockads", "ca-path"],
        env={"MOCKADS_CA_DIR": str(tmp_path / "new"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.strip()
    assert printed == str(tmp_path / "new" / "mockads-ca.pem")
    assert Path(printed).read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")


#: Loaded by the server's interpreter: every name lookup or connection to anything but this
#: machine is written down and refused (so nothing could leave even if the proxy tried).
_OUTBOUND_GUARD = textwrap.dedent(
    """
    import os, socket

    _LOG = os.environ["MOCKADS_TEST_OUTBOUND_LOG"]
    _HERE = {None, "", "localhost", "0.0.0.0", "::", "::1"}

    def _here(host):
        host = host.decode() if isinstance(host, bytes) else host
        return host in _HERE or (isinstance(host, str) and host.startswith("127."))

    def _refuse(what):
        with open(_LOG, "a") as log:
            log.write(what + "\\n")
        raise OSError("outbound " + what + " refused by the test")

    _getaddrinfo = socket.getaddrinfo
    def getaddrinfo(host, *args, **kwargs):
        if not _here(host):
            _refuse(f"lookup {host!r}")
        return _getaddrinfo(host, *args, **kwargs)
    socket.getaddrinfo = getaddrinfo

    def _guarded(connect):
        def guarded(self, address):
            inet = self.family in (socket.AF_INET, socket.AF_INET6)
            if inet and not _here(address[0]):
                _refuse(f"connect {address!r}")
            return connect(self, address)
        return guarded
    socket.socket.connect = _guarded(socket.socket.connect)
    socket.socket.connect_ex = _guarded(socket.socket.connect_ex)
    """
)


def test_nothing_leaves_the_machine_whatever_clients_ask(tmp_path):
    (tmp_path / "guard").mkdir()
    (tmp_path / "guard" / "sitecustomize.py").write_text(_OUTBOUND_GUARD)
    outbound = tmp_path / "outbound.log"
    outbound.touch()
    env = {
        "PYTHONPATH": str(tmp_path / "guard"),
        "MOCKADS_TEST_OUTBOUND_LOG": str(outbound),
    }
    # The guard works: a lookup of another machine is written down.
    subprocess.run(
        [sys.executable, "-c", "import socket; socket.getaddrinfo('example.com', 443)"],
        env=env,
        capture_output=True,
        timeout=30,
    )
    assert "example.com" in outbound.read_text()
    outbound.write_text("")

    with proxied_server(env=env) as server, _session(server) as session:
        for host in ("business-api.tiktok.com", "sandbox-ads.tiktok.com", "ads.tiktok.com"):
            answer = session.get(
                f"https://{host}{MIRROR}/advertiser/info/",
                params={"advertiser_ids": f'["{server.advertiser_ids[0]}"]'},
                timeout=10,
            )
            assert answer.json()["code"] == 0
        for target in ("example.com:443", "93.184.215.14:443", "www.tiktok.com:443"):
            refused = _proxy_answer(server, f"CONNECT {target} HTTP/1.1\r\n\r\n".encode())
            assert refused.startswith(b"HTTP/1.1 403 ")
        plain = b"GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n"
        assert _proxy_answer(server, plain).startswith(b"HTTP/1.1 403 ")
    assert outbound.read_text() == ""


#: A Node client with no package: a CONNECT tunnel, then TLS trusting what NODE_EXTRA_CA_CERTS
#: adds (Node before 24 does not read HTTPS_PROXY itself).
_NODE_CLIENT = """
const http = require('http'), https = require('https'), tls = require('tls');
const [host, path, token] = process.argv.slice(1);
const proxy = new URL(process.env.HTTPS_PROXY);
http.request({host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: host + ':443'})
  .on('connect', (answer, socket) => {
    if (answer.statusCode !== 200) {
      console.log(JSON.stringify({proxy: answer.statusCode}));
      return;
    }
    https.get({host, path, headers: {'Access-Token': token},
               createConnection: () => tls.connect({socket, servername: host})}, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => console.log(body));
    }).on('error', (error) => console.log(JSON.stringify({error: error.code})));
  }).end();
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_node_trusts_the_ca_through_node_extra_ca_certs(proxied):
    path = f"{MIRROR}/advertiser/info/?advertiser_ids=%5B%22{proxied.advertiser_ids[0]}%22%5D"

    def node(host: str, env: dict[str, str]) -> dict[str, object]:
        output = subprocess.run(
            ["node", "-e", _NODE_CLIENT, host, path, proxied.token],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        return json.loads(output)

    trusting = proxied.client_env()
    assert node("business-api.tiktok.com", trusting)["code"] == 0
    assert node("example.com", trusting) == {"proxy": 403}
    distrusting = {k: v for k, v in trusting.items() if k != "NODE_EXTRA_CA_CERTS"}
    assert node("business-api.tiktok.com", distrusting) == {
        "error": "UNABLE_TO_VERIFY_LEAF_SIGNATURE"  # the leaf's issuer is unknown to it
    }


def test_faults_apply_through_the_proxy_and_a_dropped_connection_reaches_the_client(proxied):
    faults = f"{proxied.base_url}/_mockads/v1/sandboxes/default/faults"
    for rule in (
        {"path": "campaign/get/", "http_status": 503, "times": 1},
        {"path": "campaign/get/", "drop_connection": True, "times": 1},
    ):
        requests.post(faults, json=rule, timeout=10).raise_for_status()
    url = f"https://business-api.tiktok.com{MIRROR}/campaign/get/"
    params = {"advertiser_id": proxied.advertiser_ids[0]}
    try:
        with _session(proxied) as session:
            unavailable = session.get(url, params=params, timeout=10)
            assert (unavailable.status_code, unavailable.json()["code"]) == (503, 50002)
            assert unavailable.headers["X-Mockads-Fault"]
            with pytest.raises(requests.exceptions.ConnectionError):
                session.get(url, params=params, timeout=10)
            assert session.get(url, params=params, timeout=10).json()["code"] == 0
    finally:
        requests.delete(faults, timeout=10).raise_for_status()


def test_the_readme_python_example_prints_the_advertisers_name_through_the_proxy(proxied):
    block = readme_block("## Proxy mode")
    python_lines = [
        line
        for line in block.splitlines()
        if "REQUESTS_CA_BUNDLE" in line or line.startswith("python -c")
    ]
    script = "\n".join(python_lines).replace("http://127.0.0.1:8766", proxied.proxy_url)
    script = script.replace("mockads ca-path", f"{sys.executable} -m mockads ca-path")
    script = script.replace("python -c", f"{sys.executable} -c")
    env = {**proxied.client_env(), "MOCKADS_CA_DIR": str(proxied.ca_path.parent)}
    printed = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env={
            k: v for k, v in env.items() if k.upper() not in {"HTTPS_PROXY", "REQUESTS_CA_BUNDLE"}
        },
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.strip()
    name = requests.get(
        f"{proxied.base_url}{MIRROR}/advertiser/info/",
        params={"advertiser_ids": f'["{proxied.advertiser_ids[0]}"]'},
        headers={"Access-Token": proxied.token},
        timeout=10,
    ).json()["data"]["list"][0]["name"]
    assert printed == name


def _serve_fails(tmp_path: Path, *args: str, ca_dir: Path | None = None) -> str:
    """What `mockads serve --port 0 ARGS` prints when it refuses to start (it must)."""
    env = {"MOCKADS_CA_DIR": str(ca_dir or tmp_path / "ca"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "mockads", "serve", "--port", "0", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stderr


def test_a_proxy_port_in_use_stops_serve_with_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        error = _serve_fails(tmp_path, "--proxy-port", str(port))
    assert f"Error: proxy port {port}: " in error
    assert "Traceback" not in error


def test_a_ca_folder_mockads_cannot_write_stops_serve_with_a_clear_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    error = _serve_fails(tmp_path, "--proxy-port", "0", ca_dir=blocked / "ca")
    assert f"Error: the CA in {blocked / 'ca'}: " in error
    assert "Traceback" not in error


@pytest.mark.parametrize(
    "page",
    ["https://business-api.tiktok.com/portal/auth", "https://ads.tiktok.com/marketing_api/auth"],
)
def test_a_hard_coded_authorization_url_works_through_the_proxy(proxied, page):
    """An app that hard-codes TikTok's authorization page reaches mockads' (which checks the
    app, then asks the advertiser to sign in), and exchanges a code at TikTok's host."""
    control = f"{proxied.base_url}/_mockads/v1/sandboxes/default"
    (app,) = requests.get(f"{control}/apps", timeout=10).json()["apps"]
    query = {"app_id": app["app_id"], "state": "s", "redirect_uri": app["redirect_uris"][0]}
    with _session(proxied) as session:
        shown = session.get(page, params=query, timeout=10)
        assert shown.status_code == 200 and "Sign in" in shown.text  # followed to the sign-in
        wrong = session.get(page, params={**query, "redirect_uri": "https://evil.example/"})
        assert wrong.status_code == 400 and not wrong.history
        consent = {
            "redirect_uri": app["redirect_uris"][0],
            "advertiser_ids": proxied.advertiser_ids[:1],
        }
        code = requests.post(f"{control}/apps/{app['app_id']}/auth_codes", json=consent, timeout=10)
        exchanged = session.post(
            f"https://business-api.tiktok.com{MIRROR}/oauth2/access_token/",
            json={
                "app_id": app["app_id"],
                "secret": app["secret"],
                "auth_code": code.json()["auth_code"],
            },
            timeout=10,
        ).json()
    assert (
        exchanged["code"] == 0 and exchanged["data"]["advertiser_ids"] == proxied.advertiser_ids[:1]
    )
