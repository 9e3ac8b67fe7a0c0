#!/usr/bin/env python3
"""Regenerate the dB01..dB21 layout-evaluation documents and truth-B.jsonl.

All notices, 文号, dates, names of people and figures in this file are invented for the
evaluation corpus; only agency names and 文号 *formats* follow real practice.

Run:  /work/main/.venv/bin/python eval/layouts/dev/make_dB.py
Needs fpdf2, python-docx and a CJK TrueType font (default: WenQuanYi Micro Hei,
`apt-get install fonts-wqy-microhei`); override with env CJK_FONT=/path/font.ttf|ttc.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FONT = os.environ.get("CJK_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
RED = (204, 0, 0)
TRUTH: list[dict] = []


def truth(**kw):
    base = {"file": "", "layout": "", "kind": "notice", "doc_number": "", "title": "",
            "issuers": [], "date": "", "region": "", "cites": [], "encoding": "utf-8",
            "notes": ""}
    base.update(kw)
    TRUTH.append(base)


# ---------------------------------------------------------------------------
# Red-header PDF renderer (GB/T 9704-like layout, simplified)
# ---------------------------------------------------------------------------
class RedHeaderPDF(FPDF):
    L, R, T, B = 28.0, 26.0, 30.0, 30.0

    def __init__(self, page_numbers=True):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font("cjk", "", FONT, collection_font_number=0)
        self.set_margins(self.L, self.T, self.R)
        self.set_auto_page_break(True, margin=self.B + 6)
        self.page_numbers = page_numbers

    @property
    def tw(self):  # text width
        return self.w - self.L - self.R

    def footer(self):
        if not self.page_numbers:
            return
        self.set_y(-22)
        self.set_font("cjk", size=14)
        self.set_text_color(0, 0, 0)
        n = self.page_no()
        # odd pages right, even pages left, as in printed 公文
        self.cell(self.tw, 8, f"— {n} —", align="R" if n % 2 else "L")

    # -- blocks -------------------------------------------------------------
    def top_marks(self, lines):
        self.set_font("cjk", size=14)
        self.set_text_color(0, 0, 0)
        for ln in lines:
            self.cell(self.tw, 7, ln, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def red_header(self, names, suffix="文件", size=30, spread=True):
        self.set_text_color(*RED)
        self.set_font("cjk", size=size)
        lh = size * 0.3528 * 1.25
        if len(names) == 1:
            txt = names[0] + (suffix or "")
            self.cell(self.tw, lh, txt, align="C", new_x="LMARGIN", new_y="NEXT")
        else:
            widths = [self.get_string_width(n) for n in names]
            w = max(widths)
            sw = self.get_string_width(suffix) if suffix else 0
            gap = 4
            x0 = self.L + (self.tw - (w + gap + sw)) / 2
            y0 = self.get_y()
            for n, wn in zip(names, widths):
                # distributed alignment: stretch shorter names to the longest one
                cs = (w - wn) / (len(n) - 1) if spread and len(n) > 1 else 0
                self.set_char_spacing(cs / 0.3528)  # set_char_spacing takes points
                self.set_xy(x0, self.get_y())
                self.cell(w, lh, n, align="L", new_x="LMARGIN", new_y="NEXT")
                self.set_char_spacing(0)
            y1 = self.get_y()
            if suffix:
                self.set_xy(x0 + w + gap, y0 + (y1 - y0 - lh) / 2)
                self.cell(sw, lh, suffix, align="L")
            self.set_xy(self.L, y1)
        self.set_text_color(0, 0, 0)
        self.ln(6)

    def docno(self, text, align="C", size=16):
        self.set_font("cjk", size=size)
        self.set_text_color(0, 0, 0)
        self.cell(self.tw, 8, text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def rule(self, double=False, color=RED, gap_after=8):
        self.set_draw_color(*color)
        y = self.get_y() + 1
        if double:
            self.set_line_width(1.0)
            self.line(self.L, y, self.w - self.R, y)
            self.set_line_width(0.3)
            self.line(self.L, y + 1.6, self.w - self.R, y + 1.6)
            y += 1.6
        else:
            self.set_line_width(0.7)
            self.line(self.L, y, self.w - self.R, y)
        self.set_draw_color(0, 0, 0)
        self.set_y(y + gap_after)

    def doc_title(self, lines, size=21):
        self.set_font("cjk", size=size)
        for ln in lines:
            self.cell(self.tw, size * 0.3528 * 1.45, ln, align="C",
                      new_x="LMARGIN", new_y="NEXT")
        self.ln(5)

    def para(self, text, indent=True, size=15, lh=7.8):
        self.set_font("cjk", size=size)
        self.set_x(self.L + (self.get_string_width("国国") if indent else 0))
        self.write(lh, text)  # flows and wraps back to the left margin
        self.ln(lh)

    def blank(self, h=8):
        self.ln(h)

    def sign(self, lines, size=15, right_pad_chars=3):
        self.set_font("cjk", size=size)
        pad = self.get_string_width("国" * right_pad_chars)
        for ln in lines:
            self.cell(self.tw - pad, 8.2, ln, align="R", new_x="LMARGIN", new_y="NEXT")

    def sign_grid(self, rows, size=15):
        """rows: list of (left, right) names; None for an empty slot."""
        self.set_font("cjk", size=size)
        half = self.tw / 2
        for left, right in rows:
            y = self.get_y()
            if left:
                self.set_xy(self.L, y)
                self.cell(half, 8.2, left, align="C")
            if right:
                self.set_xy(self.L + half, y)
                self.cell(half, 8.2, right, align="C")
            self.set_xy(self.L, y + 8.2)
            self.ln(8)

    def banji(self, lines, printer, printed, size=13):
        """版记 at the foot of the last page: 抄送 lines then 印发机关 + 印发日期."""
        lh = 7.5
        need = lh * (len(lines) + 1) + 8
        bottom = self.h - self.B - 8
        if self.get_y() + need > bottom:
            self.add_page()
        y = bottom - need
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.5)
        self.line(self.L, y, self.w - self.R, y)
        self.set_font("cjk", size=size)
        self.set_y(y + 1.5)
        for ln in lines:
            self.set_x(self.L + 4)
            self.cell(self.tw - 8, lh, ln, align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_line_width(0.25)
            self.line(self.L, self.get_y() + 0.5, self.w - self.R, self.get_y() + 0.5)
            self.ln(1)
        yy = self.get_y()
        self.set_xy(self.L + 4, yy)
        self.cell(self.tw / 2, lh, printer, align="L")
        self.set_xy(self.L + self.tw / 2, yy)
        self.cell(self.tw / 2 - 4, lh, printed, align="R")
        self.set_line_width(0.5)
        self.line(self.L, yy + lh + 1, self.w - self.R, yy + lh + 1)


def render_pdf(path, blocks, page_numbers=True):
    pdf = RedHeaderPDF(page_numbers=page_numbers)
    pdf.add_page()
    for kind, *args in blocks:
        getattr(pdf, kind)(*args)
    pdf.output(str(path))


# ---------------------------------------------------------------------------
# dB01 — single-issuer red header, Shandong 2022, Arabic date, 版记
# ---------------------------------------------------------------------------
def dB01():
    f = "dB01_red-header-pdf.pdf"
    body = [
        "日间手术是在保障医疗质量安全前提下缩短患者住院等候时间、减轻就医负担的有效方式。近年来我省日间手术开展范围持续扩大，但部分医疗机构仍存在病种遴选随意、术前评估不充分、出院后随访不到位等问题。为进一步规范日间手术管理，根据《国家卫生健康委办公厅关于推进日间医疗服务规范化发展的通知》（国卫办医函〔2021〕318号）要求，结合我省实际，现就有关事项通知如下。",
        "一、科学确定日间手术病种和术式",
        "各医疗机构应当结合本机构技术能力以及麻醉、护理力量，在省级推荐目录范围内遴选适宜开展的日间手术病种和术式，经本机构医疗技术临床应用管理委员会论证后实施，并报所在地市级卫生健康行政部门备案。三级医院开展的日间手术病种原则上不少于30个，二级医院不少于10个。新增病种应当先行试运行3个月，评估合格后方可纳入本机构目录。",
        "二、严格落实术前评估和出院评估",
        "日间手术患者应当在入院前完成必要的检查检验和麻醉评估，评估结果有效期一般不超过7天。手术医师和麻醉医师应当在患者出院前共同进行出院评估，评估内容至少包括生命体征、疼痛程度、切口情况和进食排尿情况。评估不达标的，应当及时转入普通病房继续治疗，不得勉强安排出院。",
        "三、健全出院后随访和应急处置机制",
        "各医疗机构应当指定专人负责日间手术患者随访，术后24小时内完成首次随访，术后第3天、第7天分别进行追踪随访。要向患者公布24小时咨询电话，畅通返院绿色通道，并与患者住所地基层医疗卫生机构建立协作关系，确保出现并发症时能够得到及时处置。",
        "四、加强质量监测和信息报送",
        "省卫生健康委将日间手术占择期手术比例、非计划再入院率、术后并发症发生率等指标纳入三级公立医院绩效考核和医疗质量控制评价体系。各医疗机构应当于每季度结束后10日内，通过省医疗质量管理与控制信息系统报送日间手术运行数据。各市卫生健康委要加强督导检查，对随意扩大病种范围、发生严重医疗安全事件的，依法依规严肃处理。",
        "本通知自印发之日起施行。《山东省卫生和计划生育委员会关于开展日间手术试点工作的通知》（鲁卫医字〔2016〕42号）同时废止。",
    ]
    blocks = [("blank", 20), ("red_header", ["山东省卫生健康委员会"], "文件", 32),
              ("blank", 6), ("docno", "鲁卫医字〔2022〕17号"), ("rule",),
              ("doc_title", ["山东省卫生健康委员会", "关于进一步加强医疗机构日间手术", "管理工作的通知"]),
              ("para", "各市卫生健康委，委属（管）医疗卫生机构：", False)]
    blocks += [("para", p) for p in body]
    blocks += [("blank", 14), ("sign", ["山东省卫生健康委员会", "2022年3月28日"]),
               ("blank", 4), ("para", "（此件依申请公开）"),
               ("banji", ["抄送：国家卫生健康委医政司，省医疗保障局。"],
                "山东省卫生健康委员会办公室", "2022年4月1日印发")]
    render_pdf(HERE / f, blocks)
    truth(file=f, layout="red-header-pdf", kind="notice", doc_number="鲁卫医字〔2022〕17号",
          title="山东省卫生健康委员会关于进一步加强医疗机构日间手术管理工作的通知",
          issuers=["山东省卫生健康委员会"], date="2022-03-28", region="山东",
          cites=["国卫办医函〔2021〕318号", "鲁卫医字〔2016〕42号"], encoding="binary",
          notes="Red issuer line '山东省卫生健康委员会文件'; title broken over 3 centred lines; "
                "two pages with alternating '— n —' page numbers; 版记 on the last page "
                "carries the 印发 date 2022年4月1日, which is NOT the signature date (2022-03-28); "
                "cited old notice is repealed (同时废止).")


# ---------------------------------------------------------------------------
# dB02 — three-body joint red header, Zhejiang 2023
# ---------------------------------------------------------------------------
def dB02():
    f = "dB02_red-header-pdf.pdf"
    body = [
        "为巩固县域医疗卫生服务共同体建设成果，引导医共体由“以治病为中心”向“以健康为中心”转变，根据《国家医疗保障局　财政部　国家卫生健康委关于推进医保支付方式改革提质增效的意见》（医保发〔2021〕48号）和《浙江省医疗保障局等三部门关于开展县域医共体医保支付方式改革试点的通知》（浙医保联发〔2020〕11号），现就深化县域医共体医保总额付费改革有关事项通知如下：",
        "一、完善总额预算编制。以县域为单位，按照“以收定支、收支平衡、略有结余”原则，将县域内参保人员在医共体内外发生的住院和门诊统筹基金支出统一纳入医共体总额预算。预算增长率原则上参考本地区上年度居民人均可支配收入增幅和医保基金收入增幅确定，最高不超过8%。",
        "二、落实结余留用、合理超支分担。年度清算后，医共体医保基金结余部分的60%由医共体留用，主要用于人员激励和学科建设；因收治重大疫情患者、开展新技术等合理因素造成的超支，经评估认定后由医保基金分担不低于50%。",
        "三、强化县域内就诊引导。各地要将县域就诊率、基层就诊率、县域外转诊率纳入医共体考核，考核结果与下一年度预算总额挂钩。县域就诊率连续两年低于85%的，次年预算增长率下调1个百分点。",
        "四、加大财政投入保障。各级财政部门要按规定落实对医共体成员单位的基本建设、设备购置和公共卫生服务补助资金，不得因实行医保总额付费而减少财政投入。",
        "五、加强监测评估。省卫生健康委、省医疗保障局、省财政厅将建立县域医共体医保支付改革监测指标体系，每半年通报一次各地进展情况。各地在执行中遇到的问题，请及时向省级相关部门报告。",
    ]
    blocks = [("blank", 14),
              ("red_header", ["浙江省卫生健康委员会", "浙江省医疗保障局", "浙江省财政厅"], "文件", 26),
              ("blank", 2), ("docno", "浙卫发〔2023〕24号"), ("rule",),
              ("doc_title", ["浙江省卫生健康委员会 浙江省医疗保障局", "浙江省财政厅关于深化县域医共体", "医保总额付费改革的通知"]),
              ("para", "各市、县（市、区）卫生健康局、医疗保障局、财政局：", False)]
    blocks += [("para", p) for p in body]
    blocks += [("blank", 16),
               ("sign_grid", [("浙江省卫生健康委员会", "浙江省医疗保障局"), (None, "浙江省财政厅")]),
               ("sign", ["2023年6月18日"]),
               ("blank", 4), ("para", "（此件公开发布）"),
               ("banji", ["抄送：国家卫生健康委，国家医疗保障局，财政部。"],
                "浙江省卫生健康委员会办公室", "2023年6月21日印发")]
    render_pdf(HERE / f, blocks)
    truth(file=f, layout="red-header-pdf", kind="notice", doc_number="浙卫发〔2023〕24号",
          title="浙江省卫生健康委员会 浙江省医疗保障局 浙江省财政厅关于深化县域医共体医保总额付费改革的通知",
          issuers=["浙江省卫生健康委员会", "浙江省医疗保障局", "浙江省财政厅"],
          date="2023-06-18", region="浙江",
          cites=["医保发〔2021〕48号", "浙医保联发〔2020〕11号"], encoding="binary",
          notes="Joint red header: three stacked issuer names (shorter ones stretched with "
                "character spacing, so extracted text may show them spaced out) with '文件' "
                "to their right; signature laid out as a 2+1 grid of names (two on one line); "
                "title starts with two issuer names and wraps over 3 lines; cited 文号 include a "
                "national 医保发 one whose cited title lists three bodies; 印发 date differs.")


# ---------------------------------------------------------------------------
# dB03 — Sichuan 卫生厅 2008, 份号 + 特急, 主题词, Chinese date with ○ (U+25CB)
# ---------------------------------------------------------------------------
def dB03():
    f = "dB03_red-header-pdf.pdf"
    body = [
        "入冬以来，地震灾区气温持续下降，过渡安置点人员居住集中，活动板房通风条件有限，流行性感冒、麻疹、流行性腮腺炎、感染性腹泻等传染病发生风险明显增加。按照卫生部《关于加强地震灾区冬春季卫生防病工作的通知》（卫应急发〔2008〕57号）部署，为确保灾区大灾之后无大疫，现就有关工作通知如下：",
        "一、落实安置点卫生防病责任。各地要按照每个集中安置点至少确定1名防疫联络员、每1000名安置人员配备1名专职防病人员的标准，明确责任分工，做到安置点防病工作有人抓、有人管。",
        "二、强化疫情监测与报告。安置点医疗服务点要坚持每日开展症状监测，对发热、腹泻、皮疹病例实行日报告和零报告制度。发现聚集性病例的，应当在2小时内报告县级疾病预防控制机构，并配合做好流行病学调查和疫点处置。",
        "三、做好重点人群预防接种。各地要对安置点8月龄至14岁儿童开展麻疹疫苗查漏补种，对60岁以上老年人和慢性病患者推荐接种流感疫苗，接种率要达到当地常规接种水平以上。",
        "四、加强饮用水和食品卫生监督。卫生监督机构要对安置点集中供水设施每周至少开展1次水质检测，对集体食堂实行每日巡查，严防食物中毒和介水传染病发生。",
        "五、深入开展健康教育。要利用广播、宣传栏和入户走访等方式，普及冬春季传染病防治和一氧化碳中毒预防知识，引导群众养成开窗通风、勤洗手等卫生习惯。",
        "各地工作开展情况请于每月5日前报省卫生厅疾病控制处。我厅此前印发的《四川省卫生厅关于印发地震灾区过渡安置点卫生防疫工作指南的通知》（川卫办发〔2008〕175号）继续执行。",
    ]
    blocks = [("top_marks", ["000086", "特急"]),
              ("red_header", ["四川省卫生厅"], "文件", 34),
              ("blank", 8), ("docno", "川卫发〔2008〕231号"), ("rule",),
              ("doc_title", ["四川省卫生厅关于做好地震灾区", "过渡安置点冬春季传染病防控工作的通知"]),
              ("para", "成都、德阳、绵阳、广元、阿坝、雅安市（州）卫生局，省疾病预防控制中心，省卫生监督所：", False)]
    blocks += [("para", p) for p in body]
    blocks += [("blank", 14), ("sign", ["四川省卫生厅", "二○○八年十一月六日"]),
               ("blank", 6), ("para", "主题词：卫生　防疫　地震灾区　通知", False),
               ("banji", ["抄送：卫生部疾病预防控制局，省人民政府办公厅，省抗震救灾指挥部。"],
                "四川省卫生厅办公室", "2008年11月7日印发")]
    render_pdf(HERE / f, blocks)
    truth(file=f, layout="red-header-pdf", kind="notice", doc_number="川卫发〔2008〕231号",
          title="四川省卫生厅关于做好地震灾区过渡安置点冬春季传染病防控工作的通知",
          issuers=["四川省卫生厅"], date="2008-11-06", region="四川",
          cites=["卫应急发〔2008〕57号", "川卫办发〔2008〕175号"], encoding="binary",
          notes="Pre-2012 layout: 份号 '000086' and urgency '特急' above the red header; "
                "signature date in Chinese numerals written with '○' (U+25CB WHITE CIRCLE), "
                "not '〇' (U+3007); old-style 主题词 line; 印发 date (2008-11-07) is one day "
                "after the signature date; old agency name 卫生厅.")


# ---------------------------------------------------------------------------
# dB04 — national 信函格式 (letter-format) red header, 函-numbered notice
# ---------------------------------------------------------------------------
def dB04():
    f = "dB04_red-header-pdf.pdf"
    body = [
        "为贯彻落实《关于进一步深化改革促进乡村医疗卫生体系健康发展的意见》，稳定和优化乡村医生队伍，按照《国家卫生健康委关于加强乡村医生队伍建设的指导意见》（国卫基层发〔2023〕12号）要求，现就2024年乡村医生队伍建设重点工作通知如下：",
        "一、推进乡村医生向执业（助理）医师转化。各地要组织在岗乡村医生参加乡村全科执业助理医师资格考试考前培训，2024年底前具备执业（助理）医师资格的乡村医生占比力争达到45%以上。",
        "二、落实乡村医生待遇保障。各地要统筹基本公共卫生服务、基本药物制度补助和一般诊疗费等渠道，保障乡村医生合理收入。基本公共卫生服务经费中用于村卫生室的比例原则上不低于40%，不得截留挪用。",
        "三、开展乡村医生岗位培训。以常见病多发病诊疗、慢性病管理、急救技能和中医药适宜技术为重点，每名乡村医生每年接受免费培训不少于2次、累计时间不少于2周。",
        "四、规范乡村医生执业管理。各地要按规定做好乡村医生执业注册和再注册，对年满60周岁的乡村医生逐步引导退出，确需留用的要加强健康状况评估和执业行为监管。",
        "各省级卫生健康行政部门要于2024年11月30日前将本地区工作进展报送我委基层卫生健康司。",
        "联系人：基层卫生健康司　刘明　电话：010-68792231",
    ]
    blocks = [("blank", 6), ("red_header", ["国家卫生健康委员会办公厅"], None, 28),
              ("rule", True, RED, 3), ("docno", "国卫办基层函〔2024〕86号", "R", 15),
              ("blank", 6),
              ("doc_title", ["国家卫生健康委办公厅关于做好2024年", "乡村医生队伍建设重点工作的通知"]),
              ("para", "各省、自治区、直辖市及新疆生产建设兵团卫生健康委：", False)]
    blocks += [("para", p) for p in body]
    blocks += [("blank", 14), ("sign", ["国家卫生健康委办公厅", "2024年5月20日"]),
               ("blank", 4), ("para", "（信息公开形式：主动公开）")]
    render_pdf(HERE / f, blocks, page_numbers=True)
    truth(file=f, layout="red-header-pdf", kind="notice", doc_number="国卫办基层函〔2024〕86号",
          title="国家卫生健康委办公厅关于做好2024年乡村医生队伍建设重点工作的通知",
          issuers=["国家卫生健康委办公厅"], date="2024-05-20", region="全国",
          cites=["国卫基层发〔2023〕12号"], encoding="binary",
          notes="信函格式: red issuer name without '文件', red double rule, 文号 right-aligned "
                "BELOW the rule; a notice that carries a 函-type number (kind is still notice); "
                "header prints the full name 国家卫生健康委员会办公厅 but the signature uses "
                "the short form 国家卫生健康委办公厅 (issuers = as signed); one cited policy has "
                "no 文号; deadline date 2024年11月30日 and a phone number are distractors; no 版记.")


PDF_DOCS = [dB01, dB02, dB03, dB04]


# ---------------------------------------------------------------------------
# DOCX helpers
# ---------------------------------------------------------------------------
from docx import Document  # noqa: E402
from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt, RGBColor, Cm  # noqa: E402

ALIGN = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER,
         "R": WD_ALIGN_PARAGRAPH.RIGHT, "J": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _font(run, name="仿宋_GB2312", size=16, bold=False, color=None):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)
    if color:
        run.font.color.rgb = RGBColor(*color)


def new_doc():
    d = Document()
    sec = d.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    return d


def p(d, text, align="J", font="仿宋_GB2312", size=16, bold=False, indent=True,
      color=None, space_after=0, style=None):
    par = d.add_paragraph(style=style)
    par.alignment = ALIGN[align]
    pf = par.paragraph_format
    pf.space_after = Pt(space_after)
    pf.line_spacing = Pt(28)
    if indent:
        pf.first_line_indent = Pt(size * 2)
    _font(par.add_run(text), font, size, bold, color)
    return par


def bottom_border(par, color="FF0000", sz=18):
    ppr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    b.set(qn("w:val"), "single")
    b.set(qn("w:sz"), str(sz))
    b.set(qn("w:space"), "4")
    b.set(qn("w:color"), color)
    bdr.append(b)
    ppr.append(bdr)


def footer_text(d, text):
    fp = d.sections[0].footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(fp.add_run(text), "宋体", 14)


def cell_text(cell, text, bold=False, size=11):
    cell.text = ""
    par = cell.paragraphs[0]
    _font(par.add_run(text), "宋体", size, bold)


# ---------------------------------------------------------------------------
# dB05 — Jiangsu 2022: title first, 文号 centred under it, bold headings
# ---------------------------------------------------------------------------
def dB05():
    f = "dB05_docx.docx"
    d = new_doc()
    p(d, "江苏省卫生健康委员会关于加强基层医疗卫生机构慢性病健康管理服务的通知",
      "C", "方正小标宋简体", 22, indent=False, space_after=6)
    p(d, "苏卫基层〔2022〕9号", "C", indent=False, space_after=12)
    p(d, "各设区市卫生健康委：", "L", indent=False)
    p(d, "为落实国家基本公共卫生服务规范有关要求，提升基层医疗卫生机构高血压、2型糖尿病等慢性病健康管理质量，根据《国家卫生健康委办公厅关于推进基层慢性病医防融合管理工作的通知》（国卫办基层函〔2021〕502号），现就有关工作通知如下。")
    sections = [
        ("一、扩大规范管理覆盖面",
         "各地要以乡镇卫生院、社区卫生服务中心为主体，依托家庭医生签约服务，对辖区内已确诊的高血压、2型糖尿病患者应管尽管。到2022年底，全省高血压、2型糖尿病患者基层规范管理服务率分别达到65%和62%以上，血压、血糖控制率较上年提高2个百分点。"),
        ("二、推进医防融合服务",
         "基层医疗卫生机构要设立慢性病一体化门诊，由全科医生、护士和公共卫生人员组成服务团队，将随访评估、用药指导、健康教育融入日常诊疗。对病情控制不佳或出现并发症的患者，通过县域医共体和城市医疗集团及时上转，待病情稳定后转回基层继续管理。"),
        ("三、强化信息支撑",
         "各地要依托区域全民健康信息平台，推动基层慢性病管理信息与医院诊疗数据互联互通，实现检查检验结果共享调阅。鼓励运用可穿戴设备和互联网随访工具，减少纸质记录，减轻基层人员负担。"),
        ("四、加强考核评估",
         "省卫生健康委将慢性病规范管理服务率、控制率和患者满意度纳入基本公共卫生服务项目绩效评价，评价结果与项目资金分配挂钩。各设区市卫生健康委每半年开展一次督导，并于7月10日和次年1月10日前将工作进展报送省卫生健康委基层卫生处。"),
    ]
    for head, text in sections:
        p(d, head, "L", "黑体", 16)
        p(d, text)
    p(d, "本通知自印发之日起施行。《江苏省卫生计生委关于做好慢性病健康管理服务工作的通知》（苏卫基层〔2017〕15号）同时废止。")
    p(d, "", indent=False)
    p(d, "江苏省卫生健康委员会", "R", indent=False)
    p(d, "2022年7月15日", "R", indent=False)
    p(d, "（此件主动公开）", "L")
    d.save(HERE / f)
    truth(file=f, layout="docx", kind="notice", doc_number="苏卫基层〔2022〕9号",
          title="江苏省卫生健康委员会关于加强基层医疗卫生机构慢性病健康管理服务的通知",
          issuers=["江苏省卫生健康委员会"], date="2022-07-15", region="江苏",
          cites=["国卫办基层函〔2021〕502号", "苏卫基层〔2017〕15号"], encoding="binary",
          notes="Title is the first paragraph, 文号 centred directly UNDER it; headings are "
                "separate 黑体 paragraphs; signature and date right-aligned; report deadlines "
                "(7月10日, 次年1月10日) are not the date; cited old notice repealed.")


# ---------------------------------------------------------------------------
# dB06 — Guangdong 医保 2021: first element is a gov-site metadata table
# ---------------------------------------------------------------------------
def dB06():
    f = "dB06_docx.docx"
    d = new_doc()
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [("索引号", "11440000MB2C74521X/2021-00319", "主题分类", "医疗保障"),
            ("发文机关", "广东省医疗保障局", "成文日期", "2021-08-20"),
            ("标题", "广东省医疗保障局关于做好门诊慢特病费用跨省直接结算工作的通知", None, None),
            ("发文字号", "粤医保发〔2021〕33号", "发布日期", "2021-08-26")]
    for r, vals in enumerate(rows):
        for c, v in enumerate(vals):
            if v is not None:
                cell_text(t.cell(r, c), v, bold=(c % 2 == 0))
    merged = t.cell(2, 1).merge(t.cell(2, 3))
    cell_text(merged, rows[2][1])
    p(d, "", indent=False)
    p(d, "广东省医疗保障局关于做好门诊慢特病费用跨省直接结算工作的通知",
      "C", "方正小标宋简体", 20, indent=False, space_after=12)
    p(d, "各地级以上市医疗保障局：", "L", indent=False)
    p(d, "为贯彻落实《国家医疗保障局办公室　财政部办公厅关于开展门诊慢特病相关治疗费用跨省直接结算试点工作的通知》（医保办发〔2021〕27号）要求，进一步方便异地就医参保人员，现就我省做好门诊慢特病费用跨省直接结算工作有关事项通知如下：")
    for head, text in [
        ("一、结算范围", "首批纳入跨省直接结算的门诊慢特病为高血压、糖尿病、恶性肿瘤门诊放化疗、尿毒症透析、器官移植术后抗排异治疗5个病种。各地市要在2021年9月30日前实现每个县（市、区）至少有1家定点医疗机构能够提供上述病种的跨省直接结算服务。"),
        ("二、备案管理", "参保人员办理异地就医备案后，可在备案地开通门诊慢特病跨省直接结算服务的定点医疗机构就医。已在参保地认定门诊慢特病资格的，无需重复认定。"),
        ("三、待遇政策", "跨省直接结算原则上执行就医地规定的支付范围及有关规定，执行参保地规定的门诊慢特病病种范围以及起付标准、支付比例和最高支付限额等待遇政策。"),
        ("四、工作要求", "各地市医疗保障局要加强对定点医疗机构的培训指导，及时完成信息系统改造和接口联调，做好政策宣传和经办服务。执行中遇到的重大问题，请及时报告省医疗保障局。"),
    ]:
        p(d, head, "L", "黑体", 16)
        p(d, text)
    p(d, "", indent=False)
    p(d, "广东省医疗保障局", "R", indent=False)
    p(d, "2021年8月20日", "R", indent=False)
    d.save(HERE / f)
    truth(file=f, layout="docx", kind="notice", doc_number="粤医保发〔2021〕33号",
          title="广东省医疗保障局关于做好门诊慢特病费用跨省直接结算工作的通知",
          issuers=["广东省医疗保障局"], date="2021-08-20", region="广东",
          cites=["医保办发〔2021〕27号"], encoding="binary",
          notes="FIRST element is a 4-column gov-site metadata table (索引号/主题分类/发文机关/"
                "成文日期/标题 merged cell/发文字号/发布日期); the 文号 appears only in the table; "
                "发布日期 2021-08-26 is a distractor, 成文日期 = signature date 2021-08-20; "
                "索引号 contains a year-number pattern that is not a 文号; deadline 2021年9月30日 in body.")


# ---------------------------------------------------------------------------
# dB07 — Hubei 2020 joint (2 bodies): 文号 right-aligned ABOVE title, stacked signature
# ---------------------------------------------------------------------------
def dB07():
    f = "dB07_docx.docx"
    d = new_doc()
    p(d, "鄂卫通〔2020〕40号", "R", indent=False, space_after=18)
    p(d, "关于做好新冠肺炎出院患者社区康复和健康管理工作的通知",
      "C", "方正小标宋简体", 22, indent=False, space_after=12)
    p(d, "各市、州、直管市及神农架林区卫生健康委、民政局：", "L", indent=False)
    p(d, "为做好新冠肺炎出院患者康复期健康服务，促进患者身心全面康复，根据《国家卫生健康委办公厅关于印发新冠肺炎出院患者康复方案（试行）的通知》（国卫办医函〔2020〕214号）精神，结合我省实际，现就有关工作通知如下：")
    for head, text in [
        ("一、建立出院患者健康档案", "各地卫生健康部门要会同定点医院，在患者出院后48小时内将出院小结、复诊计划等信息推送至患者居住地社区卫生服务中心（乡镇卫生院），由基层医疗卫生机构建立或更新居民健康档案，实行一人一档。"),
        ("二、落实社区随访管理", "家庭医生团队要在患者出院后第2周、第4周分别开展随访，了解体温、呼吸和睡眠情况，督促按时复诊复查。随访中发现病情反复或出现新的症状的，要及时联系定点医院并协助转诊。"),
        ("三、提供康复指导和心理支持", "基层医疗卫生机构要针对呼吸功能、躯体功能和心理状态开展康复评估，指导患者进行呼吸训练和适度运动。对存在焦虑、抑郁情绪的患者，要及时转介精神卫生专业机构提供心理疏导。"),
        ("四、做好困难群众兜底保障", "各地民政部门要将符合条件的出院患者及其家庭纳入最低生活保障或临时救助范围，对因病致贫返贫的困难群众及时给予救助，对无人照料的老年人、残疾人等特殊群体落实照料措施。"),
        ("五、加强组织协调", "各地卫生健康、民政部门要建立工作会商机制，明确专人负责，确保出院患者康复和健康管理服务落实到位。"),
    ]:
        p(d, head, "L", "黑体", 16)
        p(d, text)
    p(d, "", indent=False)
    p(d, "", indent=False)
    p(d, "湖北省卫生健康委员会", "R", indent=False)
    p(d, "湖北省民政厅", "R", indent=False)
    p(d, "2020年5月9日", "R", indent=False)
    footer_text(d, "— 1 —")
    d.save(HERE / f)
    truth(file=f, layout="docx", kind="notice", doc_number="鄂卫通〔2020〕40号",
          title="关于做好新冠肺炎出院患者社区康复和健康管理工作的通知",
          issuers=["湖北省卫生健康委员会", "湖北省民政厅"], date="2020-05-09", region="湖北",
          cites=["国卫办医函〔2020〕214号"], encoding="binary",
          notes="文号 is the first paragraph, right-aligned, ABOVE the title; title carries no "
                "issuer name, so issuers come only from the stacked signature (two bodies, one per "
                "line, date under them); the 文号 belongs to the lead body (卫健委); footer holds a "
                "static page number.")


# ---------------------------------------------------------------------------
# dB08 — Henan 卫生厅 2005: red header imitated in DOCX, table in body, Chinese date
# ---------------------------------------------------------------------------
def dB08():
    f = "dB08_docx.docx"
    d = new_doc()
    p(d, "河南省卫生厅文件", "C", "方正小标宋简体", 36, indent=False, color=(0xE0, 0, 0),
      space_after=20)
    no = p(d, "豫卫医〔2005〕61号", "C", indent=False, space_after=6)
    bottom_border(no)
    p(d, "", indent=False)
    p(d, "河南省卫生厅关于开展2005年全省乡镇卫生院医疗质量督导检查的通知",
      "C", "方正小标宋简体", 22, indent=False, space_after=12)
    p(d, "各省辖市卫生局：", "L", indent=False)
    p(d, "为贯彻落实卫生部《关于加强乡镇卫生院医疗质量管理的通知》（卫医发〔2004〕287号）精神，进一步规范乡镇卫生院医疗服务行为，保障农村居民就医安全，经研究，定于2005年8月至9月对全省乡镇卫生院医疗质量进行督导检查。现将有关事项通知如下：")
    p(d, "一、督导内容", "L", "黑体", 16)
    p(d, "（一）医疗质量管理制度建立和落实情况，重点是首诊负责、三级查房、疑难病例讨论和交接班等核心制度；（二）病历书写和处方管理情况；（三）医院感染管理和消毒隔离情况；（四）卫生技术人员依法执业情况。")
    p(d, "二、督导方式", "L", "黑体", 16)
    p(d, "各省辖市卫生局先行组织自查，省卫生厅组织专家分4个组进行抽查。每个省辖市随机抽取3所乡镇卫生院，采取查阅资料、现场查看、抽查病历和问卷调查相结合的方式进行。")
    p(d, "三、时间安排", "L", "黑体", 16)
    t = d.add_table(rows=5, cols=3)
    t.style = "Table Grid"
    for r, vals in enumerate([("组别", "督导地区", "时间"),
                              ("第一组", "郑州、开封、商丘、周口", "8月15日—8月26日"),
                              ("第二组", "洛阳、三门峡、平顶山、南阳", "8月29日—9月9日"),
                              ("第三组", "新乡、焦作、安阳、鹤壁、濮阳", "9月12日—9月23日"),
                              ("第四组", "许昌、漯河、驻马店、信阳、济源", "9月12日—9月23日")]):
        for c, v in enumerate(vals):
            cell_text(t.cell(r, c), v, bold=(r == 0), size=12)
    p(d, "四、工作要求", "L", "黑体", 16)
    p(d, "各省辖市卫生局要高度重视，认真组织自查，自查报告请于8月10日前报省卫生厅医政处。督导检查结果将在全省通报，并作为乡镇卫生院等级评审的重要依据。")
    p(d, "", indent=False)
    p(d, "附件：乡镇卫生院医疗质量督导检查评分表", "L")
    p(d, "", indent=False)
    p(d, "河南省卫生厅", "R", indent=False)
    p(d, "二〇〇五年七月十四日", "R", indent=False)
    p(d, "", indent=False)
    p(d, "主题词：医政　乡镇卫生院　质量　督导　通知", "L", "黑体", 14, indent=False)
    cc = p(d, "抄送：卫生部医政司。", "L", size=14, indent=False)
    bottom_border(cc, "000000", 6)
    p(d, "河南省卫生厅办公室　　　　　　　　　　2005年7月18日印发", "L", size=14, indent=False)
    d.save(HERE / f)
    truth(file=f, layout="docx", kind="notice", doc_number="豫卫医〔2005〕61号",
          title="河南省卫生厅关于开展2005年全省乡镇卫生院医疗质量督导检查的通知",
          issuers=["河南省卫生厅"], date="2005-07-14", region="河南",
          cites=["卫医发〔2004〕287号"], encoding="binary",
          notes="Red-header imitation inside DOCX: red '河南省卫生厅文件' paragraph, 文号 centred "
                "ABOVE the title with a red bottom border; a schedule table in the body full of "
                "dates (8月15日 …) that are not the document date; signature date in Chinese "
                "numerals with 〇 (U+3007); 主题词/抄送/印发 block; 印发 date 2005-07-18 differs; "
                "one attachment named but not included.")


DOCX_DOCS = [dB05, dB06, dB07, dB08]


# ---------------------------------------------------------------------------
# Text / HTML documents
# ---------------------------------------------------------------------------
def write_text(name, text, encoding="utf-8", newline="\n"):
    data = text.lstrip("\n")
    if newline != "\n":
        data = data.replace("\n", newline)
    (HERE / name).write_bytes(data.encode(encoding))


# dB09 — national joint notice, five bodies, short official names on two signature lines
DB09 = """
国家卫生健康委 国家发展改革委 财政部 人力资源社会保障部 国家医保局关于进一步推进分级诊疗制度建设的通知

