"""`kg serve`: the store as a local SPARQL 1.1 endpoint with a browser UI and Linked Data pages.

    create_app(store_path, limits)  -> the ASGI application (Starlette; kg/serve/app.py)
    run(store_path, host, port, ...) -> serve it with uvicorn until Ctrl-C

The store is only read, with the same checks as `kg query` (kg/serve/sparql.py), and it is shared
with `kg build` as `kg query` shares it (kg/serve/lease.py).
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

from kg.errors import Errors, KgError
from kg.serve.sparql import Limits

__all__ = ["Limits", "create_app", "run", "is_loopback"]

#: connections served at once (beyond them uvicorn answers 503)
MAX_CONNECTIONS = 200


def create_app(store_path: str | Path, limits: Limits | None = None, *, allowed_hosts: list[str] | None = None):
    """The ASGI application over the store at `store_path` (see kg/serve/app.py)."""
    from kg.serve.app import create_app as make

    return make(store_path, limits, allowed_hosts=allowed_hosts)


def is_loopback(host: str) -> bool:
    """Is `host` a loopback address or name (only this machine can connect)?"""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not 0: asyncio sets TCP_NODELAY only on connections of such a socket, and
    # without it a response's body waits ~40 ms for the client's delayed ACK of its headers
    # (Nagle) on every kept-alive connection
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise KgError(Errors.E590.format(host=host, port=port, reason=exc.strerror or exc)) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def run(store_path: str | Path, *, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None,
        on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the store until interrupted; `on_ready(url)` is called once it accepts requests (and
    handles Ctrl-C)."""
    import uvicorn

    from kg.store import open_store

    open_store(Path(store_path), read_only=True).close()    # a missing, damaged or newer store: a clear error, now
    sock = _bind(host, port)
    bound = sock.getsockname()[1]
    loopback = is_loopback(host)
    allowed = ["127.0.0.1", "localhost", "::1", "[::1]", host] if loopback else None
    app = create_app(store_path, limits, allowed_hosts=allowed)
    limits = app.state.server.limits
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_keep_alive=5,
                            limit_concurrency=MAX_CONNECTIONS, lifespan="on",
                            h11_max_incomplete_event_size=limits.max_request_bytes + 16_384)
    shown = f"[{host}]" if ":" in host else host

    class _Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets=sockets)
            if on_ready and self.started:        # listening, and Ctrl-C stops it cleanly from now on
                on_ready(f"http://{shown}:{bound}/")

    server = _Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
