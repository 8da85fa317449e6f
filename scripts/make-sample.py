#!/usr/bin/env python3
"""Writes Provenir's bundled sample dataset, pipelines/sample/, deterministically.

A few hundred fine-tuning records in three shapes: prompt/response (instructions.jsonl),
chat messages (chats.jsonl) and nested support tickets (support-tickets.jsonl.gz, gzip, no
top-level id). Some hold PII (emails, phones, SSNs, payment cards, IPv4/IPv6), three hold
secrets (an AWS access key id, a GitHub token, a bearer token), many hold decoys that must
not be flagged (version numbers, UUIDs, commit hashes, ISBNs, order numbers, invalid card
numbers, AWS's documented example key, placeholders), and a few lines are malformed or
blank. Three records leak items of the bundled eval set (pipelines/evals/gsm8k-test-sample.jsonl,
the first 200 GSM8K test questions): one copied verbatim, one reworded by hand, one pasted into a
longer chat turn.

The secrets are random strings of the right shape, generated here; they were never valid
credentials. The ground truth of every planted value goes to
src/test/resources/sample/truth.jsonl (one line per value: file, line, pointer, kind, type,
start, end in code points) and the expected per-file line outcomes to
src/test/resources/sample/lines.jsonl, for the tests.

Usage: python3 scripts/make-sample.py   (from the repository root; standard library only)
"""
import gzip
import io
import json
import os
import random
import string

SEED = 20261126
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "pipelines", "sample")
TRUTH = os.path.join(ROOT, "src", "test", "resources", "sample")

rng = random.Random(SEED)

FIRST = ["Maria", "James", "Aisha", "Chen", "Lukas", "Priya", "Tomás", "Grace", "Olu", "Sofia",
         "Daniel", "Mei", "Ibrahim", "Hannah", "Mateo", "Yuki", "Noah", "Zainab", "Erik", "Lena"]
LAST = ["Garcia", "Okafor", "Nguyen", "Schmidt", "Patel", "Kowalski", "Haddad", "Jensen",
        "Moreau", "Rossi", "Tanaka", "Silva", "O'Brien", "Fischer", "Lindqvist", "Mensah"]
DOMAINS = ["example.com", "example.org", "mail.example.net", "acme-corp.example", "contoso.com",
           "fabrikam.io", "northwind.co.uk", "globex.de", "university.edu"]


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def email(first=None, last=None):
    f = (first or rng.choice(FIRST)).lower().replace("á", "a").replace("'", "")
    l = (last or rng.choice(LAST)).lower().replace("'", "")
    local = rng.choice([f + "." + l, f[0] + l, f + "_" + l, f + "+news", l + "." + f[0],
                        f + "." + l + str(rng.randint(2, 99))])
    return local + "@" + rng.choice(DOMAINS)


def phone():
    npa = str(rng.randint(2, 9)) + "%02d" % rng.randint(0, 99)
    nxx = str(rng.randint(2, 9)) + "%02d" % rng.randint(0, 99)
    line = "%04d" % rng.randint(0, 9999)
    return rng.choice([
        "(%s) %s-%s" % (npa, nxx, line), "%s-%s-%s" % (npa, nxx, line),
        "%s.%s.%s" % (npa, nxx, line), "+1 %s %s %s" % (npa, nxx, line),
        "+1-%s-%s-%s" % (npa, nxx, line),
        "+44 20 %04d %04d" % (rng.randint(3000, 8999), rng.randint(0, 9999)),
        "+33 1 %02d %02d %02d %02d" % tuple(rng.randint(10, 99) for _ in range(4)),
    ])


def ssn():
    area = rng.randint(1, 665)
    return "%03d-%02d-%04d" % (area, rng.randint(1, 99), rng.randint(1, 9999))


def card():
    kind = rng.choice(["visa", "mc", "amex", "disc"])
    prefix, n = {"visa": ("4", 16), "mc": (str(rng.randint(51, 55)), 16),
                 "amex": (rng.choice(["34", "37"]), 15), "disc": ("6011", 16)}[kind]
    body = prefix + "".join(rng.choice(string.digits) for _ in range(n - 1 - len(prefix)))
    d = body + luhn_digit(body)
    style = rng.choice(["plain", "space", "dash"])
    if style == "plain":
        return d
    sep = " " if style == "space" else "-"
    if n == 15:
        return sep.join([d[:4], d[4:10], d[10:]])
    return sep.join(d[i:i + 4] for i in range(0, 16, 4))


