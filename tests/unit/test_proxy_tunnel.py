"""Proxy mode's allow-list: a tunnel to TikTok's three API hosts on 443, nothing else."""

from __future__ import annotations

import pytest

from mockads.proxy import PROXIED_HOSTS
from mockads.proxy.tunnel import refusal, tunnel_host


def test_the_proxy_answers_for_tiktoks_three_api_hosts():
    assert sorted(PROXIED_HOSTS) == [
        "ads.tiktok.com",
        "business-api.tiktok.com",
        "sandbox-ads.tiktok.com",
    ]


@pytest.mark.parametrize(
    ("line", "host"),
    [
        ("CONNECT business-api.tiktok.com:443 HTTP/1.1", "business-api.tiktok.com"),
        ("CONNECT sandbox-ads.tiktok.com:443 HTTP/1.1", "sandbox-ads.tiktok.com"),
        ("CONNECT ads.tiktok.com:443 HTTP/1.0", "ads.tiktok.com"),
        ("CONNECT Business-API.TikTok.com:443 HTTP/1.1", "business-api.tiktok.com"),
        ("CONNECT business-api.tiktok.com.:443 HTTP/1.1", "business-api.tiktok.com"),
    ],
)
def test_a_connect_to_a_tiktok_api_host_on_443_opens_a_tunnel(line, host):
    assert tunnel_host(line) == host


@pytest.mark.parametrize(
    "line",
    [
        "CONNECT example.com:443 HTTP/1.1",
        "CONNECT www.tiktok.com:443 HTTP/1.1",
        "CONNECT business-api.tiktok.com.example.com:443 HTTP/1.1",
        "CONNECT evilbusiness-api.tiktok.com:443 HTTP/1.1",
        "CONNECT user@business-api.tiktok.com:443 HTTP/1.1",
        "CONNECT 127.0.0.1:443 HTTP/1.1",
        "CONNECT business-api.tiktok.com:80 HTTP/1.1",
        "CONNECT business-api.tiktok.com:8443 HTTP/1.1",
        "CONNECT business-api.tiktok.com HTTP/1.1",
        "CONNECT business-api.tiktok.com:443",
        "CONNECT business-api.tiktok.com:443 HTTP/2",
        "connect business-api.tiktok.com:443 HTTP/1.1",
        "GET http://business-api.tiktok.com/open_api/v1.3/user/info/ HTTP/1.1",
        "GET / HTTP/1.1",
        "",
    ],
)
def test_anything_else_opens_no_tunnel(line):
    assert tunnel_host(line) is None


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("CONNECT example.com:443 HTTP/1.1", "answers only for"),
        ("GET http://example.com/ HTTP/1.1", "proxies HTTPS only"),
    ],
)
def test_a_refusal_is_a_complete_403_that_closes_and_says_why(line, says):
    head, body = refusal(line).split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    assert lines[0] == "HTTP/1.1 403 Forbidden"
    assert "Connection: close" in lines
    assert f"Content-Length: {len(body)}" in lines
    assert says in body.decode() and "business-api.tiktok.com:443" in body.decode()
