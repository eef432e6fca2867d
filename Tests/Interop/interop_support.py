"""What the Python interop scripts share: counted checks that stop a script at its first failure, and plain HTTP
requests with Basic authentication, outside any client library, to see statuses and bodies as the server sent them."""

import base64
import sys
import urllib.error
import urllib.request


class Checks:
    """Counts passed checks; the first failed one prints `FAIL: message` and exits with status 1."""

    def __init__(self, verbose=True):
        self.passed = 0
        self.verbose = verbose

    def __call__(self, condition, message):
        if not condition:
            print(f"FAIL: {message}")
            sys.exit(1)
        self.passed += 1
        if self.verbose:
            print(f"ok: {message}")


class BasicClient:
    """Requests to `base` (scheme, host and port; paths are appended) as `user`, with Basic authentication."""

    def __init__(self, base, user, password):
        self.base = base.rstrip("/")
        self.authorization = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def request(self, method, path, body=None, headers=None):
        """Sends one request to `path` (or to a whole URL); returns status, headers and body, error statuses too."""
        url = path if "://" in path else self.base + path
        if isinstance(body, str):
            body = body.encode()
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Authorization", self.authorization)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()