def bad_card():
    body = "4" + "".join(rng.choice(string.digits) for _ in range(14))
    good = luhn_digit(body)
    return body + str((int(good) + rng.randint(1, 9)) % 10)


def ipv4():
    return rng.choice(["10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)),
                       "192.168.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254)),
                       "%d.%d.%d.%d" % (rng.randint(11, 223), rng.randint(0, 255),
                                        rng.randint(0, 255), rng.randint(1, 254))])


def ipv6():
    g = ["%x" % rng.randint(1, 0xFFFF) for _ in range(8)]
    return rng.choice(["2001:db8::" + ":".join(g[6:]), "fe80::" + ":".join(g[4:]),
                       ":".join(["2001", "db8"] + g[2:])])


def uuid():
    h = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], rng.choice("89ab"), h[17:20], h[20:])


def sha():
    return "".join(rng.choice("0123456789abcdef") for _ in range(40))


def version():
    return "%d.%d.%d" % (rng.randint(1, 9), rng.randint(0, 30), rng.randint(0, 20))


def rs(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


ALNUM = string.ascii_letters + string.digits

# ---------------------------------------------------------------------------------------------
# Texts. "{x:kind}" slots are filled and recorded in the truth file; everything else is prose.
# ---------------------------------------------------------------------------------------------

GENERAL_QA = [
    ("What is the difference between a list and a tuple in Python?",
     "Lists are mutable and tuples are not. Use a tuple for a fixed collection such as a pair of "
     "coordinates, and a list when you need to append or remove items."),
    ("Give me three tips for writing a clear commit message.",
     "1. Start with a short summary in the imperative mood.\n2. Leave a blank line after it.\n"
     "3. Explain why the change was made, not only what changed."),
    ("How long should I rest bread dough after kneading?",
     "Most yeast doughs need about an hour at room temperature, or until they have roughly "
     "doubled in size. A cooler kitchen can take twice as long."),
    ("Summarize the plot of Pride and Prejudice in two sentences.",
     "Elizabeth Bennet meets the proud Mr. Darcy and dislikes him at once. As misunderstandings "
     "unravel, both confront their own pride and prejudice and fall in love."),
    ("Explain what a hash map is to a beginner.",
     "A hash map stores values under keys. It turns each key into a number, the hash, and uses "
     "it to find the right slot quickly, so lookups take about the same time however large the "
     "map grows."),
    ("What does HTTP status 429 mean?",
     "429 Too Many Requests: the client sent too many requests in a given time. Back off and "
     "retry after the delay given in the Retry-After header."),
    ("Translate 'good morning, how are you?' into Spanish.",
     "Buenos días, ¿cómo estás?"),
    ("Why is the sky blue?",
     "Sunlight is scattered by the molecules of the air, and shorter wavelengths scatter much "
     "more than longer ones. We see that scattered blue light coming from every direction."),
    ("Write a haiku about autumn.",
     "Maple leaves drifting\nthe river carries their red\nfar past the old mill"),
    ("How do I center a div with CSS?",
     "Make the parent a flex container: display: flex; justify-content: center; align-items: "
     "center. The child is then centered both ways."),
    ("What is the capital of Australia?", "Canberra."),
    ("Suggest a name for a cat that likes to sleep in boxes.",
     "How about Parcel, Cardigan or Mr. Boxley?"),
    ("Explain recursion with an example.",
     "A recursive function calls itself on a smaller input. Factorial is the classic one: "
     "factorial(n) is n times factorial(n - 1), and factorial(0) is 1."),
    ("What are the health benefits of walking every day?",
     "Regular walking strengthens the heart, helps control weight, lifts mood and improves sleep. "
     "Thirty minutes a day is a common goal."),
    ("Convert 100 degrees Fahrenheit to Celsius.",
     "Subtract 32 and multiply by 5/9: (100 - 32) * 5 / 9 = 37.8 degrees Celsius."),
    ("How many minutes are there in a week?",
     "7 days * 24 hours * 60 minutes = 10080 minutes."),
    ("Rewrite this sentence in the passive voice: The committee approved the budget.",
     "The budget was approved by the committee."),
    ("What is a good way to learn a new language as an adult?",
     "Short daily practice beats long weekly sessions. Combine spaced-repetition vocabulary, "
     "listening to podcasts and speaking with a tutor or language partner."),
    ("Explain the difference between TCP and UDP.",
     "TCP is connection-oriented: it guarantees ordered, reliable delivery. UDP sends datagrams "
     "without guarantees, which suits streaming and games where speed matters more."),
    ("Write a SQL query that counts orders per customer.",
     "SELECT customer_id, COUNT(*) AS orders FROM orders GROUP BY customer_id ORDER BY orders DESC;"),
    ("What should I pack for a weekend hiking trip?",
     "Layers, a rain jacket, sturdy boots, water, snacks, a map, a headlamp, a first-aid kit and "
     "sunscreen."),
    ("Is 2027 a leap year?", "No. 2027 is not divisible by 4, so February has 28 days."),
    ("Compute 15% of 240.", "15% of 240 is 0.15 * 240 = 36."),
    ("Give me a regular expression that matches a five-digit ZIP code.",
     "^[0-9]{5}$ matches exactly five digits."),
    ("What is photosynthesis?",
     "Plants use sunlight, water and carbon dioxide to make glucose and release oxygen. It takes "
     "place in the chloroplasts."),
]

PII_TEMPLATES = [
    ("Draft a short email to a colleague asking to reschedule our meeting.",
     "Hi {name},\n\nCould we move Thursday's meeting to Friday at 10? If that doesn't work, reach "
     "me at {e:EMAIL} or on {p:PHONE}.\n\nThanks!"),
    ("Here is my contact card, please format it as a vCard: {name} {last}, {e:EMAIL}, {p:PHONE}",
     "BEGIN:VCARD\nVERSION:3.0\nFN:{name} {last}\nEMAIL:{e}\nTEL:{p}\nEND:VCARD"),
    ("My payment failed with card {c:CREDIT_CARD}. What should I check?",
     "Check the expiry date, the billing address and whether your bank blocked the charge. Never "
     "share the full card number in a chat."),
    ("Fill in the tax form field 'SSN' for the applicant: {s:SSN}",
     "I can't help store Social Security numbers in plain text. Use the secure upload form instead."),
    ("Our web server at {i:IP_ADDRESS} keeps timing out. How do I debug it?",
     "Start with ping and traceroute to the host, then check the server logs and whether the "
     "service is listening on the expected port."),
    ("Why can't I reach {i6:IP_ADDRESS} from my laptop?",
     "That looks like an IPv6 address. Make sure your network has IPv6 routing and that the "
     "firewall allows the connection."),
    ("Please update my account email to {e:EMAIL}.",
     "Done. A confirmation link was sent to the new address."),
    ("Can you call me back at {p:PHONE} tomorrow morning?",
     "I can't place calls, but I can draft a callback request for the support team."),
    ("Write a reference letter for my former intern {name} {last}.",
     "To whom it may concern,\n\n{name} {last} interned with our data team for six months and "
     "consistently delivered careful, well-tested work. Please contact me at {e:EMAIL} for "
     "details."),
    ("The VPN logs show logins from {i:IP_ADDRESS} and {i2:IP_ADDRESS}. Are they suspicious?",
     "Compare them with the user's usual locations and check whether the logins overlap in time. "
     "Two distant places within minutes suggests a shared or stolen credential."),
    ("I was charged twice on {c:CREDIT_CARD}. Refund one, please.",
     "I've opened a refund request for the duplicate charge. It should appear within 5 to 7 "
     "business days."),
    ("Update the emergency contact: {name}, phone {p:PHONE}, SSN {s:SSN}.",
     "Emergency contact updated. For security, the SSN was not saved in the notes field."),
]

DECOY_TEMPLATES = [
    ("Which version fixed the memory leak?",
     "It was fixed in release {v}; upgrade with pip install mylib=={v}."),
    ("How do I check out an old commit?",
     "Run git checkout {sha} to get a detached HEAD at that commit."),
    ("What does this request id mean: {uuid}?",
     "It is a UUID that identifies one request in the logs; search the logs for it."),
    ("Where is my order?",
     "Order {order} shipped on March 3 and should arrive within 5 business days."),
    ("Is card number {badcard} valid?",
     "No, that number fails the Luhn check, so it cannot be a valid card number."),
    ("What is the ISBN of the second edition?",
     "The second edition has ISBN {isbn}."),
    ("How do I configure the AWS CLI?",
     "Run aws configure and paste your key when asked. The docs use the example key id "
     "AKIAIOSFODNN7EXAMPLE; never commit your real one."),
    ("Show me a config file for the API client.",
     "api_key: <your-api-key>\nendpoint: https://api.example.com/v2\ntimeout: 30"),
    ("What's the time complexity of binary search?",
     "O(log n): each step halves the range. Searching 1048576 sorted items takes at most 20 steps."),
    ("My flight is at 14:35 on 2026-12-24, gate B12. When should I arrive?",
     "For a domestic flight, arrive about two hours before departure, so around 12:35."),
    ("How much is 1,299.99 minus 15%?",
     "1,299.99 * 0.85 = 1,104.99 after rounding to the cent."),
    ("What port does PostgreSQL use?",
     "5432 by default. Connect with psql -h localhost -p 5432 -U postgres."),
]

SECRET_TEMPLATES = [
    ("My deploy script fails. Here it is:\nexport AWS_ACCESS_KEY_ID={k:AWS_ACCESS_KEY}\naws s3 cp build/ s3://my-bucket --recursive",
     "The script itself looks fine; check the bucket policy. Also, rotate that access key now: "
     "it has been shared in a chat."),
    ("Why does git push say authentication failed? I set GITHUB_TOKEN={k:GITHUB_TOKEN}",
     "The token may lack the repo scope or may have expired. Create a new one and store it in "
     "a credential helper, not in your shell history."),
    ("The API returns 401 with curl -H 'Authorization: Bearer {k:BEARER_TOKEN}' https://api.example.com/v1/items",
     "A 401 means the token was rejected: it may be expired or issued for another audience."),
]

SYSTEM_PROMPTS = ["You are a helpful assistant.", "You are a concise assistant.",
                  "You are a customer support agent for an online shop.",
                  "You are a careful assistant. Do not repeat personal data back to the user."]


def fill(template, values, kinds):
    """Fills {slot} and {slot:TYPE} markers; returns text and [(start, end, kind, type)]."""
    out = []
    spans = []
    i = 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            break
        k = template.find("}", j)
        out.append(template[i:j])
        slot = template[j + 1:k]
        name, _, typ = slot.partition(":")
        val = values[name]
        start = sum(len(x) for x in out)
        out.append(val)
        if name in kinds:
            spans.append((start, start + len(val), kinds[name][0], kinds[name][1]))
        i = k + 1
    return "".join(out), spans


def make_values():
    f, l = rng.choice(FIRST), rng.choice(LAST)
    order = "%d-%07d" % (rng.randint(100, 999), rng.randint(0, 9999999))
    body = "978" + rs(string.digits, 9)
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    isbn = "%s-%s-%s-%s-%s" % (body[:3], body[3], body[4:7], body[7:12], (10 - s % 10) % 10)
    v = {"name": f, "last": l, "e": email(f, l), "p": phone(), "c": card(), "s": ssn(),
         "i": ipv4(), "i2": ipv4(), "i6": ipv6(), "v": version(), "sha": sha(), "uuid": uuid(),
         "order": order, "badcard": bad_card(), "isbn": isbn}
    kinds = {"e": ("pii", "EMAIL"), "p": ("pii", "PHONE"), "c": ("pii", "CREDIT_CARD"),
             "s": ("pii", "SSN"), "i": ("pii", "IP_ADDRESS"), "i2": ("pii", "IP_ADDRESS"),
             "i6": ("pii", "IP_ADDRESS")}
    return v, kinds


def secret_values():
    jwt_head = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    jwt_body = rs(ALNUM, 48)
    return {"k": None, "AWS_ACCESS_KEY": "AKIA" + rs(string.ascii_uppercase + "234567", 16),
            "GITHUB_TOKEN": "ghp_" + rs(ALNUM, 36),
            "BEARER_TOKEN": jwt_head + "." + jwt_body + "." + rs(ALNUM + "-_", 43)}


def record_texts(kind_pool):
    """One (prompt, response, spans_prompt, spans_response) from the chosen pool."""
    v, kinds = make_values()
    if kind_pool == "general":
        p, r = rng.choice(GENERAL_QA)
        return p, r, [], []
    if kind_pool == "pii":
        pt, rt = rng.choice(PII_TEMPLATES)
    else:
        pt, rt = rng.choice(DECOY_TEMPLATES)
    p, ps = fill(pt, v, kinds)
    r, rsp = fill(rt, v, kinds)
    return p, r, ps, rsp


def secret_texts(idx):
    pt, rt = SECRET_TEMPLATES[idx]
    sv = secret_values()
    typ = pt[pt.find("{k:") + 3:pt.find("}", pt.find("{k:"))]
    v = {"k": sv[typ]}
    p, ps = fill(pt, v, {"k": ("secret", typ)})
    r, _ = fill(rt, {}, {})
    return p, r, ps, []


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False)


