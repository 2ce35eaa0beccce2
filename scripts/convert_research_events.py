#!/usr/bin/env python3
"""Convert the research timeline into StrikeMap's event format.

Reads  ../shared/research/events-2023-10-17_2023-11-22.csv   (or $RESEARCH_DIR)
       ../shared/research/pentagon-attack-counts-2023.csv
       Geo/gazetteer.csv                                       (site ids)
Writes Data/events-2023-10-17_2023-11-22.csv
       Data/pentagon-attack-counts-2023.csv                    (same columns, copied)

Every research row becomes one event, ids sm-2023-0001... in file order.
The hand-made tables SITES and WEAPONS below say how each research text maps
to a gazetteer id / weapon class; an unmapped text stops the script, so a new
research row has to be placed by a person, not guessed.
Stdlib only.
"""
import csv
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESEARCH_DIR = os.environ.get(
    "RESEARCH_DIR", os.path.join(os.path.dirname(ROOT), "shared", "research"))
EVENTS_IN = os.path.join(RESEARCH_DIR, "events-2023-10-17_2023-11-22.csv")
COUNTS_IN = os.path.join(RESEARCH_DIR, "pentagon-attack-counts-2023.csv")
GAZETTEER = os.path.join(ROOT, "Geo", "gazetteer.csv")
EVENTS_OUT = os.path.join(ROOT, "Data", "events-2023-10-17_2023-11-22.csv")
COUNTS_OUT = os.path.join(ROOT, "Data", "pentagon-attack-counts-2023.csv")

HEADER = ["id", "date", "time", "timezone", "kind", "weapon", "actor", "target",
          "site", "lat", "lon", "precision", "country", "injured", "killed",
          "confidence", "sources", "notes"]
LOCAL_TZ = "+03:00"  # Iraq and Syria, no DST in 2023

# research `site` text -> (gazetteer id, precision, note)
SITES = {
    "al-Asad AB": ("al-asad-ab", "site", ""),
    "Harir AB": ("harir-ab", "site", ""),
    "al-Tanf": ("al-tanf", "site", ""),
    "MSS Euphrates/Conoco": ("mss-euphrates", "site", ""),
    "MSS Euphrates": ("mss-euphrates", "site", ""),
    "Conoco": ("mss-euphrates", "site", "'Conoco' read as MSS Euphrates/Conoco"),
    "BDSC (Baghdad airport)": ("bdsc", "site", ""),
    "Harir ('Bashur')": ("harir-ab", "site", "reported as 'Bashur' (Harir airfield)"),
    "base E of Rukban (Tower 22?)": (
        "tower-22", "approximate",
        "claim names 'al-Rukban'; placed at Tower 22 as the research suggests, identification uncertain"),
    "Erbil Air Base": ("erbil-ab", "site", ""),
    "Erbil airport base": ("erbil-ab", "site", ""),
    "Syria (site not given; SOHR: Conoco)": (
        "mss-euphrates", "approximate",
        "US official gave no site; placed at Conoco as named by SOHR"),
    "few km from al-Asad AB": ("al-asad-ab", "near-site", "a few km from the base"),
    "E of MSS Green Village (Omar)": ("mss-green-village", "near-site", "east of the base"),
    "MSS Green Village": ("mss-green-village", "site", ""),
    "al-Shaddadi": ("al-shaddadi", "site", ""),
    "Harir ('N of Erbil')": (
        "harir-ab", "approximate",
        "source says only 'north of Erbil'; read as Harir as the research does"),
    "Tal Baydar": ("tal-baydar", "site", "gazetteer point for Tal Baydar is only the nearest city (Al-Hasakah)"),
    "Conoco + Green Village": (
        "mss-euphrates", "approximate",
        "reports name two sites (Conoco and Green Village/al-Omar); placed at Conoco, also mss-green-village"),
    "near al-Omar field + al-Shaddadi (3 attacks)": (
        "mss-green-village", "approximate",
        "3 attacks split between al-Omar (mss-green-village) and al-Shaddadi; placed at al-Omar"),
    "Rumalyn LZ": ("rumalyn-lz", "site", ""),
    "Conoco (+ blasts at al-Omar)": (
        "mss-euphrates", "site", "blasts also reported at al-Omar (mss-green-village)"),
    "near Abu Kamal": ("abu-kamal", "near-site", ""),
    "Maysalun / Deir ez-Zor": (
        "deir-ez-zor", "near-site",
        "target near Maysalun (Maysulun) in Deir ez-Zor; no sourced coordinates for Maysalun, city point used"),
    "near Mayadin": ("mayadin", "near-site", ""),
    "vehicle near Abu Ghraib": ("abu-ghraib", "near-site", "launch vehicle near Abu Ghraib per local reports"),
    "near Jurf al-Saqr": ("jurf-al-saqr", "near-site", ""),
    "'near Al Anbar'": (
        "al-anbar-gov", "governorate",
        "US said only 'near Al Anbar'; placed at the Al Anbar governorate point, not at Ramadi (the research's proxy)"),
}

