"""The chat UI in a real browser: Debian's chromium driven by Playwright.

The app runs on a free localhost port in this process (a background server thread) over a
hash-embedder index of the bundled corpus. Gradio pages keep a connection open and never
reach "networkidle", so every step waits for an element or text instead.

Screenshots go to ``RAG_SCREENSHOT_DIR`` when set (to look at them), else a temp folder.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from conftest import corpus_file

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing: apt-get install chromium (.ci/run installs it)",
    ),
]
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ANSWER_TIMEOUT = 60_000  # ms; the machine running the tests may be loaded
DOCNO_QUESTION = "国卫办医函[2020]357号要求各地在什么时候前完成委省共建？"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_app(root: Path):
    from test_ui import build_index

    from rag.answer import Answerer
    from ui.app import launch

    settings = build_index(root)
    port = _free_port()
    demo = launch(
        "127.0.0.1", port, block=False, answerer=Answerer.open(None, settings), settings=settings
    )
    return demo, f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    demo, url = _start_app(tmp_path_factory.mktemp("browser"))
    yield url
    demo.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("RAG_SCREENSHOT_DIR") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture()
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app_url)
    page.locator("#question textarea").wait_for()
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def ask(page, question: str) -> None:
    """Type a question, send it, and wait until the answer (not the placeholder) is shown."""
    bots = page.locator('#chat [data-testid="bot"]')
    before = bots.count()
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    expect(bots).to_have_count(before + 1, timeout=ANSWER_TIMEOUT)
    expect(bots.last).not_to_contain_text("正在检索", timeout=ANSWER_TIMEOUT)
    # The citations panel is updated with the final Answer, after the last delta.
    expect(page.locator("#citations")).not_to_contain_text(
        "回答的引用会显示在这里", timeout=ANSWER_TIMEOUT
    )


def choose(page, elem_id: str, option: str) -> None:
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.locator(f"#{elem_id} input")).to_have_value(option)


def test_question_cites_the_right_doc_number_and_opens_the_notice(page, shots):
    ask(page, DOCNO_QUESTION)
    answer = page.locator('#chat [data-testid="bot"]').last
    expect(answer).to_contain_text("国卫办医函〔2020〕357号")
    expect(answer).to_contain_text("[1]")
    first = page.locator("#citations .rag-cite").first
    expect(first).to_contain_text("[1] 国卫办医函〔2020〕357号")
    expect(first).to_contain_text("国家卫生健康委办公厅")
    expect(first.locator("mark")).not_to_be_empty()
    page.screenshot(path=str(shots / "answer.png"))

    quote = first.locator("mark").inner_text()
    first.click()
    viewer = page.locator("#viewer .rag-notice")
    expect(viewer).to_be_visible(timeout=ANSWER_TIMEOUT)
    expect(viewer.locator(".rag-notice-title")).to_contain_text(
        "关于加快推进国家医学中心和国家区域医疗中心设置工作的通知"
    )
    expect(viewer.locator(".rag-fields")).to_contain_text("2020-05-08")  # 发布日期
    expect(viewer.locator("#rag-quote")).to_have_text(quote)
    page.screenshot(path=str(shots / "viewer.png"))


def test_region_filter(page, shots):
    choose(page, "filter-region", "福建")
    ask(page, "新冠病毒检测试剂集中采购有什么规定？")
    cards = page.locator("#citations .rag-cite")
    expect(cards.first).to_contain_text("福建省医疗保障局")
    for i in range(cards.count()):
        expect(cards.nth(i).locator(".rag-meta")).to_contain_text("福建")
    expect(page.locator("#citations")).not_to_contain_text("广东省")
    page.screenshot(path=str(shots / "filter.png"))


def test_follow_up_uses_the_conversation(page, shots):
    ask(page, DOCNO_QUESTION)
    ask(page, "它的发文机关是谁？")
    answer = page.locator('#chat [data-testid="bot"]').last
    expect(answer).to_contain_text("发文机关是国家卫生健康委办公厅")
    expect(answer).to_contain_text("结合上文理解为")
    expect(page.locator("#citations .rag-cite").first).to_contain_text("国卫办医函〔2020〕357号")
    page.screenshot(path=str(shots / "follow_up.png"))


def test_unanswerable_question_is_refused_with_the_closest_notices(page, shots):
    ask(page, "2024年火星基地医保报销比例是多少？")
    answer = page.locator('#chat [data-testid="bot"]').last
    expect(answer).to_contain_text("现有通知中没有找到能回答这个问题的内容")
    expect(answer).to_contain_text("最相近的通知")
    closest = page.locator("#citations .rag-closest")
    expect(closest.first).to_be_visible()
    closest.first.click()  # the closest notices open in the viewer too
    expect(page.locator("#viewer .rag-notice")).to_be_visible(timeout=ANSWER_TIMEOUT)
    page.screenshot(path=str(shots / "refusal.png"))


def test_doc_number_lookup(page):
    page.get_by_role("tab", name="通知全文").click()
    page.locator("#docno textarea, #docno input").first.fill("国办发(2020)25号")
    page.locator("#find").click()
    expect(page.locator("#viewer .rag-notice-title")).to_contain_text(
        "深化医药卫生体制改革2020年下半年重点工作任务"
    )


def test_upload_gbk_file_then_ask_about_it(browser, tmp_path, shots):
    demo, url = _start_app(tmp_path / "app")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(url)
        page.locator("#question textarea").wait_for()
        alerts: list[str] = []
        page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))

        # A real notice (平凉, not in this index) saved as GBK, with markup that must stay text.
        text = corpus_file("004").read_text(encoding="utf-8")
        text = text.replace(
            "各县（市、区）人民政府", "<img src=x onerror=alert(1)>各县（市、区）人民政府", 1
        )
        upload = tmp_path / "平凉医改任务.txt"
        upload.write_bytes(text.encode("gbk"))
        binary = tmp_path / "扫描件.txt"
        binary.write_bytes(bytes(range(256)) * 40)

        page.get_by_role("tab", name="添加文件").click()
        page.locator("#upload-files input[type=file]").set_input_files([upload, binary])
        report = page.locator("#upload-report")
        expect(report).to_contain_text("平凉医改任务.txt 已加入", timeout=ANSWER_TIMEOUT)
        expect(report).to_contain_text("扫描件.txt 未加入")
        expect(page.locator("#rag-status")).to_contain_text("索引 default-uploads")
        page.screenshot(path=str(shots / "upload.png"))

        ask(page, "平政办发〔2020〕81号要求哪些单位贯彻执行？")
        expect(page.locator("#citations .rag-cite").first).to_contain_text("平政办发〔2020〕81号")
        page.locator("#citations .rag-cite").first.click()
        viewer = page.locator("#viewer .rag-notice")
        expect(viewer).to_contain_text("<img src=x onerror=alert(1)>", timeout=ANSWER_TIMEOUT)
        expect(viewer.locator("img")).to_have_count(0)
        assert not alerts, "markup in an uploaded notice was executed"
    finally:
        context.close()
        demo.close()