def pool():
    x = rng.random()
    return "pii" if x < 0.22 else "decoy" if x < 0.45 else "general"


truth = []   # planted values
lines = []   # per line: file, line, outcome


def add_truth(fname, lineno, pointer, spans):
    for s, e, kind, typ in spans:
        truth.append({"file": fname, "line": lineno, "pointer": pointer, "kind": kind,
                      "type": typ, "start": s, "end": e})


def instructions():
    fname = "instructions.jsonl"
    out = []
    secret_at = {37: 0}
    for n in range(1, 181):
        rid = "inst-%04d" % n
        if n in secret_at:
            p, r, ps, rsp = secret_texts(secret_at[n])
        else:
            p, r, ps, rsp = record_texts(pool())
        rec = {"id": rid, "prompt": p, "response": r,
               "meta": {"source": rng.choice(["curated", "synthetic", "support-export"]),
                        "lang": "en", "tags": rng.sample(["qa", "coding", "writing", "support",
                                                          "math", "travel", "food"], 2),
                        "quality": round(rng.uniform(0.6, 1.0), 2)}}
        out.append(dumps(rec))
        lineno = len(out)
        add_truth(fname, lineno, "/prompt", ps)
        add_truth(fname, lineno, "/response", rsp)
        lines.append({"file": fname, "line": lineno, "id": rid,
                      "outcome": "quarantine" if n in secret_at else "clean"})
        if n == 90:
            out.append("")
            lines.append({"file": fname, "line": len(out), "outcome": "blank"})
        if n == 120:
            # A record cut off mid-write (a crashed exporter): invalid JSON.
            out.append('{"id": "inst-broken", "prompt": "Summarize the meeting notes from Tuesday", '
                       '"response": "The team agreed to')
            lines.append({"file": fname, "line": len(out), "outcome": "dead-letter",
                          "error": "invalid_json"})
    # Leaks of the bundled eval set (pipelines/evals/gsm8k-test-sample.jsonl), for decontamination:
    # a test question copied verbatim with its answer, and one reworded by hand.
    test = gsm8k_test()
    for rid, prompt, response in [
            ("inst-0181", test[33]["question"], test[33]["answer"]),
            ("inst-0182", "Every week James does three sprint sessions, and in each session he runs"
                          " 3 sprints of 60 meters. How far does he run in total each week?",
             "3 sessions x 3 sprints x 60 m = 540 meters a week.")]:
        out.append(dumps({"id": rid, "prompt": prompt, "response": response,
                          "meta": {"source": "scraped", "lang": "en", "tags": ["math"]}}))
        lines.append({"file": fname, "line": len(out), "id": rid, "outcome": "contaminated"})
    return fname, "\n".join(out) + "\n"