国卫医政发〔2023〕27号

各省、自治区、直辖市及新疆生产建设兵团卫生健康委、发展改革委、财政厅（局）、人力资源社会保障厅（局）、医保局：

　　分级诊疗制度建设实施以来，各地在医疗联合体建设、家庭医生签约、双向转诊等方面取得积极进展，但优质医疗资源分布不均衡、基层服务能力不足、患者无序就医等问题仍较突出。为贯彻落实《国务院办公厅关于深化分级诊疗体系建设的意见》（国办发〔2016〕61号），在《关于做好分级诊疗试点评估工作的通知》（国卫医政发〔2021〕9号）评估结果基础上，现就进一步推进分级诊疗制度建设有关要求通知如下。

　　一、明确各级各类医疗机构功能定位
　　城市三级医院主要提供急危重症和疑难复杂疾病诊疗服务，逐步减少常见病、多发病和病情稳定的慢性病患者比例。县级医院重点提升常见病、多发病诊疗和急危重症患者抢救能力。基层医疗卫生机构主要提供预防保健、常见病诊疗、康复护理和慢性病管理等服务。到2025年，县域内就诊率稳定在90%左右。

　　二、畅通双向转诊通道
　　各地要以城市医疗集团和县域医共体为载体，制订常见病种上下转诊标准。三级医院要为基层转诊患者预留不少于20%的专家号源和一定比例的住院床位；对术后康复期、慢性病稳定期患者，要及时下转至基层或接续性医疗机构。

