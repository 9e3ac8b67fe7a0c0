#!/usr/bin/env python3
"""Generator for the held-out layout corpus, set B (hB01..hB21).

All document texts below are invented for this evaluation corpus: agency
names and 文号 *formats* follow real practice, but numbers, dates and
contents are made up.  Run with the project venv:

    /work/main/.venv/bin/python eval/layouts/heldout/make_hB.py

It (re)writes every hB* file in this folder and truth-B.jsonl.
Needs a CJK TrueType font (fonts-wqy-microhei by default; override with
the HB_CJK_FONT environment variable).
"""
import json
import os
from pathlib import Path

from fpdf import FPDF
import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Mm

OUT = Path(__file__).resolve().parent
FONT = os.environ.get("HB_CJK_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
TRUTH = []


def truth(**kw):
    row = dict(file=kw["file"], layout=kw["layout"], kind=kw.get("kind", "notice"),
               doc_number=kw["doc_number"], title=kw["title"], issuers=kw["issuers"],
               date=kw["date"], region=kw["region"], cites=kw.get("cites", []),
               encoding=kw.get("encoding", "utf-8"), notes=kw.get("notes", ""))
    TRUTH.append(row)


def write_txt(name, text, encoding="utf-8", newline="\n"):
    text = text.strip("\n") + "\n"
    if newline != "\n":
        text = text.replace("\n", newline)
    (OUT / name).write_bytes(text.encode(encoding))


# ---------------------------------------------------------------------------
# red-header PDF renderer (GB/T 9704-like: 28 chars x 22 lines, 三号 body)
# ---------------------------------------------------------------------------
RED = (214, 0, 0)
NO_LINE_START = set("，。、；：？！）》〕」』”’.,;:!?)]%")
NO_LINE_END = set("（《〔「『“‘([")


class GovPDF(FPDF):
    def footer(self):
        self.set_y(-22)
        self.set_font("cjk", size=14)
        self.set_text_color(0, 0, 0)
        label = f"— {self.page_no()} —"
        # odd pages right, even pages left, as printed documents do
        self.cell(0, 8, label, align="R" if self.page_no() % 2 else "L")


def _tokens(text):
    """Split into breakable units: runs of ASCII letters/digits stay together."""
    out, buf = [], ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            buf += ch
            continue
        if buf:
            out.append(buf)
            buf = ""
        out.append(ch)
    if buf:
        out.append(buf)
    return out


def wrap(pdf, text, width):
    lines, cur, w = [], "", 0.0
    toks = _tokens(text)
    i = 0
    while i < len(toks):
        t = toks[i]
        tw = pdf.get_string_width(t)
        if w + tw > width and cur:
            if t in NO_LINE_START:          # hang closing punctuation
                cur += t
                i += 1
                lines.append(cur)
                cur, w = "", 0.0
                continue
            if cur[-1] in NO_LINE_END:      # don't leave an opener at line end
                lines.append(cur[:-1])
                cur = cur[-1]
                w = pdf.get_string_width(cur)
                continue
            lines.append(cur)
            cur, w = "", 0.0
            continue
        cur += t
        w += tw
        i += 1
    if cur:
        lines.append(cur)
    return lines


def render_red_pdf(path, d):
    pdf = GovPDF(format="A4", unit="mm")
    pdf.set_margins(28, 37, 26)
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", "", FONT)
    pdf.add_page()
    left, right = 28, 210 - 26
    width = right - left
    lh = 10.0          # line pitch
    bottom = 297 - 35

    def ensure(space):
        if pdf.get_y() + space > bottom:
            pdf.add_page()
            pdf.set_y(37)

    # 份号 / 密级 / 紧急程度 block
    y = 30
    if d.get("copy_no"):
        pdf.set_font("cjk", size=14)
        pdf.set_xy(left, y)
        pdf.cell(60, 8, d["copy_no"])
        y += 8
    if d.get("urgency"):
        pdf.set_font("cjk", size=14)
        pdf.set_xy(left, y)
        pdf.cell(60, 8, d["urgency"])
        y += 8

    # red issuer mark
    pdf.set_text_color(*RED)
    names = d["header"]
    y = max(y + 6, 52)
    if len(names) == 1:
        pdf.set_font("cjk", size=d.get("header_size", 34))
        pdf.set_stretching(d.get("header_stretch", 82))
        pdf.set_char_spacing(d.get("header_spacing", 1))
        pdf.set_xy(left, y)
        pdf.cell(width, 18, names[0] + "文件", align="C")
        y += 26
    else:
        pdf.set_font("cjk", size=28)
        pdf.set_stretching(85)
        pdf.set_char_spacing(0)
        wmax = max(pdf.get_string_width(n) for n in names)
        pdf.set_font("cjk", size=40)
        wfile = pdf.get_string_width("文件")
        x0 = left + (width - (wmax + 8 + wfile)) / 2
        pdf.set_font("cjk", size=28)
        for k, n in enumerate(names):
            # spread shorter names to the width of the longest one
            extra = wmax - pdf.get_string_width(n)
            pdf.set_char_spacing(extra / max(len(n) - 1, 1) * 72 / 25.4 * 100 / 85 if extra > 0 else 0)
            pdf.set_xy(x0, y + k * 14)
            pdf.cell(wmax, 12, n)
            pdf.set_char_spacing(0)
        block_h = len(names) * 14
        pdf.set_font("cjk", size=40)
        pdf.set_xy(x0 + wmax + 8, y + block_h / 2 - 9)
        pdf.cell(wfile, 16, "文件")
        y += block_h + 8
    pdf.set_stretching(100)
    pdf.set_char_spacing(0)

    # 发文字号, red rule
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("cjk", size=16)
    y += 6
    pdf.set_xy(left, y)
    if d.get("signer"):
        pdf.cell(width / 2, 9, "　" + d["docno"], align="L")
        pdf.cell(width / 2, 9, "签发人：" + d["signer"] + "　", align="R")
    else:
        pdf.cell(width, 9, d["docno"], align="C")
    y += 13
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.9)
    pdf.line(left - 1, y, right + 1, y)
    y += 14

    # title (二号, centred, pre-broken lines)
    pdf.set_font("cjk", size=21)
    for tl in d["title_lines"]:
        pdf.set_xy(left, y)
        pdf.cell(width, 11, tl, align="C")
        y += 12
    y += 8
    pdf.set_y(y)

    pdf.set_font("cjk", size=15.8)

    def para(text, indent=True, align="L"):
        txt = ("　　" + text) if indent else text
        for ln in wrap(pdf, txt, width):
            ensure(lh)
            pdf.set_x(left)
            pdf.cell(width, lh, ln, align=align)
            pdf.ln(lh)

    para(d["addressee"], indent=False)
    for p in d["body"]:
        para(p)
    if d.get("attachments"):
        pdf.ln(lh)
        first = True
        for a in d["attachments"]:
            para(("附件：" if first else "　　　") + a)
            first = False

    # signature block: names centred over the date, date 4 chars from the right
    pdf.ln(lh * 2)
    pdf.set_font("cjk", size=15.8)
    em = pdf.get_string_width("国")
    date_w = pdf.get_string_width(d["date"])
    date_x = right - 4 * em - date_w
    centre = date_x + date_w / 2
    rows = d["sign_rows"]
    if pdf.get_y() + lh * (len(rows) * 2 + 2) > bottom:
        # signature would sit alone on a new page: real files open that
        # page with （此页无正文）
        pdf.add_page()
        pdf.set_xy(left, 37)
        pdf.cell(width, lh, "　　（此页无正文）")
        pdf.set_y(37 + lh * 3)
    for row in rows:
        if len(row) == 1:
            nw = pdf.get_string_width(row[0])
            pdf.set_x(max(left, centre - nw / 2))
            pdf.cell(nw, lh, row[0])
        else:   # two bodies side by side, 3 char gap
            gap = 3 * em
            tw = sum(pdf.get_string_width(n) for n in row) + gap
            x = right - 2 * em - tw
            for n in row:
                nw = pdf.get_string_width(n)
                pdf.set_x(x)
                pdf.cell(nw, lh, n)
                x += nw + gap
        pdf.ln(lh * 1.6)
    pdf.set_x(date_x)
    pdf.cell(date_w, lh, d["date"])
    pdf.ln(lh * 1.5)
    if d.get("annot"):
        para(d["annot"])

    # 版记 (at the foot of the last page)
    pdf.set_font("cjk", size=13.5)
    lines_needed = (2 if d.get("keywords") else 0) + (3 if d.get("cc") else 0) + 3
    blk_h = lines_needed * 8.5
    if pdf.get_y() + blk_h + 6 > bottom:
        pdf.add_page()
    yb = bottom - blk_h
    pdf.set_draw_color(0, 0, 0)
    if d.get("keywords"):
        pdf.set_xy(left, yb)
        pdf.cell(width, 8, "主题词：" + d["keywords"])
        yb += 10
    pdf.set_line_width(0.5)
    pdf.line(left, yb, right, yb)
    yb += 1.5
    if d.get("cc"):
        for ln in wrap(pdf, "抄送：" + d["cc"], width - 2 * em):
            pdf.set_xy(left + em * 0.6, yb)
            pdf.cell(width, 8, ln)
            yb += 8
        pdf.set_line_width(0.25)
        pdf.line(left, yb + 1, right, yb + 1)
        yb += 2.5
    pdf.set_xy(left + em * 0.6, yb)
    pdf.cell(width / 2, 8, d["printer"])
    pdf.set_xy(left + width / 2, yb)
    pdf.cell(width / 2 - em * 0.6, 8, d["print_date"] + "印发", align="R")
    yb += 9.5
    pdf.set_line_width(0.5)
    pdf.line(left, yb, right, yb)
    pdf.output(str(path))