def gsm8k_test():
    with open(os.path.join(ROOT, "src", "test", "resources", "corpora", "gsm8k", "test.jsonl"),
              encoding="utf-8") as fh:
        return [json.loads(l) for l in fh]


def eval_sample():
    """The bundled eval set: the first 200 GSM8K test items."""
    out = []
    for i, t in enumerate(gsm8k_test()[:200]):
        out.append(json.dumps({"id": "gsm8k-test-%d" % i, "question": t["question"],
                               "answer": t["answer"]}, ensure_ascii=False))
    return "\n".join(out) + "\n"


def chats():
    fname = "chats.jsonl"
    out = []
    secret_at = {23: 1, 77: 2}
    for n in range(1, 121):
        rid = "chat-%04d" % n
        msgs = [{"role": "system", "content": rng.choice(SYSTEM_PROMPTS)}]
        spans = []
        turns = rng.randint(1, 3)
        for t in range(turns):
            if t == 0 and n in secret_at:
                p, r, ps, rsp = secret_texts(secret_at[n])
            else:
                p, r, ps, rsp = record_texts(pool())
            msgs.append({"role": "user", "content": p})
            spans.append(("/messages/%d/content" % (len(msgs) - 1), ps))
            msgs.append({"role": "assistant", "content": r})
            spans.append(("/messages/%d/content" % (len(msgs) - 1), rsp))
        rec = {"id": rid, "messages": msgs,
               "meta": {"conversation_turns": turns, "annotator": "team-%d" % rng.randint(1, 5)}}
        out.append(dumps(rec))
        lineno = len(out)
        for pointer, sp in spans:
            add_truth(fname, lineno, pointer, sp)
        lines.append({"file": fname, "line": lineno, "id": rid,
                      "outcome": "quarantine" if n in secret_at else "clean"})
        if n == 60:
            out.append('["not", "an", "object"]')
            lines.append({"file": fname, "line": len(out), "outcome": "dead-letter",
                          "error": "not_an_object"})
        if n == 61:
            out.append("   ")
            lines.append({"file": fname, "line": len(out), "outcome": "blank"})
    # A leak of the bundled eval set inside a longer conversation: a test question pasted into a
    # user turn between other text.
    q = gsm8k_test()[20]["question"]
    rec = {"id": "chat-0121", "messages": [
        {"role": "system", "content": "You are a patient math tutor."},
        {"role": "user", "content": "My daughter brought this home and we are stuck. " + q
         + " She thinks the answer is 15 liters but I am not so sure. Can you walk us through it?"},
        {"role": "assistant", "content": "Let's set it up step by step: work out how much water"
         " each drink holds, then account for the spilled liter."}],
        "meta": {"conversation_turns": 1, "annotator": "team-2"}}
    out.append(dumps(rec))
    lines.append({"file": fname, "line": len(out), "id": "chat-0121", "outcome": "contaminated"})
    return fname, "\n".join(out) + "\n"