　　三、发挥医保支付杠杆作用
　　实行差异化医保支付政策，参保人员在基层医疗卫生机构就医的报销比例应明显高于二级以上医院，县域内外住院报销比例差距一般不低于10个百分点。对经规范转诊的患者，上转时连续计算起付线，下转时不再重复收取起付线。

　　四、完善价格和薪酬激励政策
　　在医疗服务价格动态调整中，适当提高体现基层医务人员技术劳务价值的诊查、护理、康复类项目价格。落实“两个允许”要求，基层医疗卫生机构收支结余部分可按规定用于人员激励。

　　五、加强组织实施
　　各省级卫生健康行政部门要会同有关部门制订具体实施方案，于2023年12月31日前报送国家卫生健康委医政司。国家卫生健康委将会同有关部门适时开展督导评估。


国家卫生健康委　　　国家发展改革委　　　财政部

人力资源社会保障部　　　国家医保局

2023年9月4日

（信息公开形式：主动公开）
"""

# dB10 — Shaanxi joint notice as a provincial web page, three bodies stacked
DB10 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于开展“互联网+护理服务”扩面提质工作的通知-陕西省卫生健康委员会</title>
<meta name="ArticleTitle" content="关于开展“互联网+护理服务”扩面提质工作的通知">
<meta name="PubDate" content="2024-03-12 09:30">
<meta name="ContentSource" content="医政医管处">
</head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<div class="article">
  <h1 class="art-title">关于开展“互联网+护理服务”扩面提质工作的通知</h1>
  <div class="art-info">发布时间：2024-03-12 09:30　　来源：医政医管处　　浏览次数：1836　　字号：<a>大</a> <a>中</a> <a>小</a></div>
  <div class="art-content">
    <p style="text-align:center">陕卫医发[2024]8号</p>
    <p>各设区市卫生健康委、医疗保障局、民政局，杨凌示范区卫生健康局、社会事业局，韩城市卫生健康局、医疗保障局、民政局，委直属各医疗机构：</p>
    <p>　　为进一步满足失能、高龄、行动不便等人群的居家护理服务需求，根据《国家卫生健康委办公厅关于进一步推进“互联网+护理服务”试点工作的通知》（国卫办医政函〔2023〕195号）要求，省卫生健康委、省医疗保障局、省民政厅决定在全省开展“互联网+护理服务”扩面提质工作。现将有关事项通知如下：</p>
    <p>　　一、扩大服务供给。2024年底前，全省所有三级公立医院和50%以上的二级公立医院要开展“互联网+护理服务”，鼓励具备条件的社区卫生服务中心和乡镇卫生院参与。服务项目以慢病管理、康复护理、伤口护理、导管维护和母婴护理为重点。</p>
    <p>　　二、规范服务管理。提供服务的护士应当具备5年以上临床护理工作经验和护师以上技术职称。医疗机构要在首次服务前对服务对象进行评估，建立服务全过程留痕和可追溯机制，为护士配备手机定位、一键报警等安全防护措施。</p>
    <p>　　三、完善价格和支付政策。服务价格按照《陕西省医疗保障局关于规范“互联网+”医疗服务价格项目的通知》（陕医保发〔2022〕41号）执行，上门服务费实行市场调节价。各地可探索将符合条件的居家护理项目纳入长期护理保险支付范围。</p>
    <p>　　四、加强养老服务衔接。各级民政部门要推动养老服务机构与开展“互联网+护理服务”的医疗机构签订合作协议，为居家和社区养老的老年人提供便捷的上门护理服务。</p>
    <p>　　五、强化监督考核。省卫生健康委将“互联网+护理服务”开展情况纳入公立医院绩效考核，对服务中出现的纠纷和安全事件及时调查处理。</p>
    <p>　　</p>
    <p style="text-align:right">陕西省卫生健康委员会</p>
    <p style="text-align:right">陕西省医疗保障局</p>
    <p style="text-align:right">陕西省民政厅</p>
    <p style="text-align:right">2024年3月6日</p>
  </div>
  <div class="art-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer">
  <p>主办单位：陕西省卫生健康委员会　　地址：西安市莲湖路112号　　邮编：710003</p>
  <p>网站标识码：6100000012　　陕ICP备05004376号-1　　陕公网安备61010402000123号</p>
</div>
</body>
</html>
"""

