"""The proxy's front end: `CONNECT` to TikTok's API hosts, TLS ended here, the app behind.

A client configured with `HTTPS_PROXY` opens a tunnel with `CONNECT business-api.tiktok.com:443`.
The front end answers it only for the hosts in `PROXIED_HOSTS` on port 443, then speaks TLS as
that host (a certificate from the local CA) and pipes the decrypted stream to a waitress server
of the same app on a private loopback port. Anything else (another host or port, a plain
`GET http://...`, a malformed request) is answered 403 and closed: nothing is forwarded, no name
is resolved, no connection leaves the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import Callable

__all__ = ["PROXIED_HOSTS", "TunnelFrontEnd", "refusal", "tunnel_host"]

PROXIED_HOSTS = frozenset({"business-api.tiktok.com", "sandbox-ads.tiktok.com", "ads.tiktok.com"})
#: How long a client may take to send its CONNECT request, and the TLS handshake after it.
HEAD_TIMEOUT = 10.0
HEAD_LIMIT = 16 * 1024
CHUNK = 64 * 1024

_ESTABLISHED = b"HTTP/1.1 200 Connection Established\r\n\r\n"


def tunnel_host(request_line: str) -> str | None:
    """The TikTok API host a `CONNECT host:443 HTTP/1.x` line asks for; None for any other."""
    parts = request_line.split(" ")
    if len(parts) != 3 or parts[0] != "CONNECT" or parts[2] not in ("HTTP/1.0", "HTTP/1.1"):
        return None
    host, colon, port = parts[1].rpartition(":")
    host = host.lower().removesuffix(".")
    return host if colon and port == "443" and host in PROXIED_HOSTS else None


def refusal(request_line: str) -> bytes:
    """The 403 answer (then the connection closes) to anything but a tunnel to a TikTok host."""
    hosts = ", ".join(f"{host}:443" for host in sorted(PROXIED_HOSTS))
    if request_line.startswith("CONNECT "):
        reason = f"mockads answers only for {hosts}; it forwards nothing elsewhere."
    else:
        reason = f"mockads proxies HTTPS only: CONNECT to {hosts}; it forwards nothing."
    body = (reason + "\n").encode()
    head = (
        "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


class TunnelFrontEnd:
    """The asyncio server on 127.0.0.1 that opens tunnels to the app at `app_port`."""

    def __init__(self, context_for: Callable[[str], ssl.SSLContext], app_port: int) -> None:
        self._context_for = context_for
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._app_port = app_port

    async def start(self, port: int) -> asyncio.Server:
        """Listen on 127.0.0.1:`port` (0: a free port)."""
        for host in sorted(PROXIED_HOSTS):  # every certificate made before the first client
            self._contexts[host] = self._context_for(host)
        return await asyncio.start_server(self._serve, "127.0.0.1", port, limit=HEAD_LIMIT)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            host = await self._open_tunnel(reader, writer)
            if host is not None:
                await self._pipe_to_app(reader, writer)
        except (OSError, ssl.SSLError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # a client that went away, sent garbage or does not trust the CA
        except TimeoutError:
            pass
        finally:
            writer.close()

    async def _open_tunnel(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> str | None:
        """Read the request head; on a TikTok CONNECT answer 200 and start TLS as its host."""
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT)
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        host = tunnel_host(request_line)
        if host is None:
            writer.write(refusal(request_line))
            await writer.drain()
            return None
        writer.write(_ESTABLISHED)
        await writer.drain()
        await writer.start_tls(self._contexts[host], ssl_handshake_timeout=HEAD_TIMEOUT)
        return host

    async def _pipe_to_app(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        app_reader, app_writer = await asyncio.open_connection("127.0.0.1", self._app_port)
        try:
            await asyncio.gather(
                _copy(client_reader, app_writer, half_close=True),
                _copy(app_reader, client_writer, half_close=False),
            )
        finally:
            app_writer.close()


async def _copy(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, half_close: bool
) -> None:
    """Bytes from `reader` to `writer` until the end; then half-close `writer` (the client
    finished sending) or close it (the app finished answering)."""
    with contextlib.suppress(OSError, ssl.SSLError):
        while chunk := await reader.read(CHUNK):
            writer.write(chunk)
            await writer.drain()
    if half_close and writer.can_write_eof() and not writer.is_closing():
        with contextlib.suppress(OSError):
            writer.write_eof()
    else:
        writer.close()
