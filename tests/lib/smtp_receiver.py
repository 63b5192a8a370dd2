"""A real SMTP receiver for the notification tests (aiosmtpd).

    /usr/bin/python3 tests/lib/smtp_receiver.py LOG [PORT] [--tls CERT KEY] [--auth USER:PASSWORD]

Listens on 127.0.0.1:PORT (a free port when none or 0 is given), writes
"PORT\n" to LOG.port once it accepts connections, and appends one JSON
line per message to LOG: the envelope (mail_from, rcpt_tos), the headers
the tests look at (message_id, x_yoke_key, from, to, date, content_type)
and the subject and body decoded as a mail reader shows them. It stops at
SIGTERM or SIGINT. Loopback only.

--tls offers STARTTLS with that certificate and requires it before MAIL;
--auth requires a login (PLAIN or LOGIN, only after STARTTLS) with that
name and password. Each line then also says "tls" (the session was
upgraded) and "auth_user" (who logged in); a failed login is a line
{"auth_failed": NAME}.
"""
import email
import email.header
import email.policy
import json
import signal
import socket
import ssl
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Handler:
    def __init__(self, log):
        self.log = log
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
        body = msg.get_content() if not msg.is_multipart() else ""
        line = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "message_id": str(msg.get("Message-ID", "")),
            "x_yoke_key": str(msg.get("X-Yoke-Key", "")),
            "from": str(msg.get("From", "")),
            "to": str(msg.get("To", "")),
            "date": str(msg.get("Date", "")),
            "content_type": str(msg.get("Content-Type", "")),
            "subject": str(msg.get("Subject", "")),
            "body": body,
            "tls": bool(session.ssl),
            "auth_user": session.auth_data.login.decode("utf-8", "replace")
            if isinstance(session.auth_data, LoginPassword) else "",
        }
        with self.lock, open(self.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        return "250 OK"


def main():
    warnings.simplefilter("ignore", DeprecationWarning)   # aiosmtpd 1.4 on its own attributes
    args = sys.argv[1:]
    log = args.pop(0)
    port = int(args.pop(0)) if args and not args[0].startswith("--") else 0
    tls = auth = None
    while args:
        a = args.pop(0)
        if a == "--tls":
            tls = (args.pop(0), args.pop(0))
        elif a == "--auth":
            auth = args.pop(0).split(":", 1)
        else:
            sys.exit("unknown argument %s" % a)
    if port == 0:
        port = free_port()
    kw = {}
    if tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(tls[0], tls[1])
        kw.update(tls_context=ctx, require_starttls=True)
    handler = Handler(log)
    if auth:
        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and \
                data.login.decode() == auth[0] and data.password.decode() == auth[1]
            if not ok:
                with handler.lock, open(log, "a", encoding="utf-8") as f:
                    name = data.login.decode("utf-8", "replace") \
                        if isinstance(data, LoginPassword) else ""
                    f.write(json.dumps({"auth_failed": name}) + "\n")
            return AuthResult(success=ok, auth_data=data if ok else None)
        kw.update(authenticator=authenticator, auth_required=True, auth_require_tls=True)
    ctl = Controller(handler, hostname="127.0.0.1", port=port, **kw)
    ctl.start()
    with open(log + ".port", "w") as f:
        f.write("%d\n" % port)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: done.set())
    signal.signal(signal.SIGINT, lambda *a: done.set())
    while not done.wait(0.2):
        pass
    ctl.stop()


if __name__ == "__main__":
    main()
