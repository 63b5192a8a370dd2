"""A real HTTP receiver for the notification tests (webhooks and robots).

    /usr/bin/python3 tests/lib/http_receiver.py LOG [PORT] [--secret S]

Listens on 127.0.0.1:PORT (a free port when none or 0 is given), writes
"PORT\n" to LOG.port once it accepts connections, and appends one JSON
line per POST to LOG: path, query, the X-Yoke-Key and Content-Type
headers, the body as text and, with --secret, whether the request is
signed right ("sign_ok"), checked here independently of yoked:

  DingTalk  ?timestamp=MS&sign=S: S = base64(HMAC-SHA256(secret, "MS\\nsecret"))
  Feishu    body {"timestamp":"S","sign":X}: X = base64(HMAC-SHA256("S\\nsecret", ""))

It answers 200 {"errcode":0,"errmsg":"ok"}, and stops at SIGTERM or SIGINT.
"""
import base64
import hashlib
import hmac
import http.server
import json
import signal
import sys
import threading
import urllib.parse


def dingtalk_ok(query, secret):
    q = urllib.parse.parse_qs(query)
    if "timestamp" not in q or "sign" not in q:
        return None
    ts = q["timestamp"][0]
    want = base64.b64encode(hmac.new(secret.encode(), (ts + "\n" + secret).encode(),
                                     hashlib.sha256).digest()).decode()
    return q["sign"][0] == want


def feishu_ok(body, secret):
    try:
        j = json.loads(body)
    except ValueError:
        return None
    if not isinstance(j, dict) or "sign" not in j:
        return None
    key = (str(j.get("timestamp", "")) + "\n" + secret).encode()
    want = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    return j["sign"] == want


def make_handler(log, secret, lock):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n).decode("utf-8", "replace")
            url = urllib.parse.urlsplit(self.path)
            sign = None
            if secret:
                sign = dingtalk_ok(url.query, secret)
                if sign is None:
                    sign = feishu_ok(body, secret)
            line = {
                "path": url.path,
                "query": url.query,
                "x_yoke_key": self.headers.get("X-Yoke-Key", ""),
                "content_type": self.headers.get("Content-Type", ""),
                "body": body,
                "sign_ok": sign,
            }
            with lock, open(log, "a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
            out = b'{"errcode":0,"errmsg":"ok"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args):
            pass
    return Handler


def main():
    args = sys.argv[1:]
    secret = ""
    if "--secret" in args:
        i = args.index("--secret")
        secret = args[i + 1]
        del args[i:i + 2]
    log = args[0]
    port = int(args[1]) if len(args) > 1 else 0
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                          make_handler(log, secret, threading.Lock()))
    with open(log + ".port", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=srv.shutdown).start())
    signal.signal(signal.SIGINT, lambda *a: threading.Thread(target=srv.shutdown).start())
    srv.serve_forever(poll_interval=0.1)
    srv.server_close()


if __name__ == "__main__":
    main()