# ---------------------------------------------------------------------------
# 1. red-header PDFs
# ---------------------------------------------------------------------------
def make_pdfs():
    hB01 = dict(
        header=["山东省卫生健康委员会"],
        docno="鲁卫医字〔2022〕14号",
        title_lines=["山东省卫生健康委员会关于进一步", "规范日间手术管理工作的通知"],
        addressee="各市卫生健康委，委属（管）医疗机构：",
        body=[
            "为贯彻落实《国家卫生健康委办公厅关于印发日间手术推荐目录（试行）的通知》（国卫办医函〔2021〕117号）要求，推动日间手术规范有序开展，结合我省实际，现就进一步规范日间手术管理有关工作通知如下。",
            "一、明确开展条件",
            "开展日间手术的医疗机构应当为二级及以上医院，设置相对独立的日间手术中心，或者在病区内设立相对固定的日间床位，配备与手术种类相适应的麻醉、护理和复苏人员。各医疗机构要建立日间手术病种和术式准入制度，由医务管理部门组织专家论证后提交院长办公会审定，并于每年3月底前向所在市卫生健康委备案。",
            "二、加强术前评估与术后随访",
            "医疗机构应当在患者入院前完成麻醉评估和必要的检查检验，对高龄、合并严重基础疾病的患者从严把握适应证。患者出院后24小时内应当至少完成1次电话或者信息化随访，术后第3日、第7日根据病种要求再次随访，随访记录纳入病历管理。",
            "三、做好医保政策衔接",
            "各市卫生健康委要主动会同医保部门，按照《山东省医疗保障局关于做好日间手术医保支付工作的通知》（鲁医保发〔2020〕63号）有关规定，做好日间手术费用结算衔接工作，不得以日间手术名义分解住院，不得降低收治标准。",
            "四、强化质量安全监测",
            "省卫生健康委将日间手术占择期手术比例、非计划再入院率、术后并发症发生率等指标纳入三级公立医院绩效考核监测范围。省日间手术质量控制中心每半年通报一次全省日间手术质量安全情况。",
            "本通知自印发之日起施行。《山东省卫生和计划生育委员会关于开展日间手术试点工作的通知》（鲁卫医字〔2016〕31号）同时废止。",
        ],
        sign_rows=[["山东省卫生健康委员会"]],
        date="2022年3月18日",
        annot="（此件主动公开）",
        cc="国家卫生健康委医政司，省医疗保障局。",
        printer="山东省卫生健康委员会办公室",
        print_date="2022年3月21日",
    )
    render_red_pdf(OUT / "hB01_red-header-pdf.pdf", hB01)
    truth(file="hB01_red-header-pdf.pdf", layout="red-header-pdf", doc_number="鲁卫医字〔2022〕14号",
          title="山东省卫生健康委员会关于进一步规范日间手术管理工作的通知",
          issuers=["山东省卫生健康委员会"], date="2022-03-18", region="山东",
          cites=["国卫办医函〔2021〕117号", "鲁医保发〔2020〕63号", "鲁卫医字〔2016〕31号"],
          encoding="binary",
          notes="Title broken over two centred lines; signature date 2022-03-18 differs from the 印发 date 2022-03-21 in the 版记; repealed 鲁卫医字〔2016〕31号 is a cite, not the own number; page numbers '— 1 —'; the signature is pushed to page 3 which opens with '（此页无正文）'; in the extracted text two cited numbers wrap across lines ('鲁医保发' / '〔2020〕63号', '…〔2016〕31' / '号').")

    hB02 = dict(
        copy_no="000087",
        header=["四川省卫生健康委员会", "四川省医疗保障局"],
        docno="川卫发〔2021〕23号",
        title_lines=["关于推进紧密型县域医疗卫生共同体", "医保支付方式改革的通知"],
        addressee="各市（州）卫生健康委、医疗保障局，省级有关医疗机构：",
        body=[
            "为深入推进紧密型县域医疗卫生共同体（以下简称县域医共体）建设，发挥医保支付对医疗资源配置的引导作用，根据《国家医疗保障局 财政部 国家卫生健康委关于开展医保支付方式改革扩面工作的通知》（医保发〔2020〕52号）和《四川省人民政府办公厅关于推进紧密型县域医疗卫生共同体建设的实施意见》（川办发〔2020〕41号）精神，现就有关事项通知如下。",
            "一、实行医保基金总额付费",
            "在确定的试点县（市、区），医保部门按照“总额预算、结余留用、合理超支分担”的原则，以县域医共体为单位核定年度医保基金总额，由牵头医院统筹管理。结余资金主要用于医务人员绩效奖励和基层服务能力建设，超支部分经评估后由医保基金和县域医共体按比例分担。",
            "二、推进按病种分值付费",
            "县域医共体内住院服务逐步实行按病种分值付费，基层医疗卫生机构收治的基层病种实行同病同价，引导常见病、多发病患者在基层就诊。",
            "三、健全联合考核机制",
            "各地卫生健康行政部门和医保部门要建立联合考核制度，重点考核县域内就诊率、基层就诊占比、医保基金使用效率和群众满意度，考核结果与医保基金拨付挂钩。对分解住院、挂床住院、推诿病人等行为，依法依规严肃处理。",
            "四、加强组织实施",
            "各市（州）要在2021年10月31日前将试点县名单报省卫生健康委和省医疗保障局。执行中遇到的问题，请及时向两部门反映。",
            "《四川省卫生和计划生育委员会 四川省人力资源和社会保障厅关于开展县域医疗联合体医保打包付费试点的通知》（川卫发〔2017〕88号）自本通知印发之日起废止。",
        ],
        sign_rows=[["四川省卫生健康委员会", "四川省医疗保障局"]],
        date="2021年9月6日",
        annot="（此件主动公开）",
        cc="国家卫生健康委基层司，国家医疗保障局医药服务管理司，省财政厅。",
        printer="四川省卫生健康委员会办公室",
        print_date="2021年9月8日",
    )
    render_red_pdf(OUT / "hB02_red-header-pdf.pdf", hB02)
    truth(file="hB02_red-header-pdf.pdf", layout="red-header-pdf", doc_number="川卫发〔2021〕23号",
          title="关于推进紧密型县域医疗卫生共同体医保支付方式改革的通知",
          issuers=["四川省卫生健康委员会", "四川省医疗保障局"], date="2021-09-06", region="四川",
          cites=["医保发〔2020〕52号", "川办发〔2020〕41号", "川卫发〔2017〕88号"],
          encoding="binary",
          notes="Joint red header: two issuer names stacked with one shared '文件' to their right; 份号 000087 at top-left; joint signature on one line; cited and repealed 川卫发〔2017〕88号 shares the own prefix; 印发 date 2021-09-08 is not the signature date; signature page opens with '（此页无正文）'; the repealed number wraps across lines in the extracted text ('（川' / '卫发〔2017〕88号）').")

    hB03 = dict(
        header=["中华人民共和国卫生部"],
        header_size=32, header_stretch=78, header_spacing=2,
        docno="卫医发〔2006〕318号",
        title_lines=["卫生部关于加强基层医疗机构", "医院感染管理工作的通知"],
        addressee="各省、自治区、直辖市卫生厅局，新疆生产建设兵团卫生局：",
        body=[
            "近期，个别地区基层医疗机构发生因器械消毒不规范导致的医院感染事件，暴露出部分机构医院感染管理制度不健全、专业人员配备不足、消毒灭菌措施落实不到位等问题。为切实保障医疗安全，现就加强基层医疗机构医院感染管理工作通知如下：",
            "一、各级卫生行政部门要按照《医院感染管理办法》和《卫生部关于印发〈基层医疗机构消毒隔离工作指南〉的通知》（卫法监发〔2003〕147号）的要求，对辖区内乡镇卫生院、社区卫生服务机构、个体诊所的消毒隔离工作进行一次全面检查，检查工作于2006年10月底前完成。",
            "二、基层医疗机构要指定专（兼）职人员负责医院感染管理工作。重复使用的手术器械、口腔器械必须做到一人一用一灭菌，一次性使用医疗用品不得重复使用。",
            "三、各地要将医院感染防控知识纳入基层卫生人员岗位培训内容，每人每年培训不少于8学时。",
            "四、对因管理不善造成医院感染暴发的，要依法追究有关单位和人员的责任。发生医院感染暴发事件的，要按照《卫生部办公厅关于医院感染暴发报告及处置有关问题的通知》（卫办医发〔2005〕96号）规定及时报告。",
            "请各地将检查情况于2006年11月30日前报我部医政司。",
        ],
        sign_rows=[["卫生部"]],
        date="二〇〇六年八月十四日",
        keywords="医疗机构　医院感染　管理　通知",
        cc="国家中医药管理局，中国疾病预防控制中心。",
        printer="卫生部办公厅",
        print_date="2006年8月17日",
    )
    render_red_pdf(OUT / "hB03_red-header-pdf.pdf", hB03)
    truth(file="hB03_red-header-pdf.pdf", layout="red-header-pdf", doc_number="卫医发〔2006〕318号",
          title="卫生部关于加强基层医疗机构医院感染管理工作的通知",
          issuers=["卫生部"], date="2006-08-14", region="全国",
          cites=["卫法监发〔2003〕147号", "卫办医发〔2005〕96号"],
          encoding="binary",
          notes="Pre-2012 style: header '中华人民共和国卫生部文件' but signature prints '卫生部'; signature date in Chinese numerals with 〇 (二〇〇六年八月十四日); old 主题词 line above the 版记; body also contains deadline dates (2006年10月底, 2006年11月30日) that are not the signature date; 印发 date 2006-08-17; a cited number wraps across lines ('（卫' / '办医发〔2005〕96号）').")

    hB04 = dict(
        header=["广西壮族自治区卫生健康委员会办公室"],
        header_size=27, header_stretch=72,
        docno="桂卫办发〔2024〕9号",
        title_lines=["广西壮族自治区卫生健康委员会办公室", "关于开展2024年全区老年健康", "宣传周活动的通知"],
        addressee="各设区市卫生健康委，委直属各单位：",
        body=[
            "根据《国家卫生健康委办公厅关于开展2024年全国老年健康宣传周活动的通知》（国卫办老龄函〔2024〕203号）要求，自治区卫生健康委决定于2024年7月下旬在全区组织开展老年健康宣传周活动。现将有关事项通知如下。",
            "一、活动主题",
            "提升健康素养，乐享银龄生活。",
            "二、活动时间",
            "2024年7月22日至28日。",
            "三、活动内容",
            "（一）集中宣传。各设区市要在城乡社区、老年大学、养老机构等老年人聚集场所，围绕合理膳食、科学运动、跌倒预防、认知障碍早期识别等内容开展集中宣传，发放通俗易懂的宣传资料。",
            "（二）义诊服务。各级医疗卫生机构要组织医务人员深入社区和村屯开展义诊，为老年人提供血压血糖测量、用药指导、中医体质辨识等服务。",
            "（三）健康知识进家庭。基层医疗卫生机构要结合家庭医生签约服务，对失能、半失能老年人开展上门健康指导，向照护者讲解护理技能。",
            "四、工作要求",
            "各地要结合老年友善医疗机构建设工作，按照《广西壮族自治区卫生健康委员会关于全面推进老年友善医疗机构建设的通知》（桂卫老龄发〔2023〕5号）有关要求，把宣传周活动与日常服务结合起来，避免形式主义。请各设区市于2024年8月9日前将活动总结（含图片和服务人次数据）报送自治区卫生健康委老龄健康处。",
        ],
        sign_rows=[["广西壮族自治区卫生健康委员会办公室"]],
        date="2024年7月10日",
        annot="（此件公开发布）",
        printer="广西壮族自治区卫生健康委员会办公室",
        print_date="2024年7月11日",
    )
    render_red_pdf(OUT / "hB04_red-header-pdf.pdf", hB04)
    truth(file="hB04_red-header-pdf.pdf", layout="red-header-pdf", doc_number="桂卫办发〔2024〕9号",
          title="广西壮族自治区卫生健康委员会办公室关于开展2024年全区老年健康宣传周活动的通知",
          issuers=["广西壮族自治区卫生健康委员会办公室"], date="2024-07-10", region="广西",
          cites=["国卫办老龄函〔2024〕203号", "桂卫老龄发〔2023〕5号"],
          encoding="binary",
          notes="Issuer is the commission's 办公室 (autonomous region, short name 广西); title broken over three lines; activity dates (2024年7月22日至28日, 2024年8月9日) in the body; no 抄送 line, only the 印发 line dated 2024-07-11; signature page opens with '（此页无正文）'.")


