"""A partner's receiver for the tests: a real HTTP server on 127.0.0.1 that checks signatures
with the very function the README tells partners to copy."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from jalon.webhooks.signing import InvalidSignature, verify_signature


class Receiver:
    def __init__(self, secret: str, statuses=(200,)):
        self.secret = secret
        self.statuses = list(statuses)  # answers in turn; the last one repeats
        self.calls = []  # (headers, body, verified)
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = dict(self.headers.items())
                try:
                    verify_signature(receiver.secret, headers, body)
                    verified = True
                except InvalidSignature:
                    verified = False
                with receiver.lock:
                    receiver.calls.append((headers, body, verified))
                    index = min(len(receiver.calls), len(receiver.statuses)) - 1
                    status = receiver.statuses[index] if verified else 401
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/jalon/webhooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def verified_calls(self):
        return [call for call in self.calls if call[2]]