# dB11 — Fujian joint notice, two bodies on ONE signature line
DB11 = """
闽卫老龄〔2021〕56号

福建省卫生健康委员会 福建省民政厅关于深入推进医养结合机构服务质量提升行动的通知

各设区市卫健委、民政局，平潭综合实验区社会事业局：
　　为贯彻落实《国家卫生健康委办公厅　民政部办公厅关于开展医养结合机构服务质量提升行动的通知》（国卫办老龄发〔2020〕22号），持续提升我省医养结合服务质量，在前期工作基础上（参见《福建省卫生健康委员会　福建省民政厅关于印发福建省医养结合机构服务质量提升行动实施方案的通知》，闽卫老龄〔2020〕19号），现就深入推进有关工作通知如下：
　　一、对标开展自查整改。各地要组织辖区内医养结合机构对照服务质量评价标准逐项自查，建立问题清单和整改台账，2021年12月底前全部完成整改。省卫生健康委、省民政厅将于2022年第一季度组织抽查复核。
　　二、深化医养签约合作。养老机构与周边医疗卫生机构的签约合作率要保持100%，签约医疗机构每周至少上门巡诊1次，并为入住老年人开通就医绿色通道。
　　三、规范医疗服务行为。医养结合机构内设医疗机构要严格执行医疗质量安全核心制度，规范药品管理和医疗文书书写，加强院感防控，杜绝超范围执业。
　　四、强化部门协同监管。各地卫生健康、民政部门要建立联合检查和信息共享机制，将检查结果向社会公开，并作为医养结合机构评优评先和享受扶持政策的重要依据。

福建省卫生健康委员会　　　福建省民政厅
2021年11月23日

（此件主动公开）
"""

