"""A real SMTP receiver for the notification tests (aiosmtpd).

    /usr/bin/python3 tests/lib/smtp_receiver.py LOG [PORT]

Listens on 127.0.0.1:PORT (a free port when none or 0 is given), writes
"PORT\n" to LOG.port once it accepts connections, and appends one JSON
line per message to LOG: the envelope (mail_from, rcpt_tos), the headers
the tests look at (message_id, x_yoke_key, from, to, date, content_type)
and the subject and body decoded as a mail reader shows them. It stops at
SIGTERM or SIGINT. Loopback only.
"""
import email
import email.header
import email.policy
import json
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


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
        }
        with self.lock, open(self.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        return "250 OK"


def main():
    log = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if port == 0:
        port = free_port()
    ctl = Controller(Handler(log), hostname="127.0.0.1", port=port)
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
