"""End-to-end tests of the web console in a real browser: headless Chromium (Debian's chromium
and chromium-driver) driven by Selenium (PyPI), against a real `pipeline-server serve` on a
loopback port with a real postback receiver. Any JavaScript console error fails the run. A
screenshot of every page goes to SCREENSHOTS (default .build/console-screenshots).
Usage: console_test.py [SCREENSHOTS]"""
import datetime
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
import io
import glob
import shutil

import jsonschema
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVER = os.path.join(ROOT, ".build", "debug", "pipeline-server")
SHOTS = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "console-screenshots"))
TEMPLATES = ["instagram-square", "instagram-portrait", "instagram-story", "facebook-link", "facebook-cover",
             "x-post", "x-header", "linkedin-link", "youtube-thumbnail", "pinterest-pin"]
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


class Hook(http.server.BaseHTTPRequestHandler):
    posts = []

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Hook.posts.append(self.headers.get("webhook-id"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


work = tempfile.mkdtemp(prefix="console-")
receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=receiver.serve_forever, daemon=True).start()
key = re.search(r"api key: (\S+)", subprocess.run([SERVER, "keys", "create", "--data", f"{work}/data"], check=True,
                                                  capture_output=True, text=True).stdout).group(1)
# The watermark images the shipped configurations and the matrix cases name, where the server
# looks for them (DATA/assets).
os.makedirs(f"{work}/data/assets/assets")
shutil.copy(os.path.join(ROOT, "Configurations", "assets", "logo.png"), f"{work}/data/assets/assets/logo.png")
shutil.copy(os.path.join(ROOT, "Tests", "ImagingTests", "Fixtures", "red-mark.png"), f"{work}/data/assets/red-mark.png")
log = open(f"{work}/server.log", "w")
server = subprocess.Popen([SERVER, "serve", "--data", f"{work}/data", "--port", "0", "--allow-private-addresses"], stdout=log, stderr=log)
port = None
for _ in range(600):
    match = re.search(r"listening on 127\.0\.0\.1:(\d+)", open(f"{work}/server.log").read())
    if match:
        port = int(match.group(1))
        break
    time.sleep(0.1)
assert port, open(f"{work}/server.log").read()
base = f"http://127.0.0.1:{port}"

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400"]:
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
def waiting(seconds):
    """A wait that reads the page again when the console re-rendered the element it was reading."""
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


wait = waiting(60)
os.makedirs(SHOTS, exist_ok=True)


def shot(name, at=None):
    """A screenshot of the page, scrolled to the top or to the element `at` selects."""
    if at:
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", driver.find_element(By.CSS_SELECTOR, at))
    else:
        driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def console_errors():
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def text_of(selector):
    """The element's text, read again if the console re-rendered it meanwhile."""
    for _ in range(5):
        try:
            return driver.find_element(By.CSS_SELECTOR, selector).text
        except StaleElementReferenceException:
            time.sleep(0.1)
    return driver.find_element(By.CSS_SELECTOR, selector).text


try:
    # Sign in: a wrong key is refused in words, the right one opens the console.
    driver.get(base + "/")
    field = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[name=key]")))
    field.send_keys("ipk_wrong")
    driver.find_element(By.CSS_SELECTOR, "form button").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".error")))
    check("INVALID_API_KEY" in text_of(".error"), "a wrong key is refused with its code, in words")
    shot("sign-in")
    field = driver.find_element(By.CSS_SELECTOR, "input[name=key]")
    field.clear()
    field.send_keys(key)
    driver.find_element(By.CSS_SELECTOR, "form button").click()
    wait.until(EC.visibility_of_element_located((By.ID, "nav")))
    driver.get_log("browser")  # the refused sign-in's 401 is logged by Chromium as a network error, on purpose

    # Build the social pack through the forms: ten templates, then JPEG.
    driver.get(base + "/#/builder")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-path='id']"))).send_keys("social-pack")
    postback = driver.find_element(By.CSS_SELECTOR, "[data-path='postbackUrl']")
    postback.send_keys(f"http://127.0.0.1:{receiver.server_address[1]}/hook")
    for index, template in enumerate(TEMPLATES):
        if index > 0:
            driver.find_element(By.CSS_SELECTOR, ".feature .add-output").click()
        Select(driver.find_element(By.CSS_SELECTOR, f"[data-path='features[0].outputs[{index}]~mode']")).select_by_value("template")
        Select(driver.find_element(By.CSS_SELECTOR, f"[data-path='features[0].outputs[{index}].template']")).select_by_value(template)
    Select(driver.find_element(By.ID, "feature-type")).select_by_value("convert")
    driver.find_element(By.ID, "add-feature").click()
    Select(driver.find_element(By.CSS_SELECTOR, "[data-path='features[1].outputs[0].format']")).select_by_value("jpeg")
    wait.until(EC.text_to_be_present_in_element((By.ID, "plan-summary"), "10 outputs per source"))
    check("10 outputs per source" in text_of("#plan-summary"), "the live plan shows 10 outputs per source")
    check(text_of("#plan-tree").count("\n") == 9, "the output tree lists 10 paths")
    document = json.loads(driver.find_element(By.ID, "json").get_attribute("value"))
    check([o.get("template") for o in document["features"][0]["outputs"]] == TEMPLATES, "the JSON view follows the forms")
    shot("builder")

    # Reorder by keyboard: Enter on "Move feature 2 up" puts convert first and keeps the focus on
    # the moved feature's button; then drag resize back in front of it (HTML5 drag events with a
    # DataTransfer, dispatched in the page: Selenium's own drag does not fire them in Chromium).
    def feature_types():
        return [f["type"] for f in json.loads(driver.find_element(By.ID, "json").get_attribute("value"))["features"]]
    driver.find_element(By.CSS_SELECTOR, "[aria-label='Move feature 2 up']").send_keys(Keys.ENTER)
    wait.until(lambda d: feature_types() == ["convert", "resize"])
    check(feature_types() == ["convert", "resize"], "Enter on 'Move feature 2 up' puts convert first")
    check(driver.switch_to.active_element.get_attribute("aria-label") == "Move feature 1 up",
          "the focus follows the moved feature, so the keys can move it again")
    wait.until(EC.text_to_be_present_in_element((By.ID, "plan-summary"), "10 outputs per source"))
    cards = driver.find_elements(By.CSS_SELECTOR, "#features .feature")
    driver.execute_script("""
        const [source, target] = arguments;
        const data = new DataTransfer();
        source.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
        target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
        target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
        source.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));""", cards[1], cards[0])
    wait.until(lambda d: feature_types() == ["resize", "convert"])
    check(feature_types() == ["resize", "convert"], "dragging resize onto convert puts it first again")
    check([c.get_attribute("aria-label") for c in driver.find_elements(By.CSS_SELECTOR, "#features .feature")]
          == ["Feature 1: resize", "Feature 2: convert"], "the forms follow the drag")
    wait.until(EC.text_to_be_present_in_element((By.ID, "plan-summary"), "10 outputs per source"))

    # An invalid value: the message appears at the field.
    driver.find_element(By.CSS_SELECTOR, ".feature .add-output").click()
    width = driver.find_element(By.CSS_SELECTOR, "[data-path='features[0].outputs[10].width']")
    width.clear()
    width.send_keys("0")
    issue = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".issue[data-for='features[0].outputs[10].width']")))
    check("expected" in issue.text and width.get_attribute("aria-invalid") == "true", f"the invalid width is explained beside its field: {issue.text}")
    shot("builder-invalid", at=".issue[data-for]")
    driver.find_element(By.CSS_SELECTOR, "[aria-label='Remove output 11 of feature 1']").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "plan-summary"), "10 outputs per source"))
    driver.find_element(By.ID, "save").click()
    wait.until(EC.url_contains("#/builder/social-pack"))
    wait.until(EC.presence_of_element_located((By.ID, "start-test")))

    # The JSON view edits the forms too: the first template changed in the JSON.
    editor = driver.find_element(By.ID, "json")
    edited = json.loads(editor.get_attribute("value"))
    edited["features"][0]["outputs"][0]["template"] = "pinterest-square"
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", editor, json.dumps(edited))
    picker = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-path='features[0].outputs[0].template']")))
    check(Select(picker).first_selected_option.get_attribute("value") == "pinterest-square", "an edit of the JSON shows in the forms")
    Select(picker).select_by_value("instagram-square")
    driver.find_element(By.ID, "save").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "save-status"), "version 2"))
    check("version 2" in text_of("#save-status"), "saving again stores version 2")
    # Duplicate, save under the new id, delete the copy.
    driver.find_element(By.ID, "duplicate").click()
    driver.find_element(By.ID, "save").click()
    wait.until(EC.url_contains("#/builder/social-pack-copy"))
    wait.until(EC.presence_of_element_located((By.ID, "delete")))
    driver.find_element(By.ID, "delete").click()
    driver.switch_to.alert.accept()
    wait.until(EC.url_contains("#/configurations"))
    names = [a.text for a in wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "main table a")))]
    check(names == ["social-pack"], f"the copy was saved and deleted: {names}")
    shot("configurations")
    driver.get(base + "/#/builder/social-pack")
    wait.until(EC.presence_of_element_located((By.ID, "start-test")))

    # A test run with the three samples: 30 outputs, a ZIP to download.
    samples = [os.path.join(ROOT, "Samples", name) for name in
               ["arc-colors-transparent_2140x1200.png", "fallenleaf_2560x1600.jpg", "kleiber_6028x3391.jpg"]]
    driver.find_element(By.ID, "test-files").send_keys("\n".join(samples))
    driver.find_element(By.ID, "start-test").click()
    waiting(300).until(EC.text_to_be_present_in_element((By.ID, "test-status"), "succeeded"))
    waiting(60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#output-grid figure")) == 30)
    check(len(driver.find_elements(By.CSS_SELECTOR, "#output-grid figure")) == 30, "the test run shows 30 outputs")
    link = driver.find_element(By.ID, "download-zip")
    check(link.get_attribute("download").endswith(".zip") and link.get_attribute("href").startswith("blob:"), "the ZIP can be downloaded")
    # The ZIP the link offers (the page's copy of GET /v1/jobs/{id}/archive; the page's CSP keeps
    # scripts from reading blob: URLs back): the same archive, fetched here, has 30 outputs.
    job_id = re.search(r"Job (job-[0-9a-f]+)", text_of("#test-status")).group(1)
    request = urllib.request.Request(f"{base}/v1/jobs/{job_id}/archive", headers={"Authorization": f"Bearer {key}"})
    archive = urllib.request.urlopen(request).read()
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    check(len([n for n in names if n.startswith("output/") and not n.endswith("/")]) == 30, "the downloaded ZIP has 30 outputs")
    captions = [f.text for f in driver.find_elements(By.CSS_SELECTOR, "#output-grid figcaption")]
    check(any("1080×1080" in c for c in captions), "the grid shows the outputs' sizes")
    shot("test-run", at="#test-result")

    # A failed source: a text file renamed .jpg shows its code.
    fake = os.path.join(work, "notes.jpg")
    open(fake, "w").write("not an image")
    driver.get(base + "/#/builder/social-pack")
    driver.refresh()  # a fresh page: the file field keeps no earlier pick
    wait.until(EC.presence_of_element_located((By.ID, "test-files"))).send_keys(fake)
    driver.find_element(By.ID, "start-test").click()
    waiting(300).until(lambda d: d.find_element(By.ID, "test-status").text.endswith("failed"))
    row = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.sources tr[data-status=failed]")))
    check("UNSUPPORTED_FORMAT" in row.text or "CORRUPT_IMAGE" in row.text, f"the failed source shows its code: {row.text}")
    shot("test-run-failed", at="#test-result")

    # Jobs, a job's deliveries, a redelivery.
    driver.get(base + "/#/jobs")
    rows = wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "#jobs tbody tr")))
    check(len(rows) == 2, "the jobs list has both jobs")
    shot("jobs")
    Select(driver.find_element(By.ID, "job-filter")).select_by_value("failed")
    wait.until(EC.url_contains("status=failed"))
    rows = wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "#jobs tbody tr")))
    check(len(rows) == 1 and "failed" in rows[0].text, "the jobs list filters by status")
    driver.get(base + "/#/jobs")
    wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "#jobs tbody tr")))
    driver.find_elements(By.CSS_SELECTOR, "#jobs tbody tr")[-1].find_element(By.TAG_NAME, "a").click()
    waiting(60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#attempts tbody tr"))
    first = text_of("#delivery-state")
    check("delivered" in first and len(Hook.posts) >= 1, f"the job's delivery is shown: {first}")
    driver.find_element(By.ID, "redeliver").click()
    waiting(60).until(lambda d: d.find_element(By.ID, "delivery-state").text != first and "delivered" in d.find_element(By.ID, "delivery-state").text)
    check(text_of("#delivery-state") != first and len(driver.find_elements(By.CSS_SELECTOR, "#attempts tbody tr")) == 1,
          "redelivery shows the new delivery and its attempt")
    driver.find_element(By.ID, "show-manifest").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "pre.tree"), "jobId"))
    shot("job")

    # The account: plan, usage with its chart, keys (one shown once), allow-list.
    driver.get(base + "/#/account")
    wait.until(EC.presence_of_element_located((By.ID, "usage-chart")))
    check("unlimited" in driver.find_element(By.TAG_NAME, "h2").text, "the account shows its plan")
    check("4" in text_of("#usage tbody tr"), "usage counts today's sources")
    scale = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#usage-chart text.scale")]
    days = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#usage-chart text.day")]
    today = str(datetime.datetime.now(datetime.timezone.utc).day)
    check(scale == ["4", "0"] and days[0] == "1" and days[-1] == today,
          f"the chart's scale runs from 0 to today's 4 sources, its days from 1 to {today} (today): {scale}, {days}")
    driver.find_element(By.ID, "create-key").click()
    made = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#new-key output")))
    check(made.text.startswith("ipk_"), "a new key is shown once")
    driver.refresh()
    revoke = wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "#keys button")))
    check(len(revoke) == 2, "both keys are listed, each with a revoke button")
    revoke[-1].click()
    driver.switch_to.alert.accept()
    wait.until(EC.text_to_be_present_in_element((By.ID, "keys"), "revoked"))
    check("revoked" in text_of("#keys"), "a key is revoked")
    address = driver.find_element(By.CSS_SELECTOR, "#addresses ~ form input")
    address.send_keys("127.0.0.1")
    address.submit()
    wait.until(EC.text_to_be_present_in_element((By.ID, "addresses"), "127.0.0.1"))
    address = driver.find_element(By.CSS_SELECTOR, "#addresses ~ form input")
    address.send_keys("not-an-address")
    address.submit()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#addresses ~ div .error")))
    check("not an IPv4" in text_of("#addresses ~ div .error"), "a bad address is refused in words")
    problems = console_errors()  # the deliberate 400's network line, and anything else so far
    check([p for p in problems if "/v1/account/ips" not in p["message"]] == [], f"no JavaScript console errors: {problems}")
    driver.find_element(By.CSS_SELECTOR, "[aria-label='Remove 127.0.0.1']").click()
    wait.until(lambda d: "127.0.0.1" not in d.find_element(By.ID, "addresses").text)
    shot("account")
    problems = console_errors()
    check(not problems, f"no JavaScript console errors: {problems}")

    # The builder shows the whole language: every document of Configurations/ and every case of
    # the engine's output matrix, loaded into the builder, shows each key and value in a control;
    # saved untouched, it is stored as the API stores it.
    def call(method, path, body=None):
        request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def leaves(value, path=""):
        if isinstance(value, dict):
            for name, item in value.items():
                yield from leaves(item, f"{path}.{name}" if path else name)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from leaves(item, f"{path}[{index}]")
        else:
            yield path, value

    def controls():
        """Every control of the builder that stands for a key of the document: its value and
        whether a person can see it; and the keys listed as "set in JSON"."""
        return driver.execute_script("""
            const found = {};
            for (const node of document.querySelectorAll('#main [data-path]:not([data-ui])')) {
              const path = node.dataset.path;
              if (node.matches('input, select, textarea')) found[path] = {value: node.value, visible: node.offsetParent !== null};
              else if (node.matches('strong')) found[path] = {value: node.dataset.value, visible: true};
              else if (node.classList.contains('unshown')) found[path] = {unshown: node.textContent};
            }
            return found;""")

    def unshown_of(shown):
        return [path for path, item in shown.items() if "unshown" in item]

    def missing_in(document, shown):
        """The leaves of `document` that no visible control shows with their value."""
        wrong = []
        for path, value in leaves(document):
            item = shown.get(path)
            text = value if isinstance(value, str) else json.dumps(value)
            if not item or "unshown" in item or not item["visible"] or item["value"] != text:
                wrong.append(f"{path}={text} shown as {item}")
        return wrong

    def open_builder(hash_path, title):
        driver.get(base + "/#/configurations")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
        driver.get(base + hash_path)
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h1"), title))
        wait.until(lambda d: d.find_elements(By.ID, "plan-summary") or d.find_elements(By.CSS_SELECTOR, "#plan .error"))

    def set_json(document):
        editor = driver.find_element(By.ID, "json")
        driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", editor, json.dumps(document))

    def builder_document():
        return json.loads(driver.find_element(By.ID, "json").get_attribute("value"))

    with open(os.path.join(ROOT, "Tests", "ImagingTests", "Fixtures", "matrix", "cases.json")) as file:
        matrix = json.load(file)
    documents = [(os.path.basename(f)[:-5], json.load(open(f))) for f in sorted(glob.glob(os.path.join(ROOT, "Configurations", "*.json")))]
    for case in matrix:
        settings = dict(case["output"])
        settings.setdefault("format", "jpeg")
        documents.append((f"matrix-{case['name']}", {"features": case["features"], "output": settings}))
    # The schema is served without a key; every document validates against it, and a document
    # with an unknown key, a value out of range or a template that does not exist does not.
    with urllib.request.urlopen(base + "/v1/configurations/schema") as response:
        served = json.loads(response.read())
    validator = jsonschema.Draft202012Validator(served)
    invalid = [name for name, document in documents if list(validator.iter_errors(document))]
    check(not invalid, f"every one of the {len(documents)} documents is valid against the served schema: {invalid}")
    refused = [list(validator.iter_errors(bad)) for bad in [
        {"features": [{"type": "resize", "outputs": [{"width": 800}]}], "extra": 1},
        {"features": [{"type": "crop", "outputs": [{"shape": "circle", "radius": 0}]}]},
        {"features": [{"type": "resize", "outputs": [{"template": "myspace-banner"}]}]},
    ]]
    check(all(refused), "the schema refuses an unknown key, a radius of 0 and an unknown template")
    problems_by_document = []
    for name, original in documents:
        ident = f"rt-{name}"[:64]
        raw = dict(original, id=ident)
        # The raw document, typed into the JSON view of a new configuration: every key shown.
        open_builder("/#/builder", "New configuration")
        set_json(raw)
        wait.until(lambda d: builder_document() == raw)
        waiting(30).until(EC.text_to_be_present_in_element((By.ID, "plan-summary"), "outputs per source"))
        shown = controls()
        wrong = missing_in(raw, shown) + [f"unshown {p}" for p in unshown_of(shown)]
        # Saved from the builder, it is stored as the API stores the same document.
        driver.find_element(By.ID, "save").click()
        wait.until(EC.url_contains(f"#/builder/{ident}"))
        status, reference = call("POST", "/v1/configurations", dict(original, id=f"ref-{name}"[:64]))
        status_stored, stored = call("GET", f"/v1/configurations/{ident}")
        first = stored["configuration"]
        if status != 201 or dict(reference["configuration"], id=ident) != first:
            wrong.append(f"stored from the builder {first} != stored by the API {reference}")
        # The stored (normalised) document, opened and saved untouched: every key shown, and
        # version 2 equals version 1.
        open_builder(f"/#/builder/{ident}", f"Configuration {ident}")
        wait.until(lambda d: builder_document() == first)
        shown = controls()
        wrong += missing_in(first, shown) + [f"unshown {p}" for p in unshown_of(shown)]
        driver.find_element(By.ID, "save").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "save-status"), "version 2"))
        _, again = call("GET", f"/v1/configurations/{ident}")
        if again["version"] != 2 or again["configuration"] != first:
            wrong.append(f"saved untouched, version {again['version']} differs: {again['configuration']} != {first}")
        if wrong:
            problems_by_document.append(f"{name}: " + "; ".join(wrong[:6]))
        if name == "avatars":
            shot("builder-circle-crop", at="[data-path='features[1]']")
        if name == "product-photos":
            shot("builder-watermark-image", at="[data-path='features[1]']")
            shot("builder-output-settings", at="#output-settings")
    check(not problems_by_document, f"all {len(documents)} documents ({len(matrix)} matrix cases) show every key and value and "
          f"save back unchanged: {problems_by_document}")

    # avatars.json built from an empty builder by clicking and typing only.
    def field(path):
        return wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f"[data-path='{path}']")))

    def type_into(path, text):
        control = field(path)
        control.clear()
        control.send_keys(text)

    def choose(path, value):
        Select(field(path)).select_by_value(value)

    def add_feature(kind):
        choose_type = Select(driver.find_element(By.ID, "feature-type"))
        choose_type.select_by_value(kind)
        driver.find_element(By.ID, "add-feature").click()

    avatars = json.load(open(os.path.join(ROOT, "Configurations", "avatars.json")))
    open_builder("/#/builder", "New configuration")
    type_into("id", avatars["id"])
    type_into("name", avatars["name"])
    type_into("description", avatars["description"])
    type_into("features[0].name", "square")
    type_into("features[0].outputs[0].width", "512")
    type_into("features[0].outputs[0].height", "512")
    choose("features[0].outputs[0].fit", "cover")
    choose("features[0].outputs[0].gravity", "attention")
    add_feature("crop")
    type_into("features[1].name", "circle")
    choose("features[1].outputs[0].gravity", "attention")
    check(not field("features[1].outputs[0].offsetX").is_enabled(), "a smart gravity disables the crop's offsets")
    choose("features[1].outputs[0].gravity", "")
    check(field("features[1].outputs[0].offsetX").is_enabled(), "a compass gravity enables them again")
    choose("features[1].outputs[0].shape", "circle")
    check(not driver.find_elements(By.CSS_SELECTOR, "[data-path='features[1].outputs[0].width']")
          and field("features[1].outputs[0].radius").is_displayed(), "a circle crop shows its radius, not a width and height")
    type_into("features[1].outputs[0].radius", "0")
    issue = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".issue[data-for='features[1].outputs[0].radius']")))
    check("expected a whole number from 1 to 8192" in issue.text, f"a refused radius is explained beside it: {issue.text}")
    type_into("features[1].outputs[0].radius", "256")
    add_feature("resize")
    for index, (label, width) in enumerate([("large", "512"), ("medium", "256"), ("small", "96")]):
        if index:
            driver.find_elements(By.CSS_SELECTOR, ".feature .add-output")[2].click()
        type_into(f"features[2].outputs[{index}].name", label)
        type_into(f"features[2].outputs[{index}].width", width)
    check(not driver.find_elements(By.CSS_SELECTOR, "[data-path='features[2].outputs[0].gravity']")
          and field("features[0].outputs[0].gravity").is_displayed(), "gravity is offered for a cover fit, not for an inside one")
    add_feature("convert")
    choose("features[3].outputs[0].format", "png")
    driver.find_elements(By.CSS_SELECTOR, ".feature .add-output")[3].click()
    choose("features[3].outputs[1].format", "webp")
    wait.until(EC.text_to_be_present_in_element((By.ID, "plan-summary"), "6 outputs per source"))
    check(builder_document() == avatars, f"the clicked document is avatars.json: {builder_document()}")
    driver.find_element(By.ID, "save").click()
    wait.until(EC.url_contains("#/builder/avatars"))
    _, built = call("GET", "/v1/configurations/avatars")
    _, reference = call("GET", "/v1/configurations/ref-avatars")
    check(built["configuration"] == dict(reference["configuration"], id="avatars"),
          "avatars.json built by clicking is stored as the file itself is")
    problems = console_errors()
    check(not problems, f"no JavaScript console errors: {problems}")

    # The library: make a folder, store two photos into it, drop a third on it, see them as
    # thumbnails, download a ZIP of a selection, run a configuration on one, open a file's
    # details and its keyless URL, delete one.
    driver.get(base + "/#/library")
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "main h1"), "Library"))
    folder_name = driver.find_element(By.CSS_SELECTOR, "#folders ~ form input")
    folder_name.send_keys("shop")
    driver.find_element(By.ID, "make-folder").click()
    wait.until(EC.url_contains("path=%2Fshop"))
    wait.until(EC.presence_of_element_located((By.ID, "library-files"))).send_keys(
        "\n".join(os.path.join(ROOT, "Samples", name) for name in ["arc-colors-transparent_2140x1200.png", "fallenleaf_2560x1600.jpg"]))
    waiting(60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#library-grid figure")) == 2)
    driver.execute_script("""
        const [drop, source] = arguments;
        fetch(source).then((answer) => answer.blob()).then((blob) => {
          const data = new DataTransfer();
          data.items.add(new File([blob], 'dropped.png', {type: blob.type}));
          drop.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
        });""", driver.find_element(By.ID, "library-drop"), driver.find_element(By.CSS_SELECTOR, "#library-grid img").get_attribute("src"))
    waiting(60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#library-grid figure")) == 3)
    waiting(30).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('#library-grid img')].every((img) => img.complete && img.naturalWidth > 0)"))
    check(True, "three files stored in /shop, one of them dropped, each shown as a thumbnail")
    boxes = driver.find_elements(By.CSS_SELECTOR, "#library-grid input[type=checkbox]")
    boxes[0].click()
    boxes[1].click()
    driver.find_element(By.ID, "download-selection").click()
    zip_link = wait.until(EC.presence_of_element_located((By.ID, "selection-zip")))
    check(zip_link.get_attribute("href").startswith("blob:") and ("MB" in zip_link.text or "KB" in zip_link.text),
          f"a ZIP of the selection is offered: {zip_link.text}")
    boxes[1].click()
    Select(driver.find_element(By.ID, "run-configuration")).select_by_value("social-pack")
    driver.find_element(By.ID, "run-selection").click()
    job_link = wait.until(EC.presence_of_element_located((By.ID, "selection-job")))
    _, ran = call("GET", f"/v1/jobs/{job_link.text}")
    check(ran.get("sources") and len(ran["sources"]) == 1, f"a configuration runs on the selection: {job_link.text}")
    driver.find_elements(By.CSS_SELECTOR, "#library-grid figcaption button")[0].click()
    url = wait.until(EC.presence_of_element_located((By.ID, "asset-url"))).get_attribute("value")
    with urllib.request.urlopen(url) as response:
        check(response.status == 200 and response.headers["Cache-Control"].startswith("public"), f"a file's URL opens without a key: {url}")
    # Render on request (SPEC §10): switch rendering on, build the URL of one output of a saved
    # configuration and of ad-hoc options, see each preview, and a refusal in words.
    check("off" in text_of("#render-status"), f"a new account's rendering is off: {text_of('#render-status')}")
    driver.find_element(By.ID, "rendering-on").click()
    waiting(30).until(lambda d: "is on" in text_of("#render-status"))
    Select(driver.find_element(By.ID, "render-configuration")).select_by_value("social-pack")
    waiting(30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#render-output option")) > 0)
    output_path = Select(driver.find_element(By.ID, "render-output")).first_selected_option.get_attribute("value")
    driver.find_element(By.ID, "render-build").click()
    waiting(30).until(lambda d: d.find_element(By.ID, "render-url").get_attribute("value"))
    render_url = driver.find_element(By.ID, "render-url").get_attribute("value")
    check(f"/{output_path}/shop/" in render_url, f"the URL names the output and the asset's place: {render_url}")
    waiting(60).until(lambda d: d.execute_script(
        "const img = document.getElementById('render-preview'); return img.complete && img.naturalWidth > 0"))
    with urllib.request.urlopen(render_url) as response:
        check(response.status == 200 and response.headers["X-Render"] == "hit" and response.headers["ETag"],
              f"the rendered URL opens without a key, from the cache once the preview made it: {response.headers['X-Render']}")
    Select(driver.find_element(By.ID, "render-mode")).select_by_value("options")
    options = driver.find_element(By.ID, "render-options")
    options.clear()
    options.send_keys("w:120,f:webp")
    driver.find_element(By.ID, "render-build").click()
    waiting(60).until(lambda d: d.execute_script(
        "const img = document.getElementById('render-preview'); return img.complete && img.naturalWidth === 120"))
    check("/_/w:120,f:webp/" in driver.find_element(By.ID, "render-url").get_attribute("value"), "ad-hoc options make a URL too, 120 px wide")
    check(not driver.find_element(By.ID, "render-configuration").is_displayed() and driver.find_element(By.ID, "render-options").is_displayed(),
          "with ad-hoc options the configuration's controls are out of the way")
    shot("library-render", at="#render-builder")
    options.clear()
    options.send_keys("w:99999")
    driver.find_element(By.ID, "render-build").click()
    waiting(30).until(lambda d: "16384" in text_of("#render-problem"))
    check(True, f"options a configuration could not say are refused in words: {text_of('#render-problem')}")
    driver.get_log("browser")  # the 400 above is logged by the browser as a failed request
    shot("library")
    boxes = driver.find_elements(By.CSS_SELECTOR, "#library-grid input[type=checkbox]")
    boxes[0].click()  # the first was still selected: only the third is now
    boxes[2].click()
    check(text_of("#selection-count") == "1 selected", f"one file selected: {text_of('#selection-count')}")
    driver.find_element(By.ID, "delete-selection").click()
    driver.switch_to.alert.accept()
    waiting(30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#library-grid figure")) == 2)
    driver.get(base + "/#/library")
    folders = wait.until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "#folders li")))
    check([f.text for f in folders] == ["📁 shop", "📁 uploads"],
          f"the root lists the folder, and the test runs' uploads kept in /uploads: {[f.text for f in folders]}")
    problems = console_errors()
    check(not problems, f"no JavaScript console errors: {problems}")

    # Phone width: the builder still lays out (no horizontal scroll).
    driver.set_window_size(390, 900)
    driver.get(base + "/#/builder/social-pack")
    wait.until(EC.presence_of_element_located((By.ID, "plan-summary")))
    scroll = driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    check(scroll, "readable at phone width")
    shot("builder-phone")
    problems = console_errors()
    check(not problems, f"no JavaScript console errors: {problems}")
    # Signing out forgets the key.
    driver.find_element(By.ID, "sign-out").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[name=key]")))
    check(driver.execute_script("return sessionStorage.getItem('pipeline.key')") is None, "signing out forgets the key")
finally:
    driver.quit()
    server.terminate()
    server.wait()
    receiver.shutdown()

print(f"{len(failures)} failure(s); screenshots in {SHOTS}")
sys.exit(1 if failures else 0)
