"""Requests a public server must answer with a plain 404, not a 500 and a traceback.

- Voilà's static file handlers raise ValueError on a `%00` name (os.path.realpath) and on a
  template path with fewer than three parts (`/voila/templates/x`): a 500 and ~2 KB of log each.
- `/logout` (jupyter_server's identity provider; nobody logs in to the dashboard) renders a
  template whose static_url setting Voilà never sets: a 500 and ~9 KB of traceback a request.
- Voilà keeps the request info (query string included) of every preheated render in a class
  dictionary until its page's websocket reads it, and never deletes it: one entry a render,
  forever. The entry is dropped once sent, and those of ended kernels are pruned.
"""

from __future__ import annotations

from typing import Any

import tornado.web
from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.auth.logout import LogoutHandler
from voila.request_info_handler import RequestInfoSocketHandler


class QuietPathMixin:
    """For StaticFileHandler subclasses: a path they cannot handle is not found."""

    def parse_url_path(self, url_path: str) -> str:
        if "\x00" in url_path:
            raise tornado.web.HTTPError(404)
        try:
            return super().parse_url_path(url_path)  # type: ignore[misc]
        except ValueError:
            raise tornado.web.HTTPError(404) from None

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        try:
            return super().validate_absolute_path(root, absolute_path)  # type: ignore[misc]
        except ValueError:
            raise tornado.web.HTTPError(404) from None


class OneShotRequestInfoHandler(RequestInfoSocketHandler):
    """Voilà's request-info websocket, deleting a cached entry once it is sent."""

    def open(self, kernel_id: str) -> None:
        RequestInfoSocketHandler._waiters[kernel_id] = self
        payload = RequestInfoSocketHandler._cache.pop(kernel_id, None)
        if payload is not None:
            self.write_message(payload)

    def on_close(self) -> None:
        for kernel_id, waiter in list(RequestInfoSocketHandler._waiters.items()):
            if waiter is self:
                del RequestInfoSocketHandler._waiters[kernel_id]


def prune_request_info(live_kernel_ids: set[str]) -> int:
    """Drop the cached request info of kernels that have ended; how many were dropped."""
    ended = [kernel_id for kernel_id in RequestInfoSocketHandler._cache
             if kernel_id not in live_kernel_ids]
    for kernel_id in ended:
        RequestInfoSocketHandler._cache.pop(kernel_id, None)
    return len(ended)


def quiet_handlers(handlers: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The handler list without /login and /logout, static handlers answering 404 to bad
    paths, and the one-shot request-info handler."""
    quiet = []
    for pattern, handler, *rest in handlers:
        if isinstance(handler, type) and issubclass(handler, (LoginFormHandler, LogoutHandler)):
            continue
        if handler is RequestInfoSocketHandler:
            handler = OneShotRequestInfoHandler
        elif isinstance(handler, type) and issubclass(handler, tornado.web.StaticFileHandler):
            handler = type(f"Quiet{handler.__name__}", (QuietPathMixin, handler), {})
        quiet.append((pattern, handler, *rest))
    return quiet
