"""Security headers on every response of the public server: pages, static files, error pages.

A tornado output transform sees the headers of every response just before they are written,
whatever handler (Voilà's, jupyter_server's, tornado's static files, send_error) made them, so
none is forgotten. jupyter_server's own policy is only `frame-ancestors 'self'` with a report-uri
that answers 404 here; tornado names itself and its version; cookies leave SameSite to the
browser.

What the policy allows is what Voilà's pages need, checked in the browser tests: inline scripts
(Voilà writes each cell's output and its start-up calls inline, so 'unsafe-inline' stays),
inline styles (widgets set them), images as data: and blob: URLs (figures), the kernel websocket
on the same origin. Nothing from another origin.
"""

from __future__ import annotations

from tornado.httputil import HTTPHeaders
from tornado.web import OutputTransform

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


def with_samesite(cookie: str) -> str:
    """A Set-Cookie value with SameSite=Lax unless it states one already."""
    return cookie if "samesite=" in cookie.lower() else f"{cookie}; SameSite=Lax"


def secure_headers(headers: HTTPHeaders) -> None:
    for name, value in HEADERS.items():
        headers[name] = value
    headers.pop("Server", None)
    cookies = headers.get_list("Set-Cookie")
    if cookies:
        del headers["Set-Cookie"]
        for cookie in cookies:
            headers.add("Set-Cookie", with_samesite(cookie))


class SecurityHeaders(OutputTransform):
    """Sets HEADERS, drops `Server`, adds SameSite to cookies, on every response."""

    def transform_first_chunk(self, status_code: int, headers: HTTPHeaders, chunk: bytes,
                              finishing: bool) -> tuple[int, HTTPHeaders, bytes]:
        secure_headers(headers)
        return status_code, headers, chunk