# research `weapon` text -> (weapon class, note); prefix rules below cover the rest
WEAPONS = {
    "rocket (IRI claim); drones (local reports)": (
        "unknown", "rockets per IRI claim, drones per local reports"),
    "rocket (4 Katyusha) + drones": ("mixed", ""),
    "rocket + drone": ("mixed", ""),
    "rocket/drone": ("mixed", "rockets and/or drones across 3 attacks"),
    "rocket (multi) [IRI: +drones]": ("rocket", "IRI also claims drones"),
    "drone? (IRI: 3 drones on a base)": ("drone", "drone assumed from the IRI claim"),
    "unknown": ("unknown", ""),
    "2x F-16": ("aircraft", "2 F-16s"),
    "2x F-15E": ("aircraft", "2 F-15Es"),
    "fighter aircraft": ("aircraft", ""),
    "undisclosed": ("aircraft", "platform undisclosed; US fighter jets flew the Syria strike rounds (VOA seed)"),
    "AC-130J (self-defense)": ("gunship", "AC-130J self-defense strike"),
}

CONFIDENCE = {"P": "confirmed", "A": "approximate", "C": "claimed"}
TIME_IN_SITE = re.compile(r"^(.*?)\s*\((\d{2}):(\d{2})\)$")
EDT_TIME = re.compile(r"(\d{2}):(\d{2}) EDT")


def weapon_of(text):
    if text in WEAPONS:
        return WEAPONS[text]
    t = text.lower()
    if t.startswith("ballistic missile"):
        return "ballistic-missile", ""
    if t.startswith("drone") and "rocket" not in t:
        return "drone", ""
    if t.startswith("rocket") and "drone" not in t:
        return "rocket", ""
    sys.exit(f"unmapped weapon text: {text!r}")


def actor_of(text):
    t = text.strip()
    if t in ("", "unknown"):
        return "unknown", ""
    if t == "unclaimed":
        return "unknown (unclaimed)", ""
    if t == "US":
        return "US", ""
    m = re.fullmatch(r"IRI claimed(\?)?(?: (.*))?", t)
    if m:
        detail = (m.group(2) or "").strip()
        actor = "Islamic Resistance in Iraq (claim link uncertain)" if m.group(1) \
            else "Islamic Resistance in Iraq (claimed)"
        detail = detail.strip("()")
        if detail == "SITE":
            detail = "claim reported via SITE (presumably SITE Intelligence Group)"
        return actor, (f"claim detail: {detail}" if detail else "")
    if t == "IRI (per Al Mayadeen)":
        return "Islamic Resistance in Iraq (per Al Mayadeen)", ""
    if t == "Tashkil al-Waritheen claimed":
        return "Tashkil al-Waritheen (claimed)", ""
    if t == "KH/IRI (implied)":
        return "Kataib Hezbollah / Islamic Resistance in Iraq (implied)", ""
    sys.exit(f"unmapped actor text: {text!r}")