# dB12 — national 复函 with the request's own 文号 quoted; ends 此复。
DB12 = """
                                                国卫办医函〔2021〕467号

国家卫生健康委办公厅关于同意山西省开展
省级紧急医学救援基地建设试点的复函

山西省卫生健康委：
　　你委《关于申请开展省级紧急医学救援基地建设试点的请示》（晋卫医政发〔2021〕15号）收悉。经研究，现函复如下：
　　一、原则同意你省依托山西白求恩医院等3所三级医院开展省级紧急医学救援基地建设试点，试点期为2021年9月至2023年8月。
　　二、请你委按照《国家卫生健康委办公厅关于印发紧急医学救援基地建设指南的通知》（国卫办应急发〔2019〕38号）要求，组织试点医院完善救援队伍、装备物资和培训演练体系，确保试点医院具备跨区域快速响应能力。
　　三、试点期间，请你委加强对试点医院的指导和评估，每年12月底前将试点进展情况报送我委医政司和应急办。
　　此复。

　　　　　　　　　　　　　　　　　　国家卫生健康委办公厅
　　　　　　　　　　　　　　　　　　　　2021年8月30日
（信息公开形式：依申请公开）
"""

# dB13 — provincial 复函, CRLF line endings, 抄送 line; ends 特此函复。
DB13 = """
江苏省卫生健康委员会关于同意无锡市儿童医院设置太湖新城院区的复函

苏卫医政函〔2022〕63号

无锡市卫生健康委员会：
　　你委《关于无锡市儿童医院设置太湖新城院区的请示》（锡卫医〔2022〕27号）收悉。根据《医疗机构管理条例》和《江苏省医疗机构设置规划（2021—2025年）》（苏卫规划〔2021〕8号），经研究，函复如下：
　　一、同意无锡市儿童医院设置太湖新城院区。新院区设置床位300张，设置儿内科、儿外科、新生儿科、儿童重症医学科、儿童保健科等诊疗科目，与院本部实行一体化管理。
　　二、新院区应当与院本部在医疗质量、人员调配、信息系统等方面实行同质化管理，不得另行设立独立法人。
　　三、请你委督促医院按照批准的规模和诊疗科目组织建设，建成后按程序申请执业登记，未经执业登记不得开展诊疗活动。
　　特此函复。

江苏省卫生健康委员会
2022年10月12日

（联系人：医政医管处　王静，电话：025-83620417）

抄送：无锡市人民政府，省发展改革委，省医疗保障局。
"""

