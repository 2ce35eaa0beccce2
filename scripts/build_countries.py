#!/usr/bin/env python3
"""Writes Geo/countries.csv: ISO 3166-1 alpha-2, alpha-3, numeric, English name and aliases.

Source: Debian's `iso-codes` package (/usr/share/iso-codes/json/iso_3166-1.json, LGPL-2.1+;
see Geo/LICENSES.md). The extract is committed so StrikeMap needs no package at run time.
Aliases are the package's common and official names plus the spellings conflict datasets
(ACLED, UCDP) use for a country whose ISO name differs; each alias below was chosen by hand.

    sudo apt-get install iso-codes && python3 scripts/build_countries.py
"""
import csv
import json
import os
import sys

SOURCE = "/usr/share/iso-codes/json/iso_3166-1.json"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Geo", "countries.csv")

# Names datasets use that are neither the ISO name nor its common/official form.
EXTRA_ALIASES = {
    "CD": ["Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"],
    "CG": ["Republic of Congo", "Republic of the Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic"],
    "GB": ["United Kingdom", "UK", "Britain", "Great Britain"],
    "US": ["United States", "USA", "United States of America"],
    "IR": ["Iran"],
    "KP": ["North Korea"],
    "KR": ["South Korea"],
    "LA": ["Laos"],
    "MD": ["Moldova"],
    "MK": ["Macedonia", "North Macedonia"],
    "MM": ["Burma", "Myanmar"],
    "PS": ["Palestine", "Palestinian Territories"],
    "RU": ["Russia"],
    "SY": ["Syria"],
    "SZ": ["Swaziland", "eSwatini", "Eswatini"],
    "TL": ["East Timor", "Timor-Leste"],
    "TR": ["Turkey", "Turkiye"],
    "TZ": ["Tanzania"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "VN": ["Vietnam"],
    "GM": ["The Gambia", "Gambia"],
    "BS": ["The Bahamas", "Bahamas"],
    "VA": ["Vatican", "Holy See"],
    "FM": ["Micronesia"],
    "BN": ["Brunei"],
    "TW": ["Taiwan"],
}


def main():
    with open(SOURCE, encoding="utf-8") as f:
        entries = json.load(f)["3166-1"]
    rows = []
    for e in entries:
        a2 = e["alpha_2"]
        aliases = []
        for key in ("common_name", "official_name"):
            if e.get(key) and e[key] != e["name"]:
                aliases.append(e[key])
        for alias in EXTRA_ALIASES.get(a2, []):
            if alias != e["name"] and alias not in aliases:
                aliases.append(alias)
        rows.append([a2, e["alpha_3"], e["numeric"], e["name"], "|".join(aliases)])
    # Kosovo has no ISO code; ACLED and others use the user-assigned XK / XKX.
    rows.append(["XK", "XKX", "", "Kosovo", ""])
    rows.sort()
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["alpha2", "alpha3", "numeric", "name", "aliases"])
        w.writerows(rows)
    print(f"wrote {len(rows)} countries to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