def count_of(text, what):
    """Return (integer-or-empty, note). Keeps the original text in the note
    whenever it is not a plain integer."""
    t = text.strip()
    if t == "":
        return "", ""
    if t.isdigit():
        return t, ""
    if t.startswith("(incl. above)"):
        return "", f"{what}: counted with the previous row ('{t}')"
    m = re.match(r"(?:>=\s*)?(\d+)", t)
    if not m:
        sys.exit(f"unparseable {what} count: {text!r}")
    return m.group(1), f"{what} as given: '{t}'"


def quality_reason(q):
    q = q.strip()
    rest = q[1:].strip()
    if rest.startswith(":"):
        rest = rest[1:].strip()
    elif rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1].strip()
    return rest


def load_gazetteer_ids():
    with open(GAZETTEER, encoding="utf-8", newline="") as f:
        return {r["id"] for r in csv.DictReader(f)}


def convert():
    ids = load_gazetteer_ids()
    out = []
    with open(EVENTS_IN, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for n, r in enumerate(rows, 1):
        notes = []
        reason = quality_reason(r["quality"])
        if reason:
            notes.append(f"research quality note: {reason}")
        if r["source"].strip() == "same":
            notes.append(f"sources 'same' = those of the previous row (sm-2023-{n - 1:04d})")

        date = r["date"].strip()
        m = re.fullmatch(r"(\d{4}-\d{2})-(\d{2})/(\d{2})", date)
        if m:
            notes.append(f"date range {date}; first day used")
            date = f"{m.group(1)}-{m.group(2)}"
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            sys.exit(f"row {n}: bad date {r['date']!r}")

        site_text = r["site"].strip()
        time = tz = ""
        mt = TIME_IN_SITE.match(site_text)
        if mt:
            site_text = mt.group(1)
            time, tz = f"{mt.group(2)}:{mt.group(3)}", LOCAL_TZ
            notes.append("time is local (KRG/local reports)")
        me = EDT_TIME.search(r["weapon"])
        if not time and me:
            time, tz = f"{me.group(1)}:{me.group(2)}", "-04:00"
            notes.append("time given in US Eastern (EDT)")
        if site_text not in SITES:
            sys.exit(f"row {n}: unmapped site text {r['site']!r}")
        site, precision, site_note = SITES[site_text]
        if site not in ids:
            sys.exit(f"row {n}: site {site} not in gazetteer")
        if site_note:
            notes.append(site_note)

        weapon, wnote = weapon_of(r["weapon"].strip())
        if wnote:
            notes.append(wnote)
        notes.append(f"weapon as given: '{r['weapon'].strip()}'")
        actor, anote = actor_of(r["actor"])
        if anote:
            notes.append(anote)
        injured, inote = count_of(r["injured"], "injured")
        killed, knote = count_of(r["killed"], "killed")
        notes += [x for x in (inote, knote) if x]

        q = r["quality"].strip()[:1]
        if q not in CONFIDENCE:
            sys.exit(f"row {n}: bad quality {r['quality']!r}")
        kind = r["kind"].strip()
        if kind not in ("attack", "strike"):
            sys.exit(f"row {n}: bad kind {kind!r}")

        out.append({
            "id": f"sm-2023-{n:04d}",
            "date": date, "time": time, "timezone": tz,
            "kind": kind, "weapon": weapon, "actor": actor,
            "target": r["target"].strip(),
            "site": site, "lat": "", "lon": "", "precision": precision,
            "country": r["country"].strip(),
            "injured": injured, "killed": killed,
            "confidence": CONFIDENCE[q],
            "sources": r["source"],
            "notes": "; ".join(notes),
        })
    os.makedirs(os.path.dirname(EVENTS_OUT), exist_ok=True)
    with open(EVENTS_OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    return out


def copy_counts():
    with open(COUNTS_IN, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        rows = list(reader)
    with open(COUNTS_OUT, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return len(rows) - 1


def main():
    events = convert()
    kinds = {}
    for e in events:
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    n_counts = copy_counts()
    print(f"wrote {EVENTS_OUT}: {len(events)} events {kinds}")
    print(f"wrote {COUNTS_OUT}: {n_counts} rows")


if __name__ == "__main__":
    main()
