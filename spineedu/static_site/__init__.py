"""The static (kernel-less) site: the treatment explorer runs in the visitor's browser on Pyodide.

Everything the page loads is a file of the site itself, served from the same origin: no request
goes to a CDN or any other host, so the site works offline, behind a strict
Content-Security-Policy, and from any plain static file server. `runtime` ships the Python side
(the Pyodide core, the wheels, our own Pyodide lock file) and writes `manifest.json`, the list of
every shipped file with its version, sha256, size and source.
"""