# dB14 — national 商请函 (关于…的函) from an agency office to another agency's office
DB14 = """
国家医疗保障局办公室

医保办函〔2023〕31号

国家医疗保障局办公室关于商请提供2022年度医疗机构服务量有关数据的函

国家卫生健康委员会办公厅：
　　为科学编制2023年医保基金收支预算，完善按病种付费分组和权重测算，根据《国家医疗保障局关于完善医保基金预算管理的指导意见》（医保发〔2022〕19号）有关要求，现商请贵办提供以下数据：
　　（一）2022年度全国二级及以上公立医院分省份门急诊人次、出院人次；
　　（二）2022年度全国二级及以上公立医院分省份平均住院日；
　　（三）截至2022年12月31日全国各级各类医疗机构编制床位数和实有床位数。
　　请于2023年4月28日前将上述数据电子版反馈我局医药服务管理司。如部分数据不便提供，请一并说明。感谢贵办对医疗保障工作的支持！
　　联系人：医药服务管理司　陈晓，电话：010-89061987。
　　特此函商。

国家医疗保障局办公室
2023年3月27日
"""

# dB15 — Anhui cover notice (印发《办法》) as a web page with an attachment list and downloads
DB15 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>安徽省卫生健康委员会关于印发《安徽省医疗机构依法执业自查工作管理办法》的通知_通知公告_安徽省卫生健康委员会</title>
</head>
<body>
<div class="header"><span class="logo">安徽省卫生健康委员会</span><span class="date-today"></span></div>
<div class="path">您当前的位置：<a href="/">首页</a> » <a href="/xxgk/">信息公开</a> » <a href="/xxgk/tzgg/">通知公告</a></div>
<table class="xxgk-meta">
  <tr><th>索引号：</th><td>002986514/202104-00057</td><th>信息分类：</th><td>卫生健康监督</td></tr>
  <tr><th>发布机构：</th><td>安徽省卫生健康委员会</td><th>生成日期：</th><td>2021-04-08</td></tr>
  <tr><th>文　　号：</th><td>皖卫监督〔2021〕7号</td><th>有 效 性：</th><td>有效</td></tr>
</table>
<div class="content">
  <h2 class="title">安徽省卫生健康委员会关于印发《安徽省医疗机构依法执业自查工作管理办法》的通知</h2>
  <div class="txt">
    <p>各市卫生健康委，委直属各单位：</p>
    <p>　　为落实医疗机构依法执业主体责任，推动医疗机构由被动接受监管向主动自查自纠转变，根据《国家卫生健康委关于印发医疗机构依法执业自查管理办法的通知》（国卫监督发〔2020〕18号），我委制定了《安徽省医疗机构依法执业自查工作管理办法》。现将《安徽省医疗机构依法执业自查工作管理办法》印发给你们，请结合实际认真贯彻执行。</p>
    <p>　　各级卫生健康行政部门要将医疗机构依法执业自查情况纳入日常监督检查内容，对自查不认真、整改不到位的，依法依规予以处理。执行过程中遇到的问题，请及时反馈省卫生健康委综合监督局。</p>
    <p>　　</p>
    <p>　　附件：1.安徽省医疗机构依法执业自查工作管理办法</p>
    <p>　　　　　2.安徽省医疗机构依法执业自查表（样表）</p>
    <p>　　</p>
    <p style="text-align:right">安徽省卫生健康委员会</p>
    <p style="text-align:right">2021年4月2日</p>
    <p>　　（此件公开发布）</p>
  </div>
  <div class="attach">
    <p>附件下载：</p>
    <ul>
      <li><a href="/group1/M00/02/5C/P020210408562134.docx">1.安徽省医疗机构依法执业自查工作管理办法.docx</a></li>
      <li><a href="/group1/M00/02/5C/P020210408562207.xlsx">2.安徽省医疗机构依法执业自查表（样表）.xlsx</a></li>
    </ul>
  </div>
  <div class="share">分享到：<a>微信</a> <a>微博</a>　　<a href="javascript:window.print()">[打印]</a> <a href="javascript:window.close()">[关闭]</a></div>
</div>
<div class="footer">版权所有：安徽省卫生健康委员会　皖ICP备05001542号　网站标识码：3400000011</div>
</body>
</html>
"""

# dB16 — Chongqing 卫生局 2003, GB18030-encoded text, own 文号 with （） brackets
DB16 = """
重庆市卫生局文件

渝卫发（2003）112号

重庆市卫生局关于印发《重庆市乡镇卫生院管理办法（试行）》的通知

各区县（自治县、市）卫生局，市卫生监督所：
　　为加强乡镇卫生院建设和管理，巩固农村三级医疗预防保健网，根据《关于农村卫生改革与发展的指导意见》（国办发〔2001〕39号）和市人民政府有关要求，我局制定了《重庆市乡镇卫生院管理办法（试行）》，经局长办公会议研究同意，现将《重庆市乡镇卫生院管理办法（试行）》及相关配套标准印发给你们，请遵照执行。执行中的问题和建议，请及时报告我局农村卫生管理处。
　　原《重庆市乡镇卫生院管理暂行规定》（渝卫发〔1999〕45号）同时废止。

　　附件：1.重庆市乡镇卫生院管理办法（试行）
　　　　　2.重庆市乡镇卫生院基本设备配置标准
　　　　　3.重庆市乡镇卫生院年度考核表


　　　　　　　　　　　　　　　　　　　　重庆市卫生局
　　　　　　　　　　　　　　　　　　　2003年9月25日

主题词：卫生　乡镇卫生院　管理　办法　通知
──────────────────────────────────
抄送：市人民政府办公厅，市编委办，市财政局，市物价局。
──────────────────────────────────
重庆市卫生局办公室　　　　　　　　　　2003年9月28日印发
──────────────────────────────────
"""

# dB17 — national cover notice, text as extracted from a PDF: hard line breaks, page markers,
# a form feed, and a cited 文号 split across two lines.
DB17 = """
国家卫生健康委办公厅关于印发《县级医院临床专科能
力提升工作指引（2025年版）》和《县级医院临床专科
能力评估细则》的通知

国卫办医政发〔2025〕6号

各省、自治区、直辖市及新疆生产建设兵团卫生健康委：
　　为贯彻落实“千县工程”县医院综合能力提升工作部
署，推动县级医院临床专科能力持续提升，我委组织修订
了《县级医院临床专科能力提升工作指引》，并制定了
《县级医院临床专科能力评估细则》。现将《县级医院临
床专科能力提升工作指引（2025年版）》和《县级医院临
床专科能力评估细则》印发给你们，请结合实际，认真组
织实施。
　　各省级卫生健康行政部门要以评估细则为依据，每年
对辖区内县级医院开展一次专科能力评估，评估结果于次
年3月31日前报送我委医政司。

— 1 —
\f
　　《国家卫生健康委办公厅关于印发县级医院临床专科能
力提升工作指引（2018年版）的通知》（国卫办医函〔2018〕
1024号）同时废止。

　　附件：1.县级医院临床专科能力提升工作指引（2025年版）
　　　　　2.县级医院临床专科能力评估细则


　　　　　　　　　　　　　　　　国家卫生健康委办公厅
　　　　　　　　　　　　　　　　　　2025年2月14日

　　（信息公开形式：主动公开）

— 2 —
"""

# dB18 — city-level repost (转发) notice, Ningbo
DB18 = """
宁波市卫生健康委员会文件

甬卫发〔2024〕3号

宁波市卫生健康委员会关于转发《浙江省卫生健康委员会关于加强基层医疗卫生机构药品配备使用管理的通知》的通知

各区（县、市）卫生健康局，委直属各单位：
　　现将《浙江省卫生健康委员会关于加强基层医疗卫生机构药品配备使用管理的通知》（浙卫发〔2023〕41号）转发给你们，并结合我市实际提出以下意见，请一并贯彻执行。
　　一、统一县域用药目录。各区（县、市）要以县域医共体为单位，按照《国家卫生健康委办公厅关于进一步加强基层医疗卫生机构药品配备使用管理工作的通知》（国卫办药政发〔2023〕7号）要求，在2024年6月底前完成医共体内用药目录统一工作，基层医疗卫生机构与牵头医院共用药品目录的品种数不少于800种。
　　二、保障慢性病用药供应。对高血压、糖尿病等病情稳定的慢性病患者，基层医疗卫生机构可按规定开具长期处方，处方用量最长不超过12周。医共体牵头医院要建立药品统一配送机制，确保基层常用药品不断供。
　　三、加强处方点评和合理用药监测。各区（县、市）卫生健康局每季度组织一次基层处方点评，点评结果纳入基层医疗卫生机构绩效考核。
　　请各区（县、市）卫生健康局于2024年3月31日前将贯彻落实情况报送市卫生健康委药政处。

