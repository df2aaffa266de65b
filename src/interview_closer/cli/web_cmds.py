"""`closer serve`: the web app in a browser, on this computer only unless told otherwise."""

from __future__ import annotations

from typing import Annotated

import typer

from interview_closer.errors import UsageError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. Keep 127.0.0.1 so only this computer can connect."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in your web browser once it is ready.")
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (sqlite:///path.db or postgresql+psycopg://...). "
            "Default: $CLOSER_DATABASE_URL, else closer.db in the user data folder.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run the web app: dashboard, close cards, debriefs and follow-ups in your browser."""
    import socket

    import uvicorn

    from interview_closer.web.app import create_app

    extra_hosts = [] if host in LOOPBACK else ["*" if host in ("0.0.0.0", "::") else host]
    app = create_app(db, allowed_hosts=extra_hosts, warm_up=True)
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            # Same option uvicorn sets, so a recently closed server does not block the check.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {host}:{port} ({exc.strerror}); is another program using it? "
            "Try --port 8001"
        ) from exc
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if host not in LOOPBACK:
        typer.echo(
            f"Warning: listening on {host}: other computers on the network can reach your data.",
            err=True,
        )
    typer.echo(f"interview-closer is running at {url}  (press Ctrl+C to stop)")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    if open_browser:
        _open_when_ready(server, url)
    server.run()


def _open_when_ready(server: object, url: str) -> None:
    """Open the browser from a helper thread once uvicorn says it has started."""
    import threading
    import time
    import webbrowser

    def wait_then_open() -> None:
        for _ in range(200):
            if getattr(server, "started", False):
                webbrowser.open(url)
                return
            time.sleep(0.05)

    threading.Thread(target=wait_then_open, daemon=True).start()


def register(app: typer.Typer) -> None:
    """Attach `closer serve`."""
    app.command("serve")(serve)
