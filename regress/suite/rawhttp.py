# rawhttp.py SOCKET MODE ARGS: hand-made HTTP requests on harnessd's
# Unix socket, for what curl will not send (t_gateway.sh, t_gwhttp.sh).
#   send METHOD TARGET BODY VERSION EXTRA-HEADERS [halfclose | TEXT]
#        print the reply and "--closed--" or "--open--"; halfclose
#        shuts the write side after the request, TEXT once the
#        server sent it ("|" in EXTRA-HEADERS is a line break)
#   slow      a request never finished: its status line, seconds taken
#   garbage   bytes that are no request: the status line
#   pipeline  two requests in one write: how many 200s came back
#   smuggle   Content-Length and Transfer-Encoding both: status line
import socket, sys, time
path, mode = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX)
s.connect(path)
s.settimeout(10)
def read_all():
    """Everything until the server closes; "open" if it did not."""
    out = b""
    try:
        while True:
            d = s.recv(65536)
            if not d:
                return out, "closed"
            out += d
    except socket.timeout:
        return out, "open"
def status_line():
    return read_all()[0].split(b"\r\n")[0].decode()
def req(method, target, body=b"", version="1.1", extra=""):
    h = "%s %s HTTP/%s\r\nHost: x\r\n%s" % (method, target, version, extra)
    if body or method == "POST":
        h += "Content-Length: %d\r\n" % len(body)
    return h.encode() + b"\r\n" + body
if mode == "send":
    method, target, body, version, extra = sys.argv[3:8]
    s.sendall(req(method, target, body.encode(), version,
        extra.replace("|", "\r\n")))
    if len(sys.argv) > 8 and sys.argv[8] == "halfclose":
        s.shutdown(socket.SHUT_WR)
    elif len(sys.argv) > 8:
        seen = b""
        while sys.argv[8].encode() not in seen:
            d = s.recv(65536)
            if not d:
                break
            seen += d
        sys.stdout.write(seen.decode("utf-8", "replace"))
        s.shutdown(socket.SHUT_WR)
    out, state = read_all()
    sys.stdout.write(out.decode("utf-8", "replace"))
    sys.stdout.write("\n--%s--\n" % state)
elif mode == "slow":
    s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n")
    t0 = time.time()
    line = status_line()
    print(line, round(time.time() - t0))
elif mode == "garbage":
    s.sendall(b"\x00\x01\x02 garbage \xff\r\n\r\n")
    print(status_line())
elif mode == "pipeline":
    s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
              b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    print(read_all()[0].count(b"HTTP/1.1 200 OK"))
elif mode == "smuggle":
    s.sendall(b"POST /v1/exec HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
              b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    print(status_line())
else:
    sys.exit("rawhttp.py: unknown mode " + mode)