　　附件：浙江省卫生健康委员会关于加强基层医疗卫生机构药品配备使用管理的通知

宁波市卫生健康委员会
2024年1月16日

（此件主动公开）

抄送：浙江省卫生健康委员会。
宁波市卫生健康委员会办公室　　　　2024年1月17日印发
"""

# dB19 — county-level notice on a county government site, Hunan
DB19 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>长沙县卫生健康局关于开展2023年适龄妇女“两癌”免费筛查工作的通知 - 长沙县人民政府门户网站</title>
</head>
<body>
<div id="header">长沙县人民政府门户网站</div>
<div id="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/bmwj/">部门文件</a></div>
<div id="zwgk-info">
<table>
  <tr><td>发布机构：</td><td>长沙县卫生健康局</td><td>发文字号：</td><td>长县卫发〔2023〕12号</td></tr>
  <tr><td>成文日期：</td><td>2023年04月06日</td><td>发布日期：</td><td>2023年04月10日</td></tr>
  <tr><td>有 效 性：</td><td>有效</td><td>统一登记号：</td><td>CSXD-2023-00781</td></tr>
</table>
</div>
<div id="article">
<h1>长沙县卫生健康局关于开展2023年适龄妇女“两癌”免费筛查工作的通知</h1>
<div id="zoom">
<p>各镇（街道）卫生院、社区卫生服务中心，县妇幼保健计划生育服务中心，县人民医院，县第二人民医院：</p>
<p>　　为提高我县妇女宫颈癌和乳腺癌早诊早治水平，根据《湖南省卫生健康委　湖南省财政厅　湖南省妇女联合会关于做好2023年农村妇女“两癌”免费检查项目工作的通知》（湘卫妇幼发〔2023〕5号）和《长沙市卫生健康委员会关于印发2023年全市妇幼健康工作要点的通知》（长卫发〔2023〕9号）要求，县卫生健康局决定在全县开展2023年适龄妇女“两癌”免费筛查工作。现将有关事项通知如下：</p>
<p>　　一、筛查对象和任务。筛查对象为具有本县户籍或持有本县居住证的35—64岁妇女，全年完成宫颈癌筛查8200人、乳腺癌筛查8200人，任务分配到各镇（街道）。</p>
<p>　　二、筛查时间。2023年4月至11月，各镇（街道）卫生院须于10月31日前完成初筛任务的90%以上。</p>
<p>　　三、职责分工。各镇（街道）卫生院负责组织动员和初筛；县妇幼保健计划生育服务中心负责宫颈细胞学检查和乳腺超声复核；县人民医院、县第二人民医院负责阴道镜检查、病理诊断和阳性病例的治疗衔接。</p>
<p>　　四、质量控制。县妇幼保健计划生育服务中心每月抽查各镇（街道）筛查资料，宫颈细胞学阳性病例随访率须达到95%以上，并于每月5日前通过全国妇幼健康信息系统上报上月数据。</p>
<p>　　</p>
<p style="text-align:right">长沙县卫生健康局</p>
<p style="text-align:right">2023年4月6日</p>
</div>
</div>
<div id="footer">主办：长沙县人民政府办公室　承办：长沙县融媒体中心　湘ICP备05009316号</div>
</body>
</html>
"""

# dB20 — Ningxia 医保: issuer and date on ONE line, date written with spaces
DB20 = """
宁夏回族自治区医疗保障局关于调整部分医疗服务价格项目的通知

宁医保发〔2022〕88号

各市、县（区）医疗保障局，宁东能源化工基地社会事务管理局，各公立医疗机构：
　　为进一步理顺医疗服务比价关系，根据《国家医疗保障局等八部门关于深化医疗服务价格改革试点的实施方案》（医保发〔2021〕41号）和自治区医疗服务价格动态调整机制有关规定，经综合评估，决定调整部分医疗服务价格项目。现将有关事项通知如下：
　　一、调整范围。本次共调整护理、中医、手术类医疗服务价格项目126项，其中上调98项、下调28项，具体项目及价格见附件。
　　二、执行时间。自2022年11月1日起执行。
　　三、医保支付。调整后的项目原则上按原支付类别纳入基本医疗保险支付范围，各统筹地区不得自行调整支付类别。
　　四、有关要求。各公立医疗机构要及时调整信息系统收费标准，做好价格公示和解释工作。自治区医疗保障局此前印发的《关于规范部分医疗服务价格项目的通知》（宁医保发〔2020〕104号）中与本通知不一致的，以本通知为准。

　　附件：宁夏回族自治区部分医疗服务价格项目调整表

　　　　　　宁夏回族自治区医疗保障局　　　　2022 年 10 月 8 日

　　（此件公开发布）
"""

# dB21 — Guizhou 卫生计生委 2016: Chinese-numeral date with 〇, spaced 印发 date in 版记
DB21 = """
贵州省卫生和计划生育委员会文件

黔卫计发〔2016〕71号

贵州省卫生和计划生育委员会关于加快推进家庭医生签约服务工作的通知

各市（州）卫生计生委，贵安新区社会事务管理局，各县（市、区、特区）卫生计生局：
　　为落实《国家卫生计生委办公厅关于做好家庭医生签约服务工作的通知》（国卫办基层函〔2016〕207号）要求，加快构建以家庭医生为基础的基层医疗卫生服务模式，现就我省加快推进家庭医生签约服务工作通知如下：
　　一、明确工作目标。2017年，全省家庭医生签约服务覆盖率达到30%以上，重点人群签约服务覆盖率达到60%以上，建档立卡贫困人口签约服务实现全覆盖。
　　二、组建签约服务团队。家庭医生团队原则上由基层医疗卫生机构的全科医生（乡村医生）、护士和公共卫生人员组成，二级以上医院专科医生通过医联体方式参与。每个团队签约居民数原则上不超过2000人。
　　三、细化签约服务内容。签约服务包括基本医疗服务、基本公共卫生服务和约定的健康管理服务。各地可根据居民需求设计不同层次的个性化服务包，明确服务内容、服务方式和收费标准。
　　四、完善激励机制。签约服务费由医保基金、基本公共卫生服务经费和签约居民个人付费等分担，主要用于家庭医生团队人员激励。各地要将签约服务数量、质量和居民满意度作为绩效考核的主要依据。
　　五、加强督导评估。省卫生计生委将每季度通报各地签约进展情况，各地要于每季度结束后10日内报送工作进展。


　　　　　　　　　　　　　　　　　　贵州省卫生和计划生育委员会
　　　　　　　　　　　　　　　　　　　　二〇一六年十二月二十九日


抄送：国家卫生计生委基层卫生司，省人民政府办公厅，省医改办。
贵州省卫生和计划生育委员会办公室　　　　　2017 年 1 月 3 日印发
"""


