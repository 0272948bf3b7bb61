"""fmlive - the live tests' kit: a push to nginx-rtmp as a box makes it
(FFmpeg's test card and two tones, H.264 with a keyframe a second, AAC,
FLV over RTMP, signed with the box's token), and the signature of
docs/live.md written again from the documentation.

    p = push(s.rtmp_url(signed_path(token, resv, key)), 20)
    ...; p.terminate()
"""
import hashlib
import hmac
import os
import subprocess
import time


def link_key(token):
    return hmac.new(token.encode(), b"focusmanager box link key v1",
                    hashlib.sha256).hexdigest()


def live_sig(token, resv, stream_key, expires):
    """HMAC-SHA256(link key of the token,
    "live\\n" + reservation + "\\n" + stream key + "\\n" + expires), hex."""
    msg = "live\n%s\n%s\n%s" % (resv, stream_key, expires)
    return hmac.new(link_key(token).encode(), msg.encode(),
                    hashlib.sha256).hexdigest()


def signed_path(token, resv, stream_key, expires=None, extra=""):
    """"/<key>?r=<resv>&e=<expires>&sig=<sig>" as a box pushes it; expires
    an hour from now by default; extra is appended to the query."""
    if expires is None:
        expires = int(time.time()) + 3600
    return "/%s?r=%s&e=%s&sig=%s%s" % (stream_key, resv, expires,
                                       live_sig(token, resv, stream_key, expires),
                                       extra)


def push(url, seconds, size="320x180", clock=False):
    """ffmpeg pushing `seconds` of a test stream to url (in real time);
    returns the Popen (stderr piped).  clock: burn the wall clock in
    milliseconds into the picture (the delay benchmark reads it back)."""
    video = "testsrc2=size=%s:rate=25" % size
    if clock:
        video += (",drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:"
                  "text='%{localtime\\:%s}':fontsize=24:x=4:y=4:box=1:fontcolor=white")
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
           "-f", "lavfi", "-i", video,
           "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000",
           "-f", "lavfi", "-i", "sine=f=1000:sample_rate=48000",
           "-filter_complex", "[1:a][2:a]join=inputs=2:channel_layout=stereo[a]",
           "-map", "0:v", "-map", "[a]", "-t", str(seconds),
           "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency",
           "-pix_fmt", "yuv420p", "-b:v", "300k", "-g", "25", "-keyint_min", "25",
           "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k", "-ar", "48000",
           "-f", "flv", url]
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def refused(p, timeout=10):
    """True when the push p ended with an error within timeout seconds."""
    try:
        return p.wait(timeout) != 0
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return False


def wait_for(pred, timeout, step=0.2):
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()


def playlist(stack, resv):
    return os.path.join(stack.state, "hls", "r%s" % resv, "index.m3u8")
