#!/usr/bin/python3
"""Drives the preview page of a running `strikemap serve` in headless Chromium, as a reader would:
waits for the first map, moves the end of the date slider back by keyboard, waits for the new map,
copies the Markdown embed. Prints what it saw as JSON and saves screenshots of both states.

    preview_page.py http://127.0.0.1:PORT/ OUTDIR
"""
import hashlib
import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

url, out = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1500",
          "--no-first-run", "--disable-extensions", "--disable-background-networking"]:
    options.add_argument(a)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
requests = []
try:
    driver.set_page_load_timeout(120)
    driver.get(url)
    wait = WebDriverWait(driver, 300, poll_frequency=0.2)

    def drawn(n):
        # The n-th map is in the <img> and decoded.
        return lambda d: d.execute_script(
            "const i = document.getElementById('map');"
            "return +(i.dataset.drawn || 0) >= arguments[0] && i.complete && i.naturalWidth > 0;", n)

    def state():
        return driver.execute_script(
            "const i = document.getElementById('map');"
            "return {query: i.dataset.query, drawn: +i.dataset.drawn, width: i.naturalWidth, height: i.naturalHeight,"
            " alt: i.alt, status: document.getElementById('status').textContent,"
            " caption: document.getElementById('caption').textContent,"
            " from: document.getElementById('from').value, to: document.getElementById('to').value,"
            " bars: document.getElementById('bars').children.length,"
            " sliderMax: +document.getElementById('to-day').max, toDay: +document.getElementById('to-day').value};")

    wait.until(drawn(1))
    time.sleep(0.3)
    before = state()
    img = driver.find_element(By.ID, "map")
    before["sha256"] = hashlib.sha256(img.screenshot_as_png).hexdigest()
    driver.save_screenshot(out + "/before.png")

    # The reader drags the end of the range back: ten days earlier, by keyboard on the slider.
    slider = driver.find_element(By.ID, "to-day")
    driver.execute_script("arguments[0].focus()", slider)
    slider.send_keys(Keys.END)
    for _ in range(10):
        slider.send_keys(Keys.ARROW_LEFT)
    target = driver.execute_script("return document.getElementById('to').value")
    wait.until(lambda d: d.execute_script(
        "const i = document.getElementById('map');"
        "return (i.dataset.query || '').includes('to=' + arguments[0]) && i.complete && i.naturalWidth > 0;", target))
    time.sleep(0.3)
    after = state()
    after["sha256"] = hashlib.sha256(img.screenshot_as_png).hexdigest()
    driver.save_screenshot(out + "/after.png")

    driver.find_element(By.ID, "copy-md").click()
    markdown = driver.find_element(By.ID, "embed").get_attribute("value")
    driver.find_element(By.ID, "copy-html").click()
    html = driver.find_element(By.ID, "embed").get_attribute("value")
    # Every request the page made went to this service (no external requests).
    origins = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    errors = [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    print(json.dumps({"before": before, "after": after, "target": target, "markdown": markdown, "html": html,
                      "origins": sorted(set(origins)), "pageOrigin": driver.execute_script("return location.origin"),
                      "console_errors": errors}))
finally:
    driver.quit()