def tickets():
    fname = "support-tickets.jsonl.gz"
    out = []
    for n in range(1, 61):
        p, r, ps, rsp = record_texts("pii" if n % 3 == 0 else pool())
        subject = p.split("\n")[0][:60]
        for s0, s1, _k, _t in ps:
            if s0 < len(subject) < s1:  # never cut a planted value in half
                subject = subject[:s0].rstrip()
        rec = {"ticket": {"number": 50000 + n, "subject": subject, "body": p,
                          "priority": rng.choice(["low", "normal", "high"])},
               "thread": [{"from": "agent", "text": r}],
               "labels": ["support", rng.choice(["billing", "account", "technical"])]}
        # The subject repeats the start of the body: its spans are those within the cut.
        out.append(dumps(rec))
        lineno = len(out)
        add_truth(fname, lineno, "/ticket/subject",
                  [s for s in ps if s[1] <= len(subject)])
        add_truth(fname, lineno, "/ticket/body", ps)
        add_truth(fname, lineno, "/thread/0/text", rsp)
        lines.append({"file": fname, "line": lineno, "id": None, "outcome": "clean"})
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(out) + "\n").encode("utf-8"))
    return fname, buf.getvalue()


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(TRUTH, exist_ok=True)
    for fname, content in (instructions(), chats(), tickets()):
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(OUT, fname), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
            fh.write(content)
    evals = os.path.join(ROOT, "pipelines", "evals")
    os.makedirs(evals, exist_ok=True)
    with open(os.path.join(evals, "gsm8k-test-sample.jsonl"), "w", encoding="utf-8") as fh:
        fh.write(eval_sample())
    with open(os.path.join(TRUTH, "truth.jsonl"), "w", encoding="utf-8") as fh:
        for t in truth:
            fh.write(json.dumps(t) + "\n")
    with open(os.path.join(TRUTH, "lines.jsonl"), "w", encoding="utf-8") as fh:
        for l in lines:
            fh.write(json.dumps(l) + "\n")
    print("wrote %d lines, %d planted values" % (len(lines), len(truth)))


if __name__ == "__main__":
    main()