def text_docs():
    write_text("dB09_joint-notice.txt", DB09)
    truth(file="dB09_joint-notice.txt", layout="joint-notice", kind="notice",
          doc_number="国卫医政发〔2023〕27号",
          title="国家卫生健康委 国家发展改革委 财政部 人力资源社会保障部 国家医保局关于进一步推进分级诊疗制度建设的通知",
          issuers=["国家卫生健康委", "国家发展改革委", "财政部", "人力资源社会保障部", "国家医保局"],
          date="2023-09-04", region="全国",
          cites=["国办发〔2016〕61号", "国卫医政发〔2021〕9号"],
          notes="Five national bodies; signature printed with the official SHORT names "
                "(国家卫生健康委, 国家医保局 …) as real joint notices do, spread over two lines "
                "(3 + 2) separated by full-width spaces, date on its own line below; title begins "
                "with the five names separated by ASCII spaces; a cited 文号 has the same prefix "
                "国卫医政发 as the own one; deadline 2023年12月31日 and target year 2025 are distractors.")

    write_text("dB10_joint-notice.html", DB10)
    truth(file="dB10_joint-notice.html", layout="joint-notice", kind="notice",
          doc_number="陕卫医发〔2024〕8号",
          title="关于开展“互联网+护理服务”扩面提质工作的通知",
          issuers=["陕西省卫生健康委员会", "陕西省医疗保障局", "陕西省民政厅"],
          date="2024-03-06", region="陕西",
          cites=["国卫办医政函〔2023〕195号", "陕医保发〔2022〕41号"],
          notes="Provincial web page: <title> has a '-site name' suffix; 发布时间 2024-03-12 in "
                "the info bar is NOT the signature date (2024-03-06); own 文号 printed with ASCII "
                "square brackets '陕卫医发[2024]8号'; three issuers stacked one per right-aligned "
                "<p>; footer has ICP/公安备案 numbers ending in 号 that are not 文号; title has no "
                "issuer prefix.")

    write_text("dB11_joint-notice.txt", DB11)
    truth(file="dB11_joint-notice.txt", layout="joint-notice", kind="notice",
          doc_number="闽卫老龄〔2021〕56号",
          title="福建省卫生健康委员会 福建省民政厅关于深入推进医养结合机构服务质量提升行动的通知",
          issuers=["福建省卫生健康委员会", "福建省民政厅"], date="2021-11-23", region="福建",
          cites=["国卫办老龄发〔2020〕22号", "闽卫老龄〔2020〕19号"],
          notes="文号 is the very first line, above the title; two issuers on ONE signature line "
                "separated by full-width spaces, date below; a cited 文号 shares the own prefix "
                "闽卫老龄 and is given after a comma inside parentheses rather than in its own （）; "
                "the rectification deadline (2021年12月底) and 2022年第一季度 are distractors.")

    write_text("dB12_letter-han.txt", DB12)
    truth(file="dB12_letter-han.txt", layout="letter-han", kind="letter",
          doc_number="国卫办医函〔2021〕467号",
          title="国家卫生健康委办公厅关于同意山西省开展省级紧急医学救援基地建设试点的复函",
          issuers=["国家卫生健康委办公厅"], date="2021-08-30", region="全国",
          cites=["晋卫医政发〔2021〕15号", "国卫办应急发〔2019〕38号"],
          notes="复函 addressed to one provincial body; own 文号 pushed to the right with ASCII "
                "spaces on the first line; title wrapped over two lines; the FIRST 文号 in the "
                "body belongs to the incoming 请示 (a Shanxi number) and must go to cites, and the "
                "region stays 全国 (issuer is national) although the subject is Shanxi; ends '此复。'; "
                "signature indented with full-width spaces; pilot period dates are distractors.")

    write_text("dB13_letter-han.txt", DB13, newline="\r\n")
    truth(file="dB13_letter-han.txt", layout="letter-han", kind="letter",
          doc_number="苏卫医政函〔2022〕63号",
          title="江苏省卫生健康委员会关于同意无锡市儿童医院设置太湖新城院区的复函",
          issuers=["江苏省卫生健康委员会"], date="2022-10-12", region="江苏",
          cites=["锡卫医〔2022〕27号", "苏卫规划〔2021〕8号"],
          notes="CRLF line endings; provincial 复函 to a city commission; cited 请示 carries a "
                "city (无锡, 锡卫医) 文号; a cited plan title contains a year range '2021—2025年'; "
                "ends '特此函复。' followed by a contact line with a phone number and an 抄送 line.")

    write_text("dB14_letter-han.txt", DB14)
    truth(file="dB14_letter-han.txt", layout="letter-han", kind="letter",
          doc_number="医保办函〔2023〕31号",
          title="国家医疗保障局办公室关于商请提供2022年度医疗机构服务量有关数据的函",
          issuers=["国家医疗保障局办公室"], date="2023-03-27", region="全国",
          cites=["医保发〔2022〕19号"],
          notes="Outgoing 商请函 (关于…的函, not a reply) between two national agencies' offices; "
                "issuer name printed alone as a letter-head line above the 文号; addressee is "
                "another national body (国家卫生健康委员会办公厅), which is NOT an issuer; ends "
                "'特此函商。'; data year 2022, cut-off date 2022年12月31日 and deadline "
                "2023年4月28日 are distractors.")

    write_text("dB15_attachments-named.html", DB15)
    truth(file="dB15_attachments-named.html", layout="attachments-named", kind="notice",
          doc_number="皖卫监督〔2021〕7号",
          title="安徽省卫生健康委员会关于印发《安徽省医疗机构依法执业自查工作管理办法》的通知",
          issuers=["安徽省卫生健康委员会"], date="2021-04-02", region="安徽",
          cites=["国卫监督发〔2020〕18号"],
          notes="Cover notice only: '现将《…办法》印发给你们' plus '附件：1.… 2.…' and a download "
                "list; the attachment names must not become the title; own 文号 appears ONLY in "
                "the site metadata table (文　　号：with a full-width space inside the label), "
                "not in the body; 生成日期 2021-04-08 is the publication date, signature date is "
                "2021-04-02; <title> has site/column suffixes; ICP number in footer.")

    write_text("dB16_attachments-named.txt", DB16, encoding="gb18030")
    truth(file="dB16_attachments-named.txt", layout="attachments-named", kind="notice",
          doc_number="渝卫发〔2003〕112号",
          title="重庆市卫生局关于印发《重庆市乡镇卫生院管理办法（试行）》的通知",
          issuers=["重庆市卫生局"], date="2003-09-25", region="重庆",
          cites=["国办发〔2001〕39号", "渝卫发〔1999〕45号"], encoding="gb18030",
          notes="ENCODED IN GB18030 (not UTF-8), as many older text exports are; own 文号 written "
                "with full-width parentheses '渝卫发（2003）112号' while cited ones use 〔〕; the "
                "title itself contains （试行） inside the book-title marks; three numbered "
                "attachments; old notice repealed ('原《…》（渝卫发〔1999〕45号）同时废止'); box-"
                "drawing rules around the 抄送/印发 block; 印发 date 2003-09-28 differs.")

    write_text("dB17_attachments-named.txt", DB17)
    truth(file="dB17_attachments-named.txt", layout="attachments-named", kind="notice",
          doc_number="国卫办医政发〔2025〕6号",
          title="国家卫生健康委办公厅关于印发《县级医院临床专科能力提升工作指引（2025年版）》和《县级医院临床专科能力评估细则》的通知",
          issuers=["国家卫生健康委办公厅"], date="2025-02-14", region="全国",
          cites=["国卫办医函〔2018〕1024号"],
          notes="Text as extracted from a PDF: hard line breaks every ~26 characters, even inside "
                "the 3-line title and inside words; page markers '— 1 —' and a form feed (\\f) "
                "between pages; the only cited 文号 is SPLIT across a line break "
                "('国卫办医函〔2018〕' / '1024号'); cover notice naming two documents in the title "
                "and two attachments; deadline '次年3月31日' is a distractor.")

    write_text("dB18_city-county.txt", DB18)
    truth(file="dB18_city-county.txt", layout="city-county", kind="notice",
          doc_number="甬卫发〔2024〕3号",
          title="宁波市卫生健康委员会关于转发《浙江省卫生健康委员会关于加强基层医疗卫生机构药品配备使用管理的通知》的通知",
          issuers=["宁波市卫生健康委员会"], date="2024-01-16", region="浙江",
          cites=["浙卫发〔2023〕41号", "国卫办药政发〔2023〕7号"],
          notes="City-level repost (转发): the title embeds the provincial notice's full title "
                "(including its issuer) — the issuer is the CITY body; region is the province "
                "浙江 (city prefix 甬 = 宁波); the reposted provincial notice is also the sole "
                "attachment; deadlines 2024年6月底/3月31日 and 印发 date 2024-01-17 are distractors.")

    write_text("dB19_city-county.html", DB19)
    truth(file="dB19_city-county.html", layout="city-county", kind="notice",
          doc_number="长县卫发〔2023〕12号",
          title="长沙县卫生健康局关于开展2023年适龄妇女“两癌”免费筛查工作的通知",
          issuers=["长沙县卫生健康局"], date="2023-04-06", region="湖南",
          cites=["湘卫妇幼发〔2023〕5号", "长卫发〔2023〕9号"],
          notes="County-level body on a county government portal; region = 湖南 (province), "
                "although 长沙 also names a city whose 长卫发 notice is cited; metadata table uses "
                "zero-padded '2023年04月06日' (成文) and '2023年04月10日' (发布); a 统一登记号 "
                "'CSXD-2023-00781' is not a 文号; the cited provincial title lists three joint "
                "bodies separated by full-width spaces; <title> has a portal suffix.")

    write_text("dB20_mixed-date.txt", DB20)
    truth(file="dB20_mixed-date.txt", layout="mixed-date", kind="notice",
          doc_number="宁医保发〔2022〕88号",
          title="宁夏回族自治区医疗保障局关于调整部分医疗服务价格项目的通知",
          issuers=["宁夏回族自治区医疗保障局"], date="2022-10-08", region="宁夏",
          cites=["医保发〔2021〕41号", "宁医保发〔2020〕104号"],
          notes="Issuer and date on the SAME line ('宁夏回族自治区医疗保障局　　　　2022 年 10 月 8 日'), "
                "and the date has ASCII spaces between the numbers and 年/月/日; effective date "
                "2022年11月1日 is a distractor; region is the autonomous region 宁夏 (full name "
                "宁夏回族自治区); cited own-prefix 文号 宁医保发〔2020〕104号 is partly superseded.")

    write_text("dB21_mixed-date.txt", DB21)
    truth(file="dB21_mixed-date.txt", layout="mixed-date", kind="notice",
          doc_number="黔卫计发〔2016〕71号",
          title="贵州省卫生和计划生育委员会关于加快推进家庭医生签约服务工作的通知",
          issuers=["贵州省卫生和计划生育委员会"], date="2016-12-29", region="贵州",
          cites=["国卫办基层函〔2016〕207号"],
          notes="Signature date in Chinese numerals with 〇 (U+3007): '二〇一六年十二月二十九日'; the "
                "only Arabic full date is the 印发 date in the 版记, written with spaces "
                "('2017 年 1 月 3 日印发') and in the NEXT year — it must not be taken as the "
                "signature date; 2013–2018 agency name 卫生和计划生育委员会 with prefix 黔卫计发; "
                "target year 2017 is a distractor.")


def main():
    TRUTH.clear()
    for fn in PDF_DOCS + DOCX_DOCS:
        fn()
    text_docs()
    TRUTH.sort(key=lambda r: r["file"])
    with open(HERE / "truth-B.jsonl", "w", encoding="utf-8") as fh:
        for row in TRUTH:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(TRUTH)} documents and truth-B.jsonl to {HERE}")


if __name__ == "__main__":
    main()
