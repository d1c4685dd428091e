#!/usr/bin/env python3
"""bigq SOCKET N [unsealed | hold]: a raw client of sandboxd's control
socket that sends N run requests of about 1 MB on one connection, each
in a sealed memfd with an empty SANDBOX_RUN (as lib/sandboxc does), and
prints one line per reply: "PEERID queued POS" or "PEERID error TEXT".
With unsealed the memfds are left unsealed (a hostile client); with
hold it keeps the connection open, so the runs stay queued, until its
standard input ends.
"""
import fcntl
import os
import socket
import struct
import sys

CTL_ERROR, SANDBOX_RUN, SANDBOX_QUEUED = 24, 203, 204
IMSGF_HASFD = 1
HDR = struct.Struct("=IHHII")


def sstr(b):
    return struct.pack("=I", len(b)) + b


def request(words):
    r = struct.pack("=II", 3, 0) + sstr(b"")
    r += struct.pack("=I", len(words)) + b"".join(sstr(w) for w in words)
    r += struct.pack("=I", 0) + sstr(b"") + sstr(b"bq") + sstr(b"")
    r += sstr(b"") + sstr(b"") + struct.pack("=8Q", *([0] * 8))
    return r + struct.pack("=II", 0, 0)


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    how = sys.argv[3] if len(sys.argv) > 3 else ""
    sealed = how != "unsealed"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    body = request([b"echo"] + [bytes([97 + i]) * 100000 for i in range(10)])
    for i in range(n):
        fd = os.memfd_create("bq", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
        os.write(fd, body)
        if sealed:
            fcntl.fcntl(fd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_SEAL |
                        fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW |
                        fcntl.F_SEAL_WRITE)
        hdr = HDR.pack(SANDBOX_RUN, HDR.size, IMSGF_HASFD, i + 1,
                       os.getpid())
        socket.send_fds(s, [hdr], [fd])
        os.close(fd)
    buf = b""
    seen = 0
    while seen < n:
        d = s.recv(65536)
        if not d:
            break
        buf += d
        while len(buf) >= HDR.size:
            typ, ln, _, peer, _ = HDR.unpack_from(buf)
            if len(buf) < ln:
                break
            data, buf = buf[HDR.size:ln], buf[ln:]
            if typ == SANDBOX_QUEUED:
                print(peer, "queued", struct.unpack_from("=I", data)[0])
            elif typ == CTL_ERROR:
                m = struct.unpack_from("=I", data)[0]
                print(peer, "error", data[4:4 + m].decode(errors="replace"))
            else:
                print(peer, "type", typ)
            seen += 1
            sys.stdout.flush()
    if how == "hold":
        sys.stdin.read()


main()
