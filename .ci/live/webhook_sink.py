#!/usr/bin/env python3
"""A loopback webhook receiver for the live check: Alertmanager's CI config posts here instead of the
example's placeholder URL. Prints its port on the first line of stdout, then appends every POSTed JSON body
as one line to the file given as argument.

    python3 .ci/live/webhook_sink.py OUT.jsonl
"""
import http.server
import json
import sys
import threading

out_path = sys.argv[1]
lock = threading.Lock()


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            line = json.dumps({"path": self.path, "body": json.loads(body)})
        except ValueError:
            line = json.dumps({"path": self.path, "raw": body.decode("utf-8", "replace")})
        with lock, open(out_path, "a", encoding="utf-8") as f:
            f.write(line + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
print(server.server_address[1], flush=True)
server.serve_forever()
