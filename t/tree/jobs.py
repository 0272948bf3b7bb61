"""debian/jobs.list is the one list of the periodic jobs: each job of the
central package has its systemd timer (at the list's period) and service
(running the list's command as the list's user), each job has its cron
line (same period, user and command), no timer or cron line is left out
of the list, and dev/demo-jobs (which dev/demo starts) runs every job of
the list with its demo command."""
import glob
import os
import re
import subprocess

from fmtest import SRC, TAP

t = TAP()
DEB = os.path.join(SRC, "debian")
jobs = []
with open(os.path.join(DEB, "jobs.list")) as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        t.eq(len(fields), 6, "jobs.list: six tab-separated fields: %r" % line[:60])
        jobs.append(fields)
t.ok(len(jobs) >= 4, "jobs.list names %d jobs" % len(jobs))


def calendar(period):
    m = re.fullmatch(r"(\d+)m", period)
    if m:
        return "minutely" if m.group(1) == "1" else "*:0/%s" % m.group(1)
    m = re.fullmatch(r"daily@(\d\d):(\d\d)", period)
    assert m, period
    return "*-*-* %s:%s:00" % m.groups()


def cron(period):
    m = re.fullmatch(r"(\d+)m", period)
    if m:
        return "* * * * *" if m.group(1) == "1" else "*/%s * * * *" % m.group(1)
    m = re.fullmatch(r"daily@(\d\d):(\d\d)", period)
    return "%d %d * * *" % (int(m.group(2)), int(m.group(1)))


def read(path):
    with open(path) as f:
        return f.read()


def cron_lines(package):
    path = os.path.join(DEB, package + ".cron.d")
    if not os.path.exists(path):
        return []
    out = []
    for line in read(path).splitlines():
        if line and not line.startswith("#") and "=" not in line.split("\t")[0]:
            out.append(line)
    return out


for package, job, period, user, command, demo in jobs:
    timer = os.path.join(DEB, "%s.%s-%s.timer" % (package, package, job))
    service = timer[:-len(".timer")] + ".service"
    if package == "focusmanager":
        t.ok(os.path.exists(timer), "%s: its timer %s" % (job, os.path.basename(timer)))
        if os.path.exists(timer):
            m = re.search(r"^OnCalendar=(.*)$", read(timer), re.M)
            t.eq(m and m.group(1), calendar(period), "%s: the timer runs it at %s" % (job, period))
        if os.path.exists(service):
            text = read(service)
            m = re.search(r"^ExecStart=(\S+)(.*)$", text, re.M)
            t.eq(m and os.path.basename(m.group(1)) + m.group(2), command,
                 "%s: the service runs %r" % (job, command))
            u = re.search(r"^User=(.*)$", text, re.M)
            t.eq(u.group(1) if u else "root", user, "%s: as %s" % (job, user))
        else:
            t.ok(False, "%s: its service %s" % (job, os.path.basename(service)))
    hits = [line for line in cron_lines(package) if command in line]
    t.eq(len(hits), 1, "%s: one line of %s.cron.d runs %r" % (job, package, command))
    if hits:
        fields = hits[0].split("\t")
        t.eq(fields[0], cron(period), "%s: cron runs it at %s" % (job, period))
        t.ok(fields[1] == user or "runuser -u %s " % user in hits[0],
             "%s: cron runs it as %s" % (job, user), hits[0])
        t.ok(demo.strip() != "", "%s: it has a demo command" % job)

# Nothing periodic outside the list.
listed = {(p, j) for p, j, *_ in jobs}
for timer in sorted(glob.glob(os.path.join(DEB, "*.timer"))):
    m = re.fullmatch(r"([a-z-]+)\.\1-([a-z]+)\.timer", os.path.basename(timer))
    t.ok(m and (m.group(1), m.group(2)) in listed,
         "%s is a job of jobs.list" % os.path.basename(timer))
commands = [c for _, _, _, _, c, _ in jobs]
for path in sorted(glob.glob(os.path.join(DEB, "*.cron.d"))):
    package = os.path.basename(path)[:-len(".cron.d")]
    for line in cron_lines(package):
        t.ok(any(c in line for c in commands), "%s: %r is a job of jobs.list"
             % (os.path.basename(path), line[:60]))
rules = read(os.path.join(DEB, "rules"))
for package, job, *_ in jobs:
    if package == "focusmanager":
        t.ok("--name=%s-%s %s-%s.timer" % (package, job, package, job) in rules,
             "%s: debian/rules installs its timer" % job)

# The demo runs them all, at the list's periods, with its own commands.
r = subprocess.run([os.path.join(SRC, "dev", "demo-jobs"), "list"], text=True,
                   capture_output=True, env=dict(os.environ, FM_STATE="/tmp",
                                                 FM_SRCDIR=SRC, FM_BUILDDIR="/B"))
t.ok(r.returncode == 0, "dev/demo-jobs list", r.stderr)
shown = [line.split("\t") for line in r.stdout.splitlines()]
t.eq([(j, p) for j, p, _ in shown], [(j, p) for _, j, p, _, _, _ in jobs],
     "dev/demo-jobs runs every job of the list at its period")
t.ok(all("/B/" in c or "/ops/" in c for _, _, c in shown),
     "with the demo's programs (the build folder's, the tree's)",
     "\n".join(c for _, _, c in shown))
demo = read(os.path.join(SRC, "dev", "demo"))
t.ok("dev/demo-jobs start" in demo and "dev/demo-jobs stop" in demo,
     "dev/demo starts the jobs and `dev/demo stop` stops them")
t.done()
