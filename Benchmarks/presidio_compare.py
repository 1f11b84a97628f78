"""Runs Microsoft Presidio's pattern recognisers on the labelled corpus and prints
precision and recall per kind, measured the way `civic-redact evaluate` measures
CivicDataKit (whole values, characters other than spaces).

Presidio is used without a language model (no spaCy model download), so its
name and address recognition, which needs one, is absent; its German
recognisers for tax ID, social insurance number and postcode are included.

    python3 -m venv /tmp/presidio-env && /tmp/presidio-env/bin/pip install presidio-analyzer
    /tmp/presidio-env/bin/python Benchmarks/presidio_compare.py Examples/pii-corpus.txt
"""
import re
import sys
import time

from presidio_analyzer import predefined_recognizers as p

KINDS = ["email", "phone", "iban", "credit-card", "tax-id", "social-insurance-number",
         "ip-address", "url", "date", "address", "name"]
ENTITY_TO_KIND = {
    "EMAIL_ADDRESS": "email", "PHONE_NUMBER": "phone", "IBAN_CODE": "iban", "CREDIT_CARD": "credit-card",
    "DE_TAX_ID": "tax-id", "DE_SOCIAL_SECURITY": "social-insurance-number", "DE_SOCIAL_SECURITY_NUMBER": "social-insurance-number",
    "IP_ADDRESS": "ip-address", "URL": "url", "DATE_TIME": "date", "DE_PLZ": "address", "DE_POSTAL_CODE": "address",
}
MARK = re.compile(r"\[\[([a-z-]+):(.*?)\]\]")


def parse(path):
    notes = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        language, marked = line.split("\t", 1)
        text, labels, last = "", [], 0
        for match in MARK.finditer(marked):
            text += marked[last:match.start()]
            labels.append((match.group(1), len(text), len(text) + len(match.group(2))))
            text += match.group(2)
            last = match.end()
        text += marked[last:]
        notes.append((language, text, labels))
    return notes


def recognizers():
    wanted = ["EmailRecognizer", "PhoneRecognizer", "IbanRecognizer", "CreditCardRecognizer", "DeTaxIdRecognizer",
              "DeSocialSecurityRecognizer", "IpRecognizer", "UrlRecognizer", "DateRecognizer", "DePlzRecognizer"]
    result = []
    for name in wanted:
        cls = getattr(p, name)
        if name == "PhoneRecognizer":
            result.append(cls(supported_regions=("DE", "GB", "US")))
        else:
            result.append(cls())
    return result


def findings(text, active):
    candidates = []
    for recognizer in active:
        for r in recognizer.analyze(text, recognizer.supported_entities, None) or []:
            kind = ENTITY_TO_KIND.get(r.entity_type)
            if kind:
                candidates.append((r.score, r.end - r.start, kind, r.start, r.end))
    # Overlaps settled as CivicDataKit does: higher score, then longer, wins.
    taken = [False] * len(text)
    kept = []
    for score, length, kind, start, end in sorted(candidates, key=lambda c: (-c[0], -c[1], c[3])):
        if any(taken[start:end]):
            continue
        for i in range(start, end):
            taken[i] = True
        kept.append((kind, start, end))
    return kept


def main(path):
    active = recognizers()
    scores = {k: dict(labelled=0, found=0, findings=0, correct=0) for k in KINDS}
    started = time.perf_counter()
    notes = parse(path)
    for _, text, labels in notes:
        found = findings(text, active)
        label_kind = [None] * len(text)
        found_kind = [None] * len(text)
        for kind, start, end in labels:
            for i in range(start, end):
                label_kind[i] = kind
        for kind, start, end in found:
            for i in range(start, end):
                found_kind[i] = kind
        for kind, start, end in labels:
            scores[kind]["labelled"] += 1
            if all(found_kind[i] == kind for i in range(start, end) if text[i] != " "):
                scores[kind]["found"] += 1
        for kind, start, end in found:
            scores[kind]["findings"] += 1
            if all(label_kind[i] == kind for i in range(start, end) if text[i] != " "):
                scores[kind]["correct"] += 1
    seconds = time.perf_counter() - started
    print(f"{len(notes)} notes from {path}; Presidio pattern recognisers, {seconds:.2f} s")
    print(f"{'kind':25}{'labelled':>10}{'found':>10}{'recall':>10}{'findings':>10}{'precision':>10}")
    total = dict(labelled=0, found=0, findings=0, correct=0)
    for kind in KINDS + ["all"]:
        s = total if kind == "all" else scores[kind]
        if kind != "all":
            for key in total:
                total[key] += s[key]
        recall = s["found"] / s["labelled"] if s["labelled"] else 1
        precision = s["correct"] / s["findings"] if s["findings"] else 1
        print(f"{kind:25}{s['labelled']:>10}{s['found']:>10}{recall:>10.3f}{s['findings']:>10}{precision:>10.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Examples/pii-corpus.txt")
