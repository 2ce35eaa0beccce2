#!/usr/bin/env python3
"""Prepares GMT's inputs for the default scene, outside the timed run: the same Natural Earth
extract StrikeMap draws (converted to GMT's text format with ogr2ogr) and the sample events
grouped per site and kind, with their labels. Usage: prepare.py OUTDIR"""
import csv, os, subprocess, sys
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
basemap = os.path.join(root, 'Geo', 'basemap', 'middle-east')
for layer in ['land', 'lakes', 'borders', 'admin1_lines', 'rivers']:
    subprocess.run(['ogr2ogr', '-f', 'OGR_GMT', os.path.join(out, layer + '.gmt'),
                    os.path.join(basemap, layer + '.geojson'), '-spat', '30', '25', '54', '41'], check=True)
sites = {r['id']: r for r in csv.DictReader(open(os.path.join(root, 'Geo', 'gazetteer.csv'), encoding='utf-8'))}
groups = {}
for e in csv.DictReader(open(os.path.join(root, 'Data', 'events-2023-10-17_2023-11-22.csv'), encoding='utf-8')):
    s = sites.get(e['site'])
    if not s or not s['lat']:
        continue
    key = (e['site'], e['kind'])
    groups.setdefault(key, [float(s['lon']), float(s['lat']), 0, s['name']])[2] += 1
with open(os.path.join(out, 'attacks.txt'), 'w') as a, open(os.path.join(out, 'strikes.txt'), 'w') as st, \
        open(os.path.join(out, 'labels.txt'), 'w') as lab:
    seen = set()
    for (site, kind), (lon, lat, n, name) in groups.items():
        size = 0.22 * n ** 0.5
        (a if kind == 'attack' else st).write(f"{lon} {lat} {size:.3f}c\n")
        if site not in seen:
            lab.write(f"{lon} {lat} {name}\n")
            seen.add(site)