# ---------------------------------------------------------------------------
# 2. DOCX
# ---------------------------------------------------------------------------
def _font(run, size=16, name="仿宋_GB2312", color=None, bold=False):
    run.font.size = Pt(size)
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    if color:
        run.font.color.rgb = RGBColor(*color)
    run.bold = bold


def _p(doc, text, size=16, name="仿宋_GB2312", align=None, indent=True, color=None, bold=False, space_after=0):
    p = doc.add_paragraph()
    if align == "C":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "R":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "J":
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(space_after)
    if text:
        _font(p.add_run(text), size=size, name=name, color=color, bold=bold)
    return p


def _setup(doc):
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    st = doc.styles["Normal"]
    st.font.size = Pt(16)
    st.font.name = "仿宋_GB2312"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")


def _body(doc, paras):
    for t in paras:
        if t.startswith("#1 "):
            _p(doc, t[3:], name="黑体")
        elif t.startswith("#2 "):
            _p(doc, t[3:], name="楷体_GB2312")
        elif t == "":
            _p(doc, "", indent=False)
        else:
            _p(doc, t, align="J")


def make_docx():
    # hB05: red header as docx paragraph, 文号 centred
    d = docx.Document()
    _setup(d)
    _p(d, "河南省卫生健康委员会文件", size=36, name="方正小标宋简体", align="C", indent=False, color=RED, space_after=12)
    _p(d, "豫卫基层〔2023〕6号", align="C", indent=False, space_after=18)
    _p(d, "河南省卫生健康委员会", size=22, name="方正小标宋简体", align="C", indent=False)
    _p(d, "关于进一步做实家庭医生签约服务的通知", size=22, name="方正小标宋简体", align="C", indent=False, space_after=16)
    _p(d, "各省辖市、济源示范区卫生健康委，航空港区卫生健康局：", indent=False)
    _body(d, [
        "为推动家庭医生签约服务由扩大覆盖向提质增效转变，根据《国家卫生健康委等六部门关于推进家庭医生签约服务高质量发展的指导意见》（国卫基层发〔2022〕10号）和《河南省人民政府办公厅关于加快推进基层卫生健康服务能力提升的意见》（豫政办〔2021〕33号）要求，现就有关工作通知如下。",
        "#1 一、突出重点人群签约",
        "各地要优先覆盖老年人、孕产妇、儿童、残疾人、脱贫人口以及高血压、糖尿病、结核病等慢性病患者，2023年底前重点人群签约率较上年提高3个百分点以上。签约前要当面告知服务内容、收费标准和解约方式，不得只签约不服务。",
        "#1 二、丰富签约服务内容",
        "#2 （一）拓展个性化服务包。",
        "基层医疗卫生机构可结合群众需求，设计康复护理、中医调理、慢病长处方等个性化服务包，明确服务频次和质量要求，并向社会公示。",
        "#2 （二）畅通上转下转通道。",
        "县级医院要为家庭医生团队预留不少于20%的专家号源和一定比例的住院床位，签约居民经家庭医生转诊的，优先安排就诊。",
        "#1 三、完善激励机制",
        "签约服务费扣除必要运行成本后，原则上将不低于70%的部分用于家庭医生团队薪酬分配，不计入基层医疗卫生机构绩效工资总量。",
        "#1 四、强化监督考核",
        "省卫生健康委将每季度抽查各地签约服务真实性，抽查结果与基本公共卫生服务补助资金分配挂钩。对弄虚作假、虚假签约的，一经查实予以通报。",
    ])
    _p(d, "", indent=False)
    _p(d, "河南省卫生健康委员会", align="R", indent=False)
    _p(d, "2023年5月12日　　　", align="R", indent=False)
    _p(d, "（此件主动公开）")
    d.save(OUT / "hB05_docx.docx")
    truth(file="hB05_docx.docx", layout="docx", doc_number="豫卫基层〔2023〕6号",
          title="河南省卫生健康委员会关于进一步做实家庭医生签约服务的通知",
          issuers=["河南省卫生健康委员会"], date="2023-05-12", region="河南",
          cites=["国卫基层发〔2022〕10号", "豫政办〔2021〕33号"], encoding="binary",
          notes="DOCX imitation of a red-header file: first paragraph '河南省卫生健康委员会文件' in red, 文号 centred in its own paragraph, title split into two centred paragraphs (issuer / 关于…的通知); headings in 黑体/楷体 style paragraphs; date paragraph has trailing full-width spaces.")

    # hB06: metadata table first (joint, 成文日期 != 发布日期)
    d = docx.Document()
    _setup(d)
    rows = [
        ("索　引　号", "014000319/2020-00137"),
        ("主题分类", "卫生、体育＼医药管理"),
        ("发文机关", "江苏省医疗保障局　江苏省卫生健康委员会　江苏省药品监督管理局"),
        ("发文字号", "苏医保发〔2020〕137号"),
        ("成文日期", "2020年11月20日"),
        ("发布日期", "2020年11月26日"),
        ("标　　题", "关于做好第二批省际联盟药品集中带量采购中选结果落地实施工作的通知"),
        ("有 效 性", "有效"),
    ]
    t = d.add_table(rows=(len(rows) + 1) // 2, cols=4)
    t.style = "Table Grid"
    cells = []
    for r in t.rows:
        cells.extend([(r.cells[0], r.cells[1]), (r.cells[2], r.cells[3])])
    # 标题 and 发文机关 take a full row in real sites; keep it simple: pairs in reading order
    for (k, v), (ck, cv) in zip(rows, cells):
        ck.text = ""
        _font(ck.paragraphs[0].add_run(k), size=10.5, name="宋体", bold=True)
        cv.text = ""
        _font(cv.paragraphs[0].add_run(v), size=10.5, name="宋体")
    _p(d, "", indent=False)
    _p(d, "关于做好第二批省际联盟药品集中带量采购", size=22, name="方正小标宋简体", align="C", indent=False)
    _p(d, "中选结果落地实施工作的通知", size=22, name="方正小标宋简体", align="C", indent=False, space_after=16)
    _p(d, "各设区市医疗保障局、卫生健康委员会、市场监督管理局，省属公立医疗机构：", indent=False)
    _body(d, [
        "第二批省际联盟药品集中带量采购已产生拟中选结果。为确保中选药品按时落地、患者及时用上降价药品，根据《江苏省人民政府办公厅关于深化药品和医用耗材集中采购改革的实施意见》（苏政办发〔2019〕88号）和国家医疗保障局《关于做好药品集中带量采购和使用配套措施的意见》（医保发〔2019〕56号），现就有关事项通知如下。",
        "#1 一、执行时间",
        "本批次中选结果自2021年1月1日起在全省执行，采购周期为2年。",
        "#1 二、落实约定采购量",
        "各公立医疗机构要按照报送的采购需求量签订购销合同，优先使用中选药品，在采购周期内完成约定采购量。医疗机构完成约定采购量后，超出部分仍按中选价格采购。",
        "#1 三、做好医保支付和结余留用",
        "对中选药品，以中选价格作为医保支付标准；同通用名未中选药品价格高于支付标准的部分由患者自付。医保部门按规定落实结余留用政策，留用资金主要用于相关人员绩效。",
        "#1 四、加强质量监管和临床使用监测",
        "药品监督管理部门要加大中选药品抽检力度，对抽检不合格的依法处理。卫生健康部门要将中选药品使用情况纳入公立医院绩效考核，防止不合理替代使用。",
    ])
    _p(d, "", indent=False)
    for n in ["江苏省医疗保障局", "江苏省卫生健康委员会", "江苏省药品监督管理局"]:
        _p(d, n + "　　", align="R", indent=False)
    _p(d, "2020年11月20日　　", align="R", indent=False)
    _p(d, "（此件公开发布）")
    d.save(OUT / "hB06_docx.docx")
    truth(file="hB06_docx.docx", layout="docx", doc_number="苏医保发〔2020〕137号",
          title="关于做好第二批省际联盟药品集中带量采购中选结果落地实施工作的通知",
          issuers=["江苏省医疗保障局", "江苏省卫生健康委员会", "江苏省药品监督管理局"],
          date="2020-11-20", region="江苏",
          cites=["苏政办发〔2019〕88号", "医保发〔2019〕56号"], encoding="binary",
          notes="The metadata-table DOCX: first block is a 4-column metadata table (索引号/发文机关/发文字号/成文日期/发布日期/标题) laid out two key-value pairs per row; 成文日期 2020-11-20 vs 发布日期 2020-11-26; 文号 only appears in the table; three issuers stacked right-aligned in the signature; body mentions execution date 2021年1月1日; 索引号 is not a 文号.")

    # hB07: title first, 文号 right-aligned BELOW the title, page header/footer
    d = docx.Document()
    _setup(d)
    hdr = d.sections[0].header.paragraphs[0]
    hdr.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(hdr.add_run("国家中医药管理局"), size=9, name="宋体")
    ftr = d.sections[0].footer.paragraphs[0]
    ftr.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(ftr.add_run("— 1 —"), size=14, name="宋体")
    _p(d, "国家中医药管理局关于加强中医医院", size=22, name="方正小标宋简体", align="C", indent=False)
    _p(d, "护理人才培养工作的通知", size=22, name="方正小标宋简体", align="C", indent=False, space_after=6)
    _p(d, "国中医药医政发〔2017〕11号", align="R", indent=False, space_after=14)
    _p(d, "各省、自治区、直辖市卫生计生委、中医药管理局，新疆生产建设兵团卫生局，局直属各单位：", indent=False)
    _body(d, [
        "为落实《国家卫生计生委关于印发全国护理事业发展规划（2016—2020年）的通知》（国卫医发〔2016〕72号）关于加强中医护理工作的部署，进一步提升中医医院护理队伍的中医药专业素质，现就加强中医医院护理人才培养工作通知如下。",
        "#1 一、建立分层培训制度",
        "各级中医医院要对新入职护士开展为期2年的规范化培训，其中中医护理基础理论和技术操作培训时间不少于总学时的30%。对工作5年以上的护理骨干，重点开展辨证施护和中医护理技术的提高培训。",
        "#1 二、推广中医护理技术",
        "二级以上中医医院每个病区至少常规开展4项中医护理技术，护理人员能够熟练掌握艾灸、刮痧、耳穴贴压、穴位按摩等常用技术，并按照《国家中医药管理局办公室关于印发中医护理常规技术操作规程的通知》（国中医药办医政发〔2016〕20号）规范操作。",
        "#1 三、培养中医护理专科护士",
        "各省级中医药管理部门要依托省内条件较好的中医医院设立中医护理专科护士培训基地，到2020年，每所三级中医医院至少拥有10名经培训合格的中医护理专科护士。",
        "#1 四、加强组织保障",
        "各地要将中医护理人才培养纳入中医药人才发展规划，在经费和政策上给予支持。我局将适时组织对各地工作落实情况进行督导。",
    ])
    _p(d, "", indent=False)
    _p(d, "国家中医药管理局", align="R", indent=False)
    _p(d, "2017年6月2日", align="R", indent=False)
    d.save(OUT / "hB07_docx.docx")
    truth(file="hB07_docx.docx", layout="docx", doc_number="国中医药医政发〔2017〕11号",
          title="国家中医药管理局关于加强中医医院护理人才培养工作的通知",
          issuers=["国家中医药管理局"], date="2017-06-02", region="全国",
          cites=["国卫医发〔2016〕72号", "国中医药办医政发〔2016〕20号"], encoding="binary",
          notes="文号 is right-aligned and comes AFTER the two-paragraph title; page header repeats the issuer name and the footer carries '— 1 —'; the body cites the 全国护理事业发展规划 notice whose title contains a year range (2016—2020年) and mentions target year 2020.")

    # hB08: joint docx whose attachment text IS included after a page break
    d = docx.Document()
    _setup(d)
    _p(d, "云卫基层发〔2024〕3号", align="C", indent=False, space_after=18)
    _p(d, "关于印发云南省基本公共卫生服务项目", size=22, name="方正小标宋简体", align="C", indent=False)
    _p(d, "绩效评价实施方案的通知", size=22, name="方正小标宋简体", align="C", indent=False, space_after=16)
    _p(d, "各州（市）卫生健康委、财政局：", indent=False)
    _body(d, [
        "为规范基本公共卫生服务项目绩效评价工作，提高资金使用效益，根据《财政部 国家卫生健康委 国家医保局 国家中医药局 国家疾控局关于修订基本公共卫生服务等5项补助资金管理办法的通知》（财社〔2022〕31号），省卫生健康委、省财政厅制定了《云南省基本公共卫生服务项目绩效评价实施方案》，现印发给你们，请结合实际认真组织实施。",
        "",
        "附件：云南省基本公共卫生服务项目绩效评价实施方案",
    ])
    _p(d, "", indent=False)
    _p(d, "云南省卫生健康委员会　　　　云南省财政厅", align="R", indent=False)
    _p(d, "2024年2月27日　　　　", align="R", indent=False)
    _p(d, "（此件公开发布）")
    brk = d.add_paragraph()
    brk.add_run().add_break(WD_BREAK.PAGE)
    _p(d, "附件", name="黑体", indent=False)
    _p(d, "云南省基本公共卫生服务项目绩效评价实施方案", size=22, name="方正小标宋简体", align="C", indent=False, space_after=16)
    _body(d, [
        "#1 一、评价依据",
        "本方案依据《国家基本公共卫生服务规范（第三版）》（国卫基层发〔2017〕15号）和《云南省基本公共卫生服务补助资金管理实施细则》（云财社〔2023〕120号）制定。",
        "#1 二、评价对象和周期",
        "评价对象为各州（市）、县（市、区）卫生健康和财政部门以及承担基本公共卫生服务任务的基层医疗卫生机构。评价每年开展一次，评价周期为上一年度1月1日至12月31日。",
        "#1 三、评价内容",
        "#2 （一）资金管理。",
        "重点评价资金到位及时性、拨付进度和使用规范性，资金拨付进度低于80%的，相应扣减得分。",
        "#2 （二）项目执行。",
        "重点评价居民健康档案、慢性病患者健康管理、老年人健康管理等服务的数量和质量，采取电话回访、入户核查等方式抽查服务真实性。",
        "#2 （三）满意度。",
        "通过第三方调查了解居民对基本公共卫生服务的知晓率和满意度。",
        "#1 四、结果运用",
        "评价结果作为下一年度补助资金分配的重要因素，评价排名后3位的县（市、区）由州（市）卫生健康委约谈主要负责同志。",
        "#1 五、其他",
        "本方案自2024年3月1日起施行，由省卫生健康委、省财政厅负责解释。",
    ])
    d.save(OUT / "hB08_docx.docx")
    truth(file="hB08_docx.docx", layout="docx", doc_number="云卫基层发〔2024〕3号",
          title="关于印发云南省基本公共卫生服务项目绩效评价实施方案的通知",
          issuers=["云南省卫生健康委员会", "云南省财政厅"], date="2024-02-27", region="云南",
          cites=["财社〔2022〕31号", "国卫基层发〔2017〕15号", "云财社〔2023〕120号"], encoding="binary",
          notes="文号 is the very first paragraph (no red header text), title over two paragraphs; joint signature on one right-aligned line; the attached 实施方案 IS included after a page break with its own big title and an effective date (2024年3月1日) — title/date must come from the cover notice; its cites count.")


# ---------------------------------------------------------------------------
# 3. joint notices
# ---------------------------------------------------------------------------
HB09 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于推进医疗机构门诊预约诊疗服务扩面提质的通知_政策文件_国家卫生健康委员会</title>
<meta name="ArticleTitle" content="关于推进医疗机构门诊预约诊疗服务扩面提质的通知">
<meta name="PubDate" content="2023-08-11 16:30">
<meta name="ContentSource" content="医政司">
</head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/fgbz/">法规标准</a> | <a href="/hd/">互动交流</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政策文件</div>
<div class="xxgk-table">
<table>
<tr><td class="k">标　　题：</td><td colspan="3">关于推进医疗机构门诊预约诊疗服务扩面提质的通知</td></tr>
<tr><td class="k">发文机关：</td><td>国家卫生健康委　国家医保局　国家中医药局</td><td class="k">发文字号：</td><td>国卫医政发〔2023〕21号</td></tr>
<tr><td class="k">成文日期：</td><td>2023年08月04日</td><td class="k">发布日期：</td><td>2023年08月11日</td></tr>
<tr><td class="k">主题分类：</td><td colspan="3">卫生健康\\医疗服务</td></tr>
</table>
</div>
<div class="content">
<h1 class="tit">关于推进医疗机构门诊预约诊疗服务扩面提质的通知</h1>
<p class="docno" style="text-align:center">国卫医政发〔2023〕21号</p>
<p>各省、自治区、直辖市及新疆生产建设兵团卫生健康委、医保局、中医药局：</p>
<p>　　为进一步改善群众就医体验，缩短门诊候诊时间，在《关于进一步改善医疗服务行动计划（2023—2025年）的通知》（国卫医政发〔2023〕9号）基础上，国家卫生健康委、国家医保局、国家中医药局决定推进医疗机构门诊预约诊疗服务扩面提质。现将有关要求通知如下：</p>
<p>　　<strong>一、扩大预约诊疗覆盖面</strong></p>
<p>　　二级以上公立医院要实现门诊分时段预约全覆盖，预约时段精确到30分钟以内。鼓励有条件的社区卫生服务中心和乡镇卫生院开通预约服务，县域医共体牵头医院要向成员单位开放一定比例的预约号源。</p>
<p>　　<strong>二、提升预约服务质量</strong></p>
<p>　　医疗机构要统一号源池，对网站、移动应用、电话、现场窗口等渠道实行号源共享，不得将号源向特定渠道倾斜。对老年人、残疾人等群体保留现场号源和人工服务，做好“线上”“线下”服务衔接。严厉打击号贩子倒号行为。</p>
<p>　　<strong>三、推进检查检验集中预约</strong></p>
<p>　　具备条件的医院要建立检查检验集中预约中心，对CT、磁共振、超声等大型检查实行一站式预约，合理安排检查时间，减少患者往返次数。</p>
<p>　　<strong>四、发挥医保和中医药作用</strong></p>
<p>　　各级医保部门要支持“互联网+”医疗服务价格和支付政策落地，符合规定的复诊费用按规定纳入医保支付范围。中医医院要结合中医诊疗特点，做好中医专家门诊和治未病服务的预约安排，落实《国家中医药局办公室关于加强中医医院门诊服务管理的通知》（国中医药办医政发〔2021〕7号）相关要求。</p>
<p>　　<strong>五、加强组织实施</strong></p>
<p>　　各省级卫生健康行政部门要会同医保、中医药主管部门制定本地区实施方案，于2023年9月30日前报国家卫生健康委医政司。国家卫生健康委将把门诊预约诊疗率纳入公立医院绩效考核指标体系。</p>
<p style="text-align:right">国家卫生健康委员会　　国家医疗保障局　　国家中医药管理局</p>
<p style="text-align:right">2023年8月4日　　　　</p>
<p>　　（信息公开形式：主动公开）</p>
</div>
<div class="related">
<h3>相关链接</h3>
<ul>
<li><a href="/x/1.shtml">解读：推动预约诊疗服务从“有”到“优”</a></li>
<li><a href="/x/2.shtml">国家卫生健康委办公厅关于做好2023年医疗机构便民服务工作的通知</a></li>
</ul>
</div>
<div class="footer">主办单位：国家卫生健康委员会　　地址：北京市西城区西直门外南路1号　　网站标识码：bm24000006</div>
</body>
</html>
"""

HB10 = """湖北省卫生健康委员会 湖北省发展和改革委员会 湖北省财政厅 湖北省人力资源和社会保障厅 湖北省医疗保障局关于加快护理服务高质量发展的通知

鄂卫发〔2019〕27号

各市、州、直管市、神农架林区卫生健康委、发展改革委、财政局、人力资源社会保障局、医疗保障局：

　　为积极应对人口老龄化，满足群众多样化、多层次护理服务需求，根据《国家卫生健康委办公厅关于开展“互联网+护理服务”试点工作的通知》（国卫办医函〔2019〕83号）和《湖北省人民政府办公厅关于促进健康服务业发展的实施意见》（鄂政办发〔2018〕64号），结合我省实际，现就加快护理服务高质量发展有关事项通知如下。

　　一、增加护理服务供给

　　到2020年底，全省二级以上医院全院护士与实际开放床位比不低于0.6∶1，病区护士与实际开放床位比不低于0.5∶1。鼓励社会力量举办护理院、护理中心，支持有条件的一级医院和乡镇卫生院转型为护理院，推动每个县（市、区）至少设置1所护理院或者具有护理功能的医疗机构。

　　二、发展延续性护理和上门护理

　　二级以上医院要设立延续护理服务中心，为出院患者提供居家护理指导和随访服务。武汉、宜昌、襄阳三地开展“互联网+护理服务”试点，试点医院依托互联网信息平台，为失能、半失能老年人和康复期患者提供上门护理服务，并为上门护士配备执业安全保障措施。

　　三、完善价格和支付政策

　　医疗保障部门要合理制定上门护理服务项目价格，上门服务费可由医疗机构参考当地家政、交通等成本自主确定。符合规定的护理服务项目按规定纳入医保支付范围，逐步扩大长期护理保险试点覆盖面。

　　四、保障护士合理待遇

　　各地要落实护士岗位管理制度，在绩效分配中向临床一线、夜班和重症护理岗位倾斜，实现同岗同酬。人力资源社会保障部门在核定公立医院绩效工资总量时，要统筹考虑护理人员增加因素。财政部门按规定落实对护理人才培养的投入。

　　五、加强组织领导

　　各地各有关部门要加强协同配合，将护理服务发展纳入本地卫生健康事业发展规划统筹推进，及时研究解决工作中出现的问题，重大情况及时报告。


湖北省卫生健康委员会　　　　　　湖北省发展和改革委员会



湖北省财政厅　　　　　　　　　　湖北省人力资源和社会保障厅



　　　　　　　　　　　　　　　　湖北省医疗保障局

　　　　　　　　　　　　　　　　2019年6月21日

　　（此件主动公开）
"""

HB11 = """关于推进医养结合机构服务质量提升的通知

冀卫老龄〔2021〕12号

各市（含定州、辛集市）卫生健康委、民政局、医疗保障局，雄安新区公共服务局：

　　为贯彻落实《国家卫生健康委 民政部 国家中医药局关于深入推进医养结合发展的若干意见》（国卫老龄发〔2019〕60号）和《河北省人民政府办公厅关于推进养老服务体系建设的实施意见》（冀政办字〔2020〕112号），提升医养结合机构服务质量，省卫生健康委、省民政厅、省医疗保障局决定在全省开展医养结合机构服务质量提升工作。现将有关事项通知如下：

　　一、工作目标

　　通过两年时间，全省医养结合机构全部达到基本服务规范要求，每个设区市至少培育3家医养结合示范机构，签约合作的医疗卫生机构与养老机构全部建立绿色转诊通道。

　　二、重点任务

　　（一）规范服务行为。医养结合机构要按照老年人能力评估结果制定个性化照护计划，建立健康档案，定期开展健康评估，做好慢性病管理、康复护理、安宁疗护等服务。

　　（二）加强人员培训。各市每年组织医养结合机构医护人员和养老护理员开展不少于1次全员培训，重点培训老年常见病照护、失能失智照护、感染防控和应急处置等内容。

　　（三）做好医保结算。符合条件的医养结合机构内设医疗机构，可按程序申请纳入医保定点管理。医保部门要简化评估流程，对入住老年人的合理医疗费用按规定及时结算。

　　（四）强化安全管理。各地要落实消防、食品、医疗等安全责任，防范跌倒、压疮、误吸等意外事件，对发现的隐患限期整改。

　　三、进度安排

　　2021年5月底前，各市完成辖区医养结合机构底数摸排；2021年12月底前，完成第一轮服务质量自查整改；2022年10月底前，省卫生健康委会同省民政厅、省医疗保障局组织第三方开展评估。

　　四、有关要求

　　各市要高度重视，将医养结合机构服务质量提升工作作为积极应对人口老龄化的重要举措，明确分管领导和责任科室。工作进展情况请于每季度末月25日前报送省卫生健康委老龄健康处。

　　联系人：省卫生健康委老龄健康处　张同志

　　　　　　省民政厅养老服务处　　　李同志

　　　　　　省医疗保障局待遇保障处　王同志


河北省卫生健康委员会

河北省民政厅

河北省医疗保障局

2021年4月29日

　　（信息公开形式：主动公开）
"""


def make_joint():
    (OUT / "hB09_joint-notice.html").write_text(HB09, encoding="utf-8")
    truth(file="hB09_joint-notice.html", layout="joint-notice", doc_number="国卫医政发〔2023〕21号",
          title="关于推进医疗机构门诊预约诊疗服务扩面提质的通知",
          issuers=["国家卫生健康委员会", "国家医疗保障局", "国家中医药管理局"], date="2023-08-04", region="全国",
          cites=["国卫医政发〔2023〕9号", "国中医药办医政发〔2021〕7号"],
          notes="Government-site HTML: <title> has a '_政策文件_国家卫生健康委员会' suffix; info table lists abbreviated issuers (国家卫生健康委 国家医保局 国家中医药局) while the signature prints full names on ONE right-aligned line separated by full-width spaces; 成文日期 2023-08-04 vs 发布日期/PubDate 2023-08-11; related-links sidebar has another notice title without 文号; cited 国卫医政发〔2023〕9号 has the same prefix and year as the own number.")
    write_txt("hB10_joint-notice.txt", HB10)
    truth(file="hB10_joint-notice.txt", layout="joint-notice", doc_number="鄂卫发〔2019〕27号",
          title="湖北省卫生健康委员会 湖北省发展和改革委员会 湖北省财政厅 湖北省人力资源和社会保障厅 湖北省医疗保障局关于加快护理服务高质量发展的通知",
          issuers=["湖北省卫生健康委员会", "湖北省发展和改革委员会", "湖北省财政厅", "湖北省人力资源和社会保障厅", "湖北省医疗保障局"],
          date="2019-06-21", region="湖北",
          cites=["国卫办医函〔2019〕83号", "鄂政办发〔2018〕64号"],
          notes="Five issuers: the title names all five (space separated, then 关于…); signature is a two-column grid (row-major reading order) with blank lines for seals and the fifth issuer alone on the last row above the date; target ratios like 0.6∶1 use the ratio colon.")
    write_txt("hB11_joint-notice.txt", HB11)
    truth(file="hB11_joint-notice.txt", layout="joint-notice", doc_number="冀卫老龄〔2021〕12号",
          title="关于推进医养结合机构服务质量提升的通知",
          issuers=["河北省卫生健康委员会", "河北省民政厅", "河北省医疗保障局"], date="2021-04-29", region="河北",
          cites=["国卫老龄发〔2019〕60号", "冀政办字〔2020〕112号"],
          notes="Title without issuer names; issuers only in the stacked signature (one per line) with the date under them; 进度安排 lists several future month deadlines; contact lines (联系人) sit just above the signature and name the same bodies' divisions.")


# ---------------------------------------------------------------------------
# 4. 函 vs 发
# ---------------------------------------------------------------------------
HB12 = """国家卫生健康委办公厅关于同意广东省开展互联网医院一体化监管试点的复函

国卫办医政函〔2021〕318号

广东省卫生健康委：

　　你委《关于申请开展互联网医院一体化监管试点的请示》（粤卫〔2021〕56号）收悉。经研究，现函复如下：

　　一、同意你省开展互联网医院一体化监管试点，试点期限为2021年8月至2023年7月。

　　二、试点工作要坚持线上线下一致的监管原则，严格落实《国家卫生健康委 国家中医药管理局关于规范互联网诊疗和互联网医院管理的通知》（国卫医发〔2018〕27号）有关要求，将省内全部互联网医院接入省级监管平台，实现对诊疗行为、处方流转、药品配送的全程留痕和实时监管。

　　三、要重点加强对首诊、处方审核和医师资质的核验，探索建立互联网医院信用评价和退出机制。试点中形成的好的经验做法，请及时总结。

　　四、请你委加强对试点工作的组织领导和指导，每半年向我委医政司报送试点进展情况，试点结束后1个月内报送总结报告。

　　此复。



国家卫生健康委员会办公厅

2021年7月26日

（信息公开形式：依申请公开）
"""

HB13 = """安徽省卫生健康委员会关于同意芜湖市第二人民医院增挂芜湖市老年医院牌子的复函

皖卫函〔2022〕217号

芜湖市卫生健康委员会：

　　你委《关于芜湖市第二人民医院增挂芜湖市老年医院牌子的请示》（芜卫〔2022〕41号）收悉。经研究，现函复如下：

　　一、同意芜湖市第二人民医院增挂“芜湖市老年医院”牌子，增挂后医院的性质、隶属关系、床位规模和经费渠道不变。

　　二、医院要对照《安徽省老年医院设置标准（试行）》（皖卫老龄秘〔2021〕150号），在2023年6月底前完成老年医学科、康复医学科和安宁疗护病区的设置，配齐适宜老年患者的诊疗设施，落实老年友善医疗机构各项要求。

　　三、请你委按规定办理执业登记变更手续，并加强对医院老年医学服务的指导和监管。

　　特此函复。


安徽省卫生健康委员会

2022年10月19日

抄送：芜湖市人民政府，芜湖市第二人民医院。
"""

HB14 = """贵州省卫生健康委员会关于做好2020年秋冬季学校传染病防控工作的通知

黔卫健发〔2020〕31号

各市（州）卫生健康局，贵安新区社会事务管理局，省疾病预防控制中心，委属各医疗卫生单位：

　　秋冬季是流感、诺如病毒感染性腹泻、水痘等传染病的高发季节，学校人员密集，一旦发生疫情容易造成传播扩散。为做好今年秋冬季学校传染病防控工作，根据《国家卫生健康委办公厅 教育部办公厅关于做好秋冬季学校传染病防控技术指导的函》（国卫办疾控函〔2020〕790号）要求，现就有关工作通知如下。

　　一、落实联防联控机制

　　各地卫生健康部门要主动对接同级教育行政部门，按照《省卫生健康委 省教育厅关于建立学校传染病防控协作机制的函》（黔卫健函〔2020〕212号）明确的分工，完善部门会商和信息共享制度，每月至少开展一次联合研判。

　　二、加强监测和报告

　　各级疾病预防控制机构要指导辖区学校落实晨午检、因病缺勤登记追踪等制度。学校出现5例及以上有流行病学关联的发热、腹泻等病例时，要在24小时内报告属地疾病预防控制机构。

　　三、做好疫苗接种工作

　　各地要结合实际为在校学生提供流感疫苗接种服务，做好水痘疫苗第二剂次查漏补种，提高适龄学生免疫水平。

　　四、规范疫情处置

　　发生聚集性疫情时，属地疾病预防控制机构要在接到报告后2小时内到达现场开展流行病学调查，指导学校做好消毒、隔离和健康监测。处置工作按照我委《关于印发贵州省学校和托幼机构传染病疫情处置工作规范的通知》（黔卫健发〔2019〕18号）执行。

　　五、强化督导检查

　　省卫生健康委将会同省教育厅于2020年11月对各地学校传染病防控工作开展抽查，检查结果在全省通报。



贵州省卫生健康委员会

2020年9月3日

（此件主动公开）
"""


def make_letters():
    write_txt("hB12_letter-han.txt", HB12)
    truth(file="hB12_letter-han.txt", layout="letter-han", kind="letter", doc_number="国卫办医政函〔2021〕318号",
          title="国家卫生健康委办公厅关于同意广东省开展互联网医院一体化监管试点的复函",
          issuers=["国家卫生健康委员会办公厅"], date="2021-07-26", region="全国",
          cites=["粤卫〔2021〕56号", "国卫医发〔2018〕27号"],
          notes="National 复函 addressed to ONE provincial body (广东省卫生健康委), so region is 全国 (issuer), not 广东; the 请示 it answers carries a 粤卫 number (a cite); ends '此复。'; title uses the short '国家卫生健康委办公厅' while the signature prints '国家卫生健康委员会办公厅'.")
    write_txt("hB13_letter-han.txt", HB13, newline="\r\n")
    truth(file="hB13_letter-han.txt", layout="letter-han", kind="letter", doc_number="皖卫函〔2022〕217号",
          title="安徽省卫生健康委员会关于同意芜湖市第二人民医院增挂芜湖市老年医院牌子的复函",
          issuers=["安徽省卫生健康委员会"], date="2022-10-19", region="安徽",
          cites=["芜卫〔2022〕41号", "皖卫老龄秘〔2021〕150号"],
          notes="Provincial 复函 to a city commission, ends '特此函复。'; 抄送 line comes AFTER the date (no 印发 line); CRLF line endings; city prefix 芜卫 appears only in the cited 请示.")
    write_txt("hB14_letter-han.txt", HB14)
    truth(file="hB14_letter-han.txt", layout="letter-han", kind="notice", doc_number="黔卫健发〔2020〕31号",
          title="贵州省卫生健康委员会关于做好2020年秋冬季学校传染病防控工作的通知",
          issuers=["贵州省卫生健康委员会"], date="2020-09-03", region="贵州",
          cites=["国卫办疾控函〔2020〕790号", "黔卫健函〔2020〕212号", "黔卫健发〔2019〕18号"],
          notes="A 发 notice (not a letter) that cites two 函 numbers, one with the same 黔卫健 prefix and year, plus an earlier 黔卫健发 number; the title contains a year (2020年秋冬季); body mentions 2020年11月 inspection.")


# ---------------------------------------------------------------------------
# 5. cover notices with named (absent) attachments
# ---------------------------------------------------------------------------
HB15 = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>北京市卫生健康委员会关于印发《北京市医疗机构临床用血管理实施细则》的通知-北京市卫生健康委员会</title>
</head>
<body>
<div id="header"><img src="/images/logo.png" alt="北京市卫生健康委员会"> <span>首页 | 机构职能 | 政务公开 | 办事服务 | 互动交流</span></div>
<div class="position">您当前所在位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a></div>
<div class="article">
  <div class="article-title">北京市卫生健康委员会关于印发《北京市医疗机构临床用血管理实施细则》的通知</div>
  <div class="article-info">来源：医政医管处　　发布日期：2020-06-19　　<a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
  <div class="article-body">
    <p style="text-align:center">京卫医〔2020〕88号</p>
    <p>各区卫生健康委，北京经济技术开发区社会事业局，各三级医院，北京市红十字血液中心：</p>
    <p>　　为进一步规范我市医疗机构临床用血管理，保障临床用血安全，促进科学合理用血，我委在总结近年来临床用血管理工作经验的基础上，对原有管理规定进行了修订，形成了《北京市医疗机构临床用血管理实施细则》。现将《北京市医疗机构临床用血管理实施细则》印发给你们，请认真贯彻执行。</p>
    <p>　　各医疗机构要对照细则要求，于2020年9月30日前完成本机构临床用血管理制度的修订，开展临床用血技术评估的医疗机构，应当填写《北京市临床用血技术评估申请表》并报所在区卫生健康委。</p>
    <p>　　本细则自2020年7月1日起施行。《北京市卫生局关于印发北京市医疗机构临床用血管理规定的通知》（京卫医字[2014]102号）同时废止。</p>
    <p>　　附件：1.北京市医疗机构临床用血管理实施细则</p>
    <p>　　　　　2.北京市临床用血技术评估申请表</p>
    <p style="text-align:right">北京市卫生健康委员会</p>
    <p style="text-align:right">2020年6月15日</p>
    <p>　　（此件公开发布）</p>
  </div>
  <div class="attach">
    <p>附件下载：</p>
    <p><a href="/attach/0/1.pdf">1.北京市医疗机构临床用血管理实施细则.pdf</a></p>
    <p><a href="/attach/0/2.docx">2.北京市临床用血技术评估申请表.docx</a></p>
  </div>
</div>
<div class="related"><h4>相关文件</h4>
<ul>
<li><a href="#">北京市卫生健康委员会关于做好2020年无偿献血宣传工作的通知</a></li>
<li><a href="#">政策解读：《北京市医疗机构临床用血管理实施细则》解读</a></li>
</ul></div>
<div id="footer">版权所有：北京市卫生健康委员会　京ICP备00000000号　网站标识码：1100000000</div>
</body>
</html>
"""

HB16 = """重庆市卫生健康委员会关于印发《重庆市村卫生室运行补助资金管理办法》的通知

渝卫发〔2019〕42号

各区县（自治县）卫生健康委，两江新区社会保障局，高新区公共服务局，万盛经开区卫生健康局：

　　为加强村卫生室运行补助资金管理，稳定乡村医生队伍，经市财政局同意，我委对《重庆市村卫生室运行补助资金管理暂行办法》进行了修订，形成了《重庆市村卫生室运行补助资金管理办法》。现将《重庆市村卫生室运行补助资金管理办法》印发给你们，请遵照执行。

　　各区县要按照办法规定，于每年3月31日前完成上一年度村卫生室运行补助资金考核和拨付工作，并将考核结果报市卫生健康委基层卫生健康处备案。

　　本办法自印发之日起施行。原《重庆市卫生和计划生育委员会关于印发〈重庆市村卫生室运行补助资金管理暂行办法〉的通知》（渝卫发〔2014〕18号）同时废止。

　　附件：1.重庆市村卫生室运行补助资金管理办法

　　　　　2.村卫生室运行补助资金申请表

　　　　　3.村卫生室运行补助资金年度考核表


重庆市卫生健康委员会

二○一九年五月二十七日

（此件公开发布）
"""

HB17 = """甘肃省卫生健康委员会关于印发《甘肃省中医医疗技术目录（2024年版）》和《甘肃省中医适宜技术推广基地管理办法》的通知

甘卫中医发〔2024〕14 号

各市（州）卫生健康委，兰州新区卫生健康局，委直属有关单位，各三级中医医院：

　　为推动中医药传承创新发展，规范中医医疗技术临床应用，加快中医适宜技术推广普及，根据《国家中医药管理局办公室关于印发中医医疗技术相关性感染预防与控制指南的通知》（国中医药办医政函〔2022〕56号）等文件精神，省卫生健康委组织修订了中医医疗技术目录，制定了中医适宜技术推广基地管理办法。现将《甘肃省中医医疗技术目录（2024年版）》和《甘肃省中医适宜技术推广基地管理办法》印发给你们，请结合实际抓好落实。

　　各市（州）要依据目录加强辖区内中医医疗技术临床应用管理，对列入目录的技术实行分类管理。符合条件的医疗机构可按照管理办法申报省级中医适宜技术推广基地，申报材料于2024年5月31日前报送省卫生健康委中医处。

　　《甘肃省卫生计生委关于印发甘肃省中医医疗技术目录的通知》（甘卫中医发〔2018〕51号）自本通知印发之日起废止。

　　附件：1.甘肃省中医医疗技术目录（2024年版）

　　　　　2.甘肃省中医适宜技术推广基地管理办法

　　　　　3.甘肃省中医适宜技术推广基地申请表


甘肃省卫生健康委员会

2024年3月26日
"""


def make_attachments():
    (OUT / "hB15_attachments-named.html").write_text(HB15, encoding="utf-8")
    truth(file="hB15_attachments-named.html", layout="attachments-named", doc_number="京卫医〔2020〕88号",
          title="北京市卫生健康委员会关于印发《北京市医疗机构临床用血管理实施细则》的通知",
          issuers=["北京市卫生健康委员会"], date="2020-06-15", region="北京",
          cites=["京卫医字〔2014〕102号"],
          notes="Cover notice only: the 细则 and 申请表 are listed as 附件 and as download links but their text is absent; <title> carries a '-北京市卫生健康委员会' site suffix; 发布日期 2020-06-19 in the info bar vs signature date 2020-06-15; the repealed number is written with ASCII square brackets (京卫医字[2014]102号) and normalised in cites; related-links box shows other titles.")
    write_txt("hB16_attachments-named.txt", HB16, encoding="utf-8-sig")
    truth(file="hB16_attachments-named.txt", layout="attachments-named", doc_number="渝卫发〔2019〕42号",
          title="重庆市卫生健康委员会关于印发《重庆市村卫生室运行补助资金管理办法》的通知",
          issuers=["重庆市卫生健康委员会"], date="2019-05-27", region="重庆",
          cites=["渝卫发〔2014〕18号"],
          notes="UTF-8 with BOM; three attachments listed, none included; signature date in Chinese numerals written with U+25CB '○' instead of '〇' (二○一九年五月二十七日); the repealed notice has the same 渝卫发 prefix; municipality 重庆 is its own region.")
    write_txt("hB17_attachments-named.txt", HB17)
    truth(file="hB17_attachments-named.txt", layout="attachments-named", doc_number="甘卫中医发〔2024〕14号",
          title="甘肃省卫生健康委员会关于印发《甘肃省中医医疗技术目录（2024年版）》和《甘肃省中医适宜技术推广基地管理办法》的通知",
          issuers=["甘肃省卫生健康委员会"], date="2024-03-26", region="甘肃",
          cites=["国中医药办医政函〔2022〕56号", "甘卫中医发〔2018〕51号"],
          notes="Own 文号 printed with a stray space before 号 ('甘卫中医发〔2024〕14 号'); title names two enclosed documents, one with a parenthesised year (2024年版); no 此件公开 annotation; absent attachments.")


# ---------------------------------------------------------------------------
# 6. city / county level
# ---------------------------------------------------------------------------
HB18 = """厦门市卫生健康委员会关于转发《福建省卫生健康委员会关于加强孕产妇危急重症救治工作的通知》的通知

厦卫妇幼〔2023〕15号

各区卫生健康局，市妇幼保健院，各助产机构：

　　现将《福建省卫生健康委员会关于加强孕产妇危急重症救治工作的通知》（闽卫妇幼〔2023〕22号）转发给你们，并结合我市实际提出以下意见，请一并贯彻落实。

　　一、市妇幼保健院、厦门大学附属第一医院作为市级危重孕产妇救治中心，要安排产科、重症医学科、麻醉科、输血科骨干组成市级救治专家组，实行24小时在岗值守。

　　二、各助产机构要在2023年5月31日前完成产后出血、羊水栓塞、妊娠期高血压疾病三项急救演练，演练记录报所在区卫生健康局备查。

　　三、各区卫生健康局要落实妊娠风险“五色”分级管理，每月核查橙色以上孕产妇专案管理情况，确保“一人一案”。

　　四、本市发生孕产妇死亡的，有关医疗机构须在12小时内报告市卫生健康委妇幼健康处，并按照我委《关于印发厦门市孕产妇死亡评审工作规范的通知》（厦卫妇幼〔2021〕9号）组织评审。


厦门市卫生健康委员会

2023年4月20日

（此件主动公开）


福建省卫生健康委员会关于加强孕产妇危急重症救治工作的通知

闽卫妇幼〔2023〕22号

各设区市卫生健康委，平潭综合实验区社会事业局，省属有关医疗机构：

　　为持续巩固母婴安全成效，贯彻落实《国家卫生健康委关于印发母婴安全行动提升计划（2021—2025年）的通知》（国卫妇幼发〔2021〕17号），现就进一步加强孕产妇危急重症救治工作通知如下：

　　一、健全救治网络。各设区市要至少确定2家市级危重孕产妇救治中心，县（市、区）至少确定1家县级救治中心，并向社会公布名单和联系方式。

　　二、畅通转诊通道。各级救治中心要与辖区助产机构签订转诊协议，建立急救绿色通道，做到院前急救、院内救治无缝衔接。

　　三、提升救治能力。省级救治中心要每年对下级救治中心开展不少于2次业务指导和技能培训，推广产科多学科联合救治模式。

　　四、强化质量管理。各地要严格执行孕产妇死亡个案报告和评审制度，对评审中发现的问题及时督促整改。

　　各地工作落实情况请于2023年12月15日前报省卫生健康委妇幼健康处。


福建省卫生健康委员会

2023年3月31日

（此件主动公开）
"""

HB19 = """梨树县卫生健康局关于做好2022年秋冬季流感等呼吸道传染病防控工作的通知

梨卫健发〔2022〕21号

各乡镇卫生院，县直各医疗卫生单位，各民营医疗机构：

　　为切实做好今冬明春流感等呼吸道传染病防控工作，按照《四平市卫生健康委员会关于做好2022—2023年流行季流感防控工作的通知》（四卫健发〔2022〕47号）和《吉林省卫生健康委员会办公室关于加强秋冬季呼吸道传染病监测的函》（吉卫办疾控函〔２０２２〕１０５号）要求，结合我县实际，现就有关工作通知如下。

　　一、加强监测预警

　　县人民医院作为流感样病例监测哨点医院，要按要求采集标本并于每周一前送市疾病预防控制中心检测。各乡镇卫生院要落实发热病例登记制度，发现聚集性病例的，2小时内报告县疾病预防控制中心。

　　二、做好流感疫苗接种

　　各接种单位要于10月底前完成流感疫苗接种门诊设置，优先为60岁及以上老年人、慢性病患者、医务人员和中小学生提供接种服务。

　　三、规范诊疗救治

　　各医疗机构要规范设置发热门诊或者发热诊室，做好预检分诊。对重症高危人群早诊早治，及时使用抗病毒药物，做好重症病例转诊工作。

　　四、落实院感防控

　　各医疗机构要加强门急诊、病房通风消毒，医务人员在诊疗过程中规范佩戴医用口罩，严防院内交叉感染。

　　五、强化宣传引导

　　各单位要通过宣传栏、微信群等渠道普及呼吸道传染病防控知识，倡导群众养成勤洗手、戴口罩、常通风等卫生习惯。

　　联系人：县卫生健康局疾病预防控制股　刘同志


梨树县卫生健康局

2022年10月11日

抄送：县疾病预防控制中心，县卫生健康综合行政执法大队。
"""


def make_city_county():
    write_txt("hB18_two-in-one.txt", HB18)
    truth(file="hB18_two-in-one.txt", layout="two-in-one", doc_number="厦卫妇幼〔2023〕15号",
          title="厦门市卫生健康委员会关于转发《福建省卫生健康委员会关于加强孕产妇危急重症救治工作的通知》的通知",
          issuers=["厦门市卫生健康委员会"], date="2023-04-20", region="福建",
          cites=["闽卫妇幼〔2023〕22号", "厦卫妇幼〔2021〕9号", "国卫妇幼发〔2021〕17号"],
          notes="City-level repost (two documents in one file): the 厦门 cover notice first, then the full forwarded provincial notice with its own title, 文号, addressee, signature and date (2023-03-31). Own = the city's 厦卫妇幼 number (prefix names the city) and date 2023-04-20; region is the province 福建; the provincial 文号 and everything cited inside it are cites; a second 厦卫妇幼 number (2021) is a cite.")
    write_txt("hB19_city-level.txt", HB19)
    truth(file="hB19_city-level.txt", layout="city-level", doc_number="梨卫健发〔2022〕21号",
          title="梨树县卫生健康局关于做好2022年秋冬季流感等呼吸道传染病防控工作的通知",
          issuers=["梨树县卫生健康局"], date="2022-10-11", region="吉林",
          cites=["四卫健发〔2022〕47号", "吉卫办疾控函〔2022〕105号"],
          notes="County-level (梨树县, 四平市, 吉林省) — the province is never named as issuer, only in a cited title; cited provincial 函 number is written in full-width digits (〔２０２２〕１０５号) and normalised; the cited city notice's title contains '2022—2023年'; 抄送 after the date.")


# ---------------------------------------------------------------------------
# 7. mixed date forms
# ---------------------------------------------------------------------------
HB20 = """内蒙古自治区医疗保障局关于调整部分中医医疗服务价格项目的通知

内医保发〔2022〕29号

各盟市医疗保障局，满洲里市、二连浩特市医疗保障局，各公立医疗机构：

　　为支持中医药传承创新发展，体现中医医务人员技术劳务价值，根据《国家医疗保障局 国家中医药管理局关于医疗保障支持中医药传承创新发展的指导意见》（医保发〔2021〕49号）和《内蒙古自治区医疗保障局关于建立医疗服务价格动态调整机制的通知》（内医保办发〔2021〕33号），经评估测算，决定调整部分中医医疗服务价格项目。现将有关事项通知如下：

　　一、调整针刺、灸法、推拿、中药熏洗等42项中医医疗服务项目价格，调整后价格详见附件。蒙医医疗服务项目价格参照执行。

　　二、调整后的项目医保支付类别不变，各统筹地区要及时更新医保信息系统中的项目价格和支付标准。

　　三、公立医疗机构要在显著位置公示调整后的项目价格，做好政策解释工作。各地执行中遇到的问题，请及时报告自治区医疗保障局医药价格和招标采购处。

　　本通知自2022年11月1日起执行，此前规定与本通知不一致的，以本通知为准。

　　附件：内蒙古自治区部分中医医疗服务项目价格调整表


内蒙古自治区医疗保障局　　　　2022 年 10 月 18 日

（此件主动公开）
"""

HB21 = """陕西省卫生和计划生育委员会关于进一步加强狂犬病暴露预防处置工作的通知

陕卫疾控发〔2015〕157号

各设区市卫生计生局，杨凌示范区卫生局，韩城市卫生计生局，省疾病预防控制中心：

　　近年来，我省狂犬病疫情总体呈下降趋势，但个别地区犬只管理不到位，暴露后处置不规范、疫苗全程接种率不高等问题依然存在。为进一步做好狂犬病防控工作，根据原卫生部《关于印发狂犬病暴露预防处置工作规范（2009年版）的通知》（卫疾控发〔2009〕126号）和我委《关于印发陕西省狂犬病防治工作方案的通知》（陕卫疾控发〔2013〕88号）要求，现就有关工作通知如下：

　　一、合理设置狂犬病暴露预防处置门诊。各县（区）至少设置1个狂犬病暴露预防处置门诊，人口较多、犬伤病例较多的县（区）可适当增加，门诊设置情况于2016年1月15日前报省卫生计生委疾控处备案。

　　二、规范暴露后处置。处置门诊要严格按照暴露分级进行伤口处理、疫苗接种和被动免疫制剂注射，Ⅲ级暴露者须同时使用狂犬病被动免疫制剂，不得随意缩减疫苗接种剂次。

　　三、加强人员培训和疫苗管理。处置门诊工作人员须经县级以上卫生计生行政部门组织的专业培训并考核合格后上岗。疫苗和被动免疫制剂的储存运输须符合冷链管理要求。

　　四、做好疫情报告和调查。医疗机构发现狂犬病病例或疑似病例后，应当按规定时限进行网络直报，县级疾病预防控制机构接报后及时开展流行病学调查。

　　五、加强部门协作和宣传教育。各地卫生计生部门要加强与公安、农业（畜牧兽医）等部门的沟通，推动落实犬只登记免疫措施，广泛宣传被犬咬伤后及时规范处置的知识。


陕西省卫生和计划生育委员会

二〇一五年十二月三十日
"""


def make_dates():
    write_txt("hB20_mixed-dates.txt", HB20)
    truth(file="hB20_mixed-dates.txt", layout="mixed-dates", doc_number="内医保发〔2022〕29号",
          title="内蒙古自治区医疗保障局关于调整部分中医医疗服务价格项目的通知",
          issuers=["内蒙古自治区医疗保障局"], date="2022-10-18", region="内蒙古",
          cites=["医保发〔2021〕49号", "内医保办发〔2021〕33号"],
          notes="Issuer and date on the SAME line, with the date written with spaces between digits and 年/月/日 ('2022 年 10 月 18 日'); the body carries an execution date 2022年11月1日 that is not the signature date; own prefix 内医保发 vs cited 内医保办发; attachment named but absent.")
    write_txt("hB21_mixed-dates.txt", HB21)
    truth(file="hB21_mixed-dates.txt", layout="mixed-dates", doc_number="陕卫疾控发〔2015〕157号",
          title="陕西省卫生和计划生育委员会关于进一步加强狂犬病暴露预防处置工作的通知",
          issuers=["陕西省卫生和计划生育委员会"], date="2015-12-30", region="陕西",
          cites=["卫疾控发〔2009〕126号", "陕卫疾控发〔2013〕88号"],
          notes="Date only in Chinese numerals with 〇 (二〇一五年十二月三十日) as the last line; an Arabic deadline '2016年1月15日' in the body is later than the signature date and must not be taken; pre-2018 body name 卫生和计划生育委员会; cited national 卫疾控发 number is a substring-like shape of the own 陕卫疾控发 prefix.")


def main():
    for f in OUT.glob("hB*_*.*"):
        if f.name != "make_hB.py":
            f.unlink()
    make_pdfs()
    make_docx()
    make_joint()
    make_letters()
    make_attachments()
    make_city_county()
    make_dates()
    TRUTH.sort(key=lambda r: r["file"])
    with open(OUT / "truth-B.jsonl", "w", encoding="utf-8") as fh:
        for r in TRUTH:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(TRUTH)} documents")


if __name__ == "__main__":
    main()
