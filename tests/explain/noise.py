#!/usr/bin/env python3
"""noise.py - explain must give the same cause for a text with the paste
noise users add around it (tests/t/explain-noise.sh).

For every row of the given tsv files whose plain text explain already gets
right, each transform below is applied and explain run again: the cause
must not change.  The transforms are what real pastes show (log prefixes of
process managers, CI, containers and loggers; markdown quoting and indents;
CRLF; HTML escapes and no-break spaces from web pages; JSON-escaped logs;
consoles that hard-wrap at their width).  Prints one ok / not ok line per
transform, and a not ok line per broken row (at most 5 per transform).
A pair listed in the known file (source<TAB>transform<TAB>why) is a skip.
Usage: noise.py AD KNOWN FILE.tsv...
"""
import json, re, subprocess, sys

AD, KNOWN, FILES = sys.argv[1], sys.argv[2], sys.argv[3:]


def unescape(s):
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == '\\' and i + 1 < len(s):
            n = s[i + 1]
            m = {'n': '\n', 'r': '\r', 't': '\t', '\\': '\\'}.get(n)
            if m is not None:
                out.append(m)
                i += 2
                continue
        out.append(ch)
        i += 1
    return ''.join(out)


def lines(t):
    return t.replace('\r\n', '\n').split('\n')


def per_line(prefix):
    return lambda t: '\n'.join(prefix(i) + l for i, l in enumerate(lines(t)))


def wrap(width):
    def f(t):
        out = []
        for l in lines(t):
            while len(l) > width:
                out.append(l[:width])
                l = l[width:]
            out.append(l)
        return '\n'.join(out)
    return f


def html(t):
    return t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;').replace("'", '&#39;')


def autolink(t):
    """GitHub's markdown links a bare name that ends in a country-code TLD
    (.so is Somalia's): a copy of the rendered issue's source keeps
    "[libssl.so](http://libssl.so/).1.1" for libssl.so.1.1."""
    return re.sub(r'(?<![\w/.+-])([A-Za-z0-9][A-Za-z0-9-]*\.so)(?=[.:\s)]|$)', lambda m: '[%s](http://%s/)' % (m.group(1), m.group(1)), t)


TRANSFORMS = [
    ('pm2', per_line(lambda i: '0|api      | ')),
    ('docker-compose', per_line(lambda i: 'web-1  | ')),
    ('kubectl-prefix', per_line(lambda i: '[pod/api-7d9f8b6c5-x2k4q/api] ')),
    ('github-actions', per_line(lambda i: '2024-05-01T10:11:%02d.%07dZ ' % (12 + i % 40, 1234567 + i))),
    ('logger-level', per_line(lambda i: '2024-05-01 10:11:%02d.%03d | ERROR | ' % (12 + i % 40, 100 + i))),
    ('lerna', per_line(lambda i: 'lerna ERR! ')),
    ('markdown-quote', per_line(lambda i: '> ')),
    ('indent', per_line(lambda i: '    ')),
    ('crlf', lambda t: t.replace('\r\n', '\n').replace('\n', '\r\n')),
    ('html-escapes', html),
    ('nbsp', lambda t: t.replace(' ', '\u00a0')),
    ('json-compact', lambda t: json.dumps({'level': 50, 'msg': t}, separators=(',', ':'))),
    ('json-spaced', lambda t: json.dumps({'level': 'error', 'message': t})),
    ('console-wrap-80', wrap(80)),
    ('console-wrap-120', wrap(120)),
    ('pm2-then-wrap-120', lambda t: wrap(120)(per_line(lambda i: '0|api      | ')(t))),
    ('markdown-autolink', autolink),
    ('syslog', per_line(lambda i: 'Dec  7 10:11:%02d host app[1234]: ' % (i % 60))),
    ('nested-quote', per_line(lambda i: '>> ')),
    ('tab-indent', per_line(lambda i: '\t')),
    ('double-spaced', lambda t: '\n\n'.join(lines(t))),
    ('smart-quotes', lambda t: re.sub(r"'([^'\n]*)'", lambda m: '\u2018' + m.group(1) + '\u2019', t)),
]


def noisy(text):
    """A text that already carries noise of its own, under which the
    transforms' noise would not go in a real paste: a log prefix or a
    console's wrap is added before markdown, colour codes, JSON escaping or
    a mis-decoding (mojibake), not after.  Such rows get only the transforms that apply to any text
    (CRLF, HTML escapes)."""
    ls = lines(text)
    widths = [len(l) for l in ls]
    m = max(widths) if widths else 0
    wrapped = m >= 60 and (widths.count(m) >= 2 or m in (80, 120))
    return ('\x1b' in text or '\u00c3' in text or '**' in text or '\\n' in text or '"msg"' in text or '"message"' in text or
            any(l.startswith('> ') or l == '>' for l in ls) or wrapped)


ANY_TEXT = ('crlf', 'html-escapes')


def cause(text):
    r = subprocess.run([AD, 'explain', '--json', '--no-inspect', '-'], input=text.encode(), capture_output=True)
    if r.returncode > 1 or b'Sanitizer' in r.stderr or b'runtime error' in r.stderr:
        return 'CRASH'
    out = r.stdout.decode('utf-8', 'replace')
    if out.startswith('{"cause":"'):
        return out[10:out.index('"', 10)]
    return 'none'


known = {}
try:
    for l in open(KNOWN, encoding='utf-8'):
        if l.startswith('#') or not l.strip():
            continue
        f = l.rstrip('\n').split('\t')
        if len(f) >= 3:
            known[(f[0], f[1])] = f[2]
except FileNotFoundError:
    pass

rows = []
for fn in FILES:
    for l in open(fn, encoding='utf-8'):
        if l.startswith('#') or not l.strip():
            continue
        f = l.rstrip('\n').split('\t')
        if len(f) != 4:
            continue
        rows.append((f[0], f[2], unescape(f[3])))

base = [r for r in rows if cause(r[2]) == r[0]]
print('# %d of %d rows right on their plain text; each is run through %d transforms' % (len(base), len(rows), len(TRANSFORMS)))
used = set()
for name, fn in TRANSFORMS:
    bad = skipped = 0
    for want, src, text in base:
        if name not in ANY_TEXT and noisy(text):
            continue
        got = cause(fn(text))
        if got == want:
            if (src, name) in known:
                print('not ok - explain noise %s: %s: listed as known but now right: prune it' % (name, src))
                bad += 1
            continue
        if got != 'CRASH' and (src, name) in known:
            used.add((src, name))
            skipped += 1
            continue
        bad += 1
        if bad <= 5:
            print('not ok - explain noise %s: %s: cause %s, want %s' % (name, src, got, want))
    n = sum(1 for _, _, t in base if name in ANY_TEXT or not noisy(t))
    if bad:
        print('not ok - explain noise %s: %d of %d rows change cause' % (name, bad, n))
    elif skipped:
        print('skip - explain noise %s: %d rows keep their cause, %d known misses' % (name, n - skipped, skipped))
    else:
        print('ok - explain noise %s: %d rows keep their cause' % (name, n))
for k in known:
    if k not in used and not any(k == (s, n) for _, s, _ in base for n, _ in TRANSFORMS):
        print('not ok - explain noise: known pair %s / %s names no row or transform' % k)
