#!/usr/bin/env python3
"""systemd integration of the real kalends binary, without systemd:

- sd_notify: READY=1 once listening and STOPPING=1 on SIGTERM arrive on $NOTIFY_SOCKET (an AF_UNIX datagram
  socket we bind), as Type=notify units need;
- socket activation: a listening socket passed as fd 3 with LISTEN_PID/LISTEN_FDS is adopted and served, and
  the configured listen address is ignored.

Usage: systemd_integration.py KALENDS_BINARY. Prints "systemd: N passed, N failed"; exit status 1 on failure.
"""
import base64
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

BINARY = sys.argv[1]
results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("PASS " if condition else "FAIL ") + name + (f": {detail}" if detail and not condition else ""))


def add_user(data):
    subprocess.run([BINARY, "user", "add", "sam", "--password-stdin", "--data", data,
                    "--set", "auth.password_scheme=sha512crypt"], input=b"sam-password\n", check=True,
                   stdout=subprocess.DEVNULL)


def get(port, path, auth=True):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(b"sam:sam-password").decode())
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_notify(work):
    data = os.path.join(work, "notify-data")
    add_user(data)
    path = os.path.join(work, "notify.sock")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(path)
    notify.settimeout(20)
    env = dict(os.environ, NOTIFY_SOCKET=path)
    server = subprocess.Popen([BINARY, "serve", "--data", data, "--listen", "127.0.0.1:0"], env=env,
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        message = notify.recv(4096).decode()
        check("sd_notify READY=1 when listening", "READY=1" in message, message)
        check("sd_notify STATUS names the address", "STATUS=Serving on 127.0.0.1:" in message, message)
        server.send_signal(signal.SIGTERM)
        message = notify.recv(4096).decode()
        check("sd_notify STOPPING=1 on SIGTERM", "STOPPING=1" in message, message)
        check("clean exit after SIGTERM", server.wait(timeout=20) == 0)
    finally:
        if server.poll() is None:
            server.kill()
        notify.close()


def test_socket_activation(work):
    data = os.path.join(work, "activation-data")
    add_user(data)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    pid = os.fork()
    if pid == 0:
        os.dup2(listener.fileno(), 3)
        os.set_inheritable(3, True)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        env = dict(os.environ, LISTEN_PID=str(os.getpid()), LISTEN_FDS="1")
        # The configured address is unusable on purpose: the inherited socket must win.
        os.execve(BINARY, [BINARY, "serve", "--data", data, "--listen", "127.0.0.1:1"], env)
    listener.close()
    try:
        status = None
        for _ in range(100):
            try:
                status = get(port, "/health", auth=False)
                break
            except OSError:
                time.sleep(0.1)
        check("socket activation: inherited socket serves /health", status == 200, str(status))
        check("socket activation: authenticated home answers", get(port, "/dav/home/sam/") == 200)
    finally:
        os.kill(pid, signal.SIGTERM)
        _, exit_status = os.waitpid(pid, 0)
        check("socket activation: clean exit", os.waitstatus_to_exitcode(exit_status) == 0)


with tempfile.TemporaryDirectory() as work:
    test_notify(work)
    test_socket_activation(work)

passed = sum(1 for result in results if result)
failed = len(results) - passed
print(f"systemd: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
