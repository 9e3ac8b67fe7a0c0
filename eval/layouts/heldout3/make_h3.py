#!/usr/bin/env python3
"""Generator for the third held-out layout corpus (h3A01 .. h3Q01).

Every text below was written for this corpus: agency names and 文号 *formats* follow
real practice, but all numbers, dates, names and contents are invented (years 2027-2032,
so nothing collides with the bundled corpus).  Run with the project venv:

    /work/main/.venv/bin/python eval/layouts/heldout3/make_h3.py

It (re)writes every h3* file in this folder and truth-heldout3.jsonl.  Needs a CJK
TrueType font (fonts-wqy-microhei by default; override with H3_CJK_FONT), fpdf2,
python-docx and OpenCC (for the traditional-character reposts).
"""
import json
import os
from pathlib import Path

import docx
import opencc
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from fpdf import FPDF

OUT = Path(__file__).resolve().parent
FONT = os.environ.get("H3_CJK_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
TRUTH = []
S2T = opencc.OpenCC("s2t")
S2HK = opencc.OpenCC("s2hk")
S2TW = opencc.OpenCC("s2tw")


def truth(file, layout, doc_number, title, issuers, date, region, cites=(), kind="notice",
          encoding="utf-8", notes=""):
    TRUTH.append(dict(file=file, layout=layout, kind=kind, doc_number=doc_number, title=title,
                      issuers=list(issuers), date=date, region=region, cites=list(cites),
                      encoding=encoding, notes=notes))


def write_text(name, text, encoding="utf-8", newline="\n"):
    text = text.strip("\n") + "\n"
    if newline != "\n":
        text = text.replace("\n", newline)
    (OUT / name).write_bytes(text.encode(encoding))


def paras_html(paras, indent=True):
    """Body paragraphs as <p>; a leading '#' makes a bold heading paragraph."""
    out = []
    for p in paras:
        if p.startswith("#"):
            out.append(f'<p style="text-indent:2em;"><strong>{p[1:]}</strong></p>')
        elif indent:
            out.append(f'<p style="text-indent:2em;">{p}</p>')
        else:
            out.append(f"<p>{p}</p>")
    return "\n".join(out)


def paras_txt(paras, indent="　　"):
    return "\n".join(indent + p.lstrip("#") for p in paras)


# ---------------------------------------------------------------------------
# A. portal pages (province, city, county)
# ---------------------------------------------------------------------------
def make_a():
    # A01 province portal, own number on a bare line under the h1, prev/next carry 文号
    body = [
        "各设区市卫生健康委，委直属各单位，省各有关医疗机构：",
        "为落实《国家卫生健康委办公厅关于推进医疗机构临床营养学科规范化建设的通知》（国卫办医政函〔2029〕133号）要求，提升住院患者营养风险筛查和营养治疗水平，现就加强我省医疗机构临床营养科建设有关事项通知如下。",
        "#一、明确建设范围",
        "三级综合医院、肿瘤专科医院和儿童专科医院应当于2031年底前独立设置临床营养科；二级综合医院可以在内科系统内设立临床营养专业组，配备不少于2名专职营养医师。",
        "#二、规范营养诊疗流程",
        "住院患者入院24小时内应当完成营养风险筛查，筛查阳性者由临床营养科在48小时内会诊并制定营养治疗方案。医疗机构要将营养治疗记录纳入病历，并定期开展营养治疗效果评价。",
        "#三、加强人才培养",
        "省临床营养质量控制中心要每年组织不少于2期营养医师和营养技师规范化培训，各设区市卫生健康委要将临床营养人才纳入本地卫生人才培养计划。",
        "#四、工作要求",
        "各设区市卫生健康委要于2030年6月30日前将辖区医疗机构临床营养科设置情况报送省卫生健康委医政处。本通知自2030年5月1日起施行。",
    ]
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="江苏省卫生健康委员会">
<meta name="ColumnName" content="通知公告">
<meta name="PubDate" content="2030-04-14 10:21">
<title>江苏省卫生健康委员会关于加强医疗机构临床营养科建设的通知_江苏省卫生健康委员会</title>
<link rel="stylesheet" href="/static/css/art_2030.css">
</head>
<body>
<div class="topbar"><span>今天是：2030年4月14日 星期日</span><a href="/col/col80123/index.html">无障碍浏览</a> | <a href="/english/">English</a> | <a href="javascript:void(0)">长者模式</a></div>
<div class="header"><img src="/images/logo_jswjw.png" alt="江苏省卫生健康委员会"><form action="/jrobot/search.do"><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/col/col80001/">机构概况</a></li><li><a href="/col/col80002/">新闻中心</a></li><li><a href="/col/col80003/">政务公开</a></li><li><a href="/col/col80004/">政务服务</a></li><li><a href="/col/col80005/">互动交流</a></li><li><a href="/col/col80006/">专题专栏</a></li></ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/col/col80003/">政务公开</a> &gt; <a href="/col/col80031/">通知公告</a></div>
<div class="article">
<h1 class="art-title">江苏省卫生健康委员会关于加强医疗机构临床营养科建设的通知</h1>
<p class="art-docno" style="text-align:center;">苏卫医政〔2030〕16号</p>
<div class="art-info">发布时间：2030-04-14 10:21:37　　来源：医政处　　浏览次数：<span id="hits">3162</span>　　字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
<div class="art-content" id="zoom">
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">江苏省卫生健康委员会</p>
<p style="text-align:right;">2030年4月8日</p>
<p>（信息公开形式：主动公开）</p>
</div>
<div class="art-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a> <a href="#">【收藏】</a></div>
<div class="prev-next">
<p>上一篇：<a href="/art/2030/4/9/art_80031_11423081.html">江苏省卫生健康委员会关于做好2030年全省医疗机构血液净化质量评价工作的通知（苏卫医政〔2030〕12号）</a></p>
<p>下一篇：<a href="/art/2030/4/16/art_80031_11423307.html">关于公布2030年第一批江苏省临床重点专科评审结果的通知</a></p>
</div>
</div>
<div class="footer">
<p>主办单位：江苏省卫生健康委员会　地址：南京市中央路42号　邮编：210008</p>
<p><a href="https://beian.miit.gov.cn/">苏ICP备05009876号-3</a>　<img src="/images/ga.png">苏公网安备 32010202010453号　网站标识码：3200000031</p>
</div>
</body>
</html>
"""
    write_text("h3A01_portal-html.html", html)
    truth("h3A01_portal-html.html", "portal-html", "苏卫医政〔2030〕16号",
          "江苏省卫生健康委员会关于加强医疗机构临床营养科建设的通知", ["江苏省卫生健康委员会"],
          "2030-04-08", "江苏", ["国卫办医政函〔2029〕133号", "苏卫医政〔2030〕12号"],
          notes="Province portal: top bar with the visit date 2030年4月14日, nav, breadcrumb, 字号 大中小, 浏览次数, 打印/关闭; own 文号 on a bare centred line under the h1; 发布时间 2030-04-14 10:21:37 vs signature 2030-04-08; effective 2030-05-01 and report deadline 2030-06-30 are distractors; 上一篇 link carries another 文号 (a cite, after the body); footer 苏ICP备05009876号-3, 公网安备 32010202010453号, 网站标识码, URLs with digit runs.")

    # A02 city portal, own number right-aligned at the body top, 相关链接 with numbers
    body = [
        "各县市区卫生健康局，委直属各单位：",
        "为进一步做实家庭医生签约服务，根据《湖南省卫生健康委员会关于推进家庭医生签约服务高质量发展的实施意见》（湘卫基层发〔2028〕9号）精神，经研究，决定在全市开展2029年家庭医生签约服务提质行动。现将有关事项通知如下：",
        "#一、行动目标",
        "到2029年底，全市常住人口家庭医生签约覆盖率稳定在45%以上，重点人群签约覆盖率达到80%以上，签约居民对服务的满意度不低于90%。",
        "#二、重点任务",
        "（一）优化签约团队组成。每个团队至少包含1名全科医生、1名护士和1名公共卫生人员，鼓励二级以上医院专科医生加入团队。",
        "（二）丰富履约内容。对高血压、糖尿病签约患者每年提供不少于4次面对面随访，对65岁以上老年人提供1次免费健康体检。",
        "（三）推进线上服务。依托“健康株洲”平台开通签约、续约和在线咨询功能，实现签约信息与电子健康档案互通。",
        "#三、工作要求",
        "各县市区要在4月15日前制定具体实施方案，每季度末5个工作日内报送工作进展。市卫生健康委将把行动开展情况纳入年度绩效考核。",
    ]
    html = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>株洲市卫生健康委员会关于开展2029年家庭医生签约服务提质行动的通知 - 株洲市人民政府门户网站</title>
</head>
<body>
<div id="head"><div class="logo">株洲市人民政府门户网站</div>
<div class="links"><a href="http://www.hunan.gov.cn/">湖南省人民政府</a> | <a href="/zzszf/c100217/">部门网站</a> | <a href="/zzszf/c100220/">区县市网站</a></div></div>
<div id="menu"><a href="/">首页</a><a href="/zzszf/c100001/">政务公开</a><a href="/zzszf/c100002/">政务服务</a><a href="/zzszf/c100003/">互动交流</a><a href="/zzszf/c100004/">走进株洲</a></div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt;&gt; <a href="/zzszf/c100001/">政务公开</a> &gt;&gt; <a href="/zzszf/c100001/c100110/">部门文件</a> &gt;&gt; 正文</div>
<div class="main">
<div class="tit">株洲市卫生健康委员会关于开展2029年家庭医生签约服务提质行动的通知</div>
<div class="property"><span>来源：市卫生健康委</span><span>发布时间：2029-03-25</span><span>【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span><span>浏览量：<script>document.write(1487)</script></span></div>
<div class="content">
<p style="text-align:right;">株卫发〔2029〕27号</p>
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">株洲市卫生健康委员会</p>
<p style="text-align:right;">2029年3月21日</p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>　<a href="javascript:window.print();">[打印]</a> <a href="javascript:window.opener=null;window.close();">[关闭]</a></div>
<div class="related"><h3>相关链接</h3>
<ul>
<li><a href="/zzszf/c100110/202812/a3f0b1.shtml">株洲市卫生健康委员会关于印发《株洲市家庭医生签约服务考核办法》的通知（株卫发〔2028〕44号）</a><span>2028-12-19</span></li>
<li><a href="/zzszf/c100110/202902/b7c21e.shtml">湖南省卫生健康委员会关于做好2029年基本公共卫生服务项目工作的通知（湘卫发〔2029〕3号）</a><span>2029-02-11</span></li>
</ul></div>
</div>
<div id="foot">
<p>主办：株洲市人民政府办公室　承办：株洲市大数据中心</p>
<p>湘ICP备13002114号　<a href="#">湘公网安备 43020202000219号</a>　网站标识码：4302000004</p>
<p>建议使用1366×768分辨率浏览</p>
</div>
</body>
</html>
"""
    write_text("h3A02_portal-html.html", html)
    truth("h3A02_portal-html.html", "portal-html", "株卫发〔2029〕27号",
          "株洲市卫生健康委员会关于开展2029年家庭医生签约服务提质行动的通知", ["株洲市卫生健康委员会"],
          "2029-03-21", "湖南", ["湘卫基层发〔2028〕9号", "株卫发〔2028〕44号", "湘卫发〔2029〕3号"],
          notes="City government portal (株洲 -> 湖南), <title> '… - 株洲市人民政府门户网站'; title in a div.tit; own 文号 right-aligned as the first line of the body; 浏览量 via script; 相关链接 after the body lists two titles with 文号 (cites, in order) and their dates; 发布时间 2029-03-25 vs signature 2029-03-21; 45%/80%/4月15日 distractors; footer 湘ICP备13002114号, 公网安备, 1366×768.")

    # A03 county portal, date with spaces, number in an info table row
    body = [
        "各镇人民政府（街道办事处）卫生健康办，县直各医疗卫生单位：",
        "根据《云浮市卫生健康局关于做好2031年妇女“两癌”筛查项目的通知》（云卫健〔2030〕58号）安排，为做好我县2031年适龄女性免费宫颈癌筛查工作，现将有关事项通知如下：",
        "一、筛查对象为具有我县户籍或居住满6个月、年龄在35至64周岁的女性，2031年全县计划筛查8600人。",
        "二、县妇幼保健院负责筛查技术指导、阳性病例追踪和数据汇总；各镇卫生院负责组织发动、初筛采样和健康教育。",
        "三、筛查采用高危型HPV检测作为初筛方法，初筛阳性者由县妇幼保健院在30日内完成阴道镜检查。",
        "四、各单位要于每月5日前通过广东省妇幼健康信息系统报送上月筛查进度，11月30日前完成全年任务。",
    ]
    html = f"""<!DOCTYPE html>
<html>
<head><meta charset="UTF-8"><title>通知公告-新兴县人民政府网</title></head>
<body>
<div class="wza"><a href="#">无障碍</a> <a href="#">关怀版</a> <a href="#">繁體</a></div>
<div class="banner">新兴县人民政府网<br><small>www.xinxing.gov.cn</small></div>
<div class="nav"><a href="/">网站首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a> <a href="/hdjl/">互动交流</a> <a href="/zjxx/">走进新兴</a></div>
<div class="bread">首页 &gt; 政务公开 &gt; 部门信息 &gt; 县卫生健康局 &gt; 通知公告</div>
<table class="xxgk" border="1" cellspacing="0">
<tr><td>发布机构：</td><td>新兴县卫生健康局</td><td>发布日期：</td><td>2031-02-20</td></tr>
<tr><td>文件编号：</td><td>新卫健〔2031〕12号</td><td>浏览次数：</td><td><span id="viewcount">376</span></td></tr>
</table>
<h2 class="title">新兴县卫生健康局关于做好2031年适龄女性免费宫颈癌筛查工作的通知</h2>
<div class="fontsize">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div class="zoom">
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">新兴县卫生健康局</p>
<p style="text-align:right;">2031年 2月 17日</p>
<p>（联系人：妇幼股，电话：0766-2883157）</p>
</div>
<div class="print"><a href="javascript:print()">打印本页</a> | <a href="javascript:close()">关闭窗口</a></div>
<div class="foot">新兴县人民政府办公室主办　粤ICP备11052336号　粤公网安备 44532102000087号　网站标识码 4453210007</div>
</body>
</html>
"""
    write_text("h3A03_portal-html.html", html)
    truth("h3A03_portal-html.html", "portal-html", "新卫健〔2031〕12号",
          "新兴县卫生健康局关于做好2031年适龄女性免费宫颈癌筛查工作的通知", ["新兴县卫生健康局"],
          "2031-02-17", "广东", ["云卫健〔2030〕58号"],
          notes="County portal (新兴县, 云浮 -> 广东); <title> is only column + site name; own 文号 only in a 4-column info table labelled 文件编号, BEFORE the h2 title; 发布日期 2031-02-20 vs signature date written with spaces '2031年 2月 17日'; phone 0766-2883157, 8600人, 30日, 11月30日 distractors; cite title contains “两癌”; footer 粤ICP备11052336号, 公网安备.")

    # A04 province portal, meta line with 发文字号, signature date in Chinese numerals
    body = [
        "各设区市卫生健康委，杨凌示范区、西咸新区卫生健康局，委直属各医疗机构：",
        "为加强医疗机构临床用血管理，保障输血安全，依据《国家卫生健康委关于印发医疗机构临床用血质量控制指标的通知》（国卫医政发〔2031〕26号），我委组织制定了《陕西省医疗机构输血安全管理规范》。现印发给你们，请认真贯彻执行。",
        "本规范自2032年3月1日起施行。执行中遇到的问题，请及时向省卫生健康委医政处反馈。",
        "附件：陕西省医疗机构输血安全管理规范",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>关于印发陕西省医疗机构输血安全管理规范的通知 - 陕西省卫生健康委员会</title></head>
<body>
<div class="g-top">陕西省卫生健康委员会　Health Commission of Shaanxi Province</div>
<nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/xwzx/">新闻中心</a> <a href="/bsfw/">办事服务</a> <a href="/gzhd/">公众互动</a></nav>
<div class="loc">位置： <a href="/">首页</a> / <a href="/zwgk/">政务公开</a> / <a href="/zwgk/zcwj/">政策文件</a></div>
<article>
<h1>陕西省卫生健康委员会关于印发陕西省医疗机构输血安全管理规范的通知</h1>
<div class="meta">
<span>发文字号：陕卫医政发〔2032〕2号</span>
<span>发布日期：2032-01-16</span>
<span>来源：医政处</span>
<span>访问量：<em id="count">2205</em></span>
<span>[<a href="#" onclick="fs(20)">大</a> <a href="#" onclick="fs(16)">中</a> <a href="#" onclick="fs(14)">小</a>]</span>
</div>
<div class="txt">
<p>{body[0]}</p>
{paras_html(body[1:3])}
<p style="text-indent:2em;">{body[3]}</p>
<p style="text-align:right;">陕西省卫生健康委员会</p>
<p style="text-align:right;">二〇三二年一月十日</p>
<h3 style="text-align:center;">陕西省医疗机构输血安全管理规范</h3>
<p style="text-indent:2em;">第一条　为规范医疗机构临床输血行为，预防和控制输血不良反应，制定本规范。</p>
<p style="text-indent:2em;">第二条　二级以上医疗机构应当设立输血科或者血库，由具有输血医学专业背景的人员负责日常管理。</p>
<p style="text-indent:2em;">第三条　同一患者24小时内申请备血量达到或者超过1600毫升的，应当由科室主任签字核准，报医务部门批准后方可备血。</p>
<p style="text-indent:2em;">第四条　医疗机构应当于每年1月31日前向所在设区市卫生健康委报送上一年度临床用血情况。</p>
<p style="text-indent:2em;">第五条　本规范由陕西省卫生健康委员会负责解释。</p>
</div>
</article>
<div class="tools"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
<footer>版权所有：陕西省卫生健康委员会　陕ICP备05004178号-1　陕公网安备 61010302000362号</footer>
</body></html>
"""
    write_text("h3A04_portal-html.html", html)
    truth("h3A04_portal-html.html", "portal-html", "陕卫医政发〔2032〕2号",
          "陕西省卫生健康委员会关于印发陕西省医疗机构输血安全管理规范的通知", ["陕西省卫生健康委员会"],
          "2032-01-10", "陕西", ["国卫医政发〔2031〕26号"],
          notes="<title> shorter than the h1 (no issuer, '- site' suffix); own 文号 in a meta <span> '发文字号：'; signature date only in Chinese numerals 二〇三二年一月十日; 发布日期 2032-01-16; effective 2032-03-01 and the annexed rules' 第N条 and 1月31日 are distractors; the annex follows the signature on the same page.")
# ---------------------------------------------------------------------------
# B. information-disclosure tables
# ---------------------------------------------------------------------------
def make_b():
    # B01 six-field table in three rows of pairs, in HTML
    body = [
        "各市、县（市、区）卫生健康委（局），省妇幼保健院，省属各相关医疗机构：",
        "根据《国家卫生健康委办公厅关于加强孕产期心理健康服务的通知》（国卫办妇幼函〔2027〕150号）要求，为做好孕产妇心理健康筛查、评估和干预，现就有关事项通知如下：",
        "#一、全面开展心理健康筛查",
        "助产机构和妇幼保健机构应当在孕早期、孕晚期和产后42天健康检查时各开展1次心理健康筛查，筛查结果记入《母子健康手册》。",
        "#二、建立分级干预机制",
        "筛查结果异常的孕产妇，由首诊机构在7个工作日内转介至精神专科或综合医院心理门诊；存在自伤风险的，应当立即启动会诊并通知家属。",
        "#三、加强质量管理",
        "省妇幼保健院牵头建立孕产妇心理健康服务质量控制指标，每半年通报一次各市工作情况。",
        "本通知自印发之日起执行。",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>安徽省卫生健康委员会关于加强孕产妇心理健康服务的通知_安徽省卫生健康委员会</title></head>
<body>
<div class="top">安徽省卫生健康委员会 | 政府信息公开</div>
<div class="crumb">首页 &gt; 政府信息公开 &gt; 法定主动公开内容 &gt; 规划计划</div>
<table class="xxgk-table" width="100%" border="1">
<tr><th>索引号：</th><td>11340000MB1234567X/202807-00015</td><th>发文机关：</th><td>安徽省卫生健康委员会</td></tr>
<tr><th>成文日期：</th><td>2028-07-03</td><th>文号：</th><td>皖卫妇幼〔2028〕19号</td></tr>
<tr><th>发布日期：</th><td>2028-07-10</td><th>主题分类：</th><td>卫生、体育\\医药管理</td></tr>
<tr><th>标题：</th><td colspan="3">安徽省卫生健康委员会关于加强孕产妇心理健康服务的通知</td></tr>
</table>
<h1 class="wztit">安徽省卫生健康委员会关于加强孕产妇心理健康服务的通知</h1>
<div class="wzinfo">信息来源：妇幼健康处　阅读次数：<span>918</span>　字体：[ <a>大</a> <a>中</a> <a>小</a> ]</div>
<div class="wzcon">
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">安徽省卫生健康委员会</p>
<p style="text-align:right;">2028年7月3日</p>
</div>
<div class="btns"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
<div class="foot">皖ICP备05001639号　皖公网安备 34010402700125号</div>
</body></html>
"""
    write_text("h3B01_disclosure-table-html.html", html)
    truth("h3B01_disclosure-table-html.html", "disclosure-table", "皖卫妇幼〔2028〕19号",
          "安徽省卫生健康委员会关于加强孕产妇心理健康服务的通知", ["安徽省卫生健康委员会"],
          "2028-07-03", "安徽", ["国卫办妇幼函〔2027〕150号"],
          notes="Six-field disclosure table (索引号|发文机关 / 成文日期|文号 / 发布日期|主题分类, plus a 标题 row) before the h1; 索引号 has an 18-char credit code and '/202807-00015'; 主题分类 with a backslash; 发布日期 2028-07-10 vs 成文日期 2028-07-03; 42天, 7个工作日 distractors.")

    # B02 text copy with full-width spaces inside the labels
    text = """甘肃省卫生健康委员会
首页 > 信息公开 > 政府信息公开目录 > 疾病预防控制

索　引　号：62000000-0503-2030-000087
发 布 机 构：甘肃省卫生健康委员会
文　　　号：甘卫疾控发〔2030〕8号
成 文 日 期：2030年05月12日
发 布 日 期：2030年05月19日
主 题 分 类：卫生健康

甘肃省卫生健康委员会关于做好包虫病综合防治工作的通知

各市（州）卫生健康委，兰州新区卫生健康局，委属各有关单位：
　　为巩固我省包虫病防治成果，按照《国家疾控局关于印发包虫病防治技术方案的通知》（国疾控传防发〔2029〕31号）要求，现就做好包虫病综合防治工作通知如下。
　　一、做好人群筛查。流行县每年对重点乡镇常住居民开展腹部B超筛查，筛查率不低于应查人数的90%，新发现病例要在确诊后15日内纳入管理。
　　二、规范患者治疗。对手术适应证患者，由省级定点医院统一安排手术救治；对药物治疗患者，每半年复查1次并免费提供阿苯达唑。
　　三、落实犬只管理。会同农业农村部门推行“犬犬投药、月月驱虫”，流行村家犬登记管理率达到95%以上。
　　四、强化健康教育。结合“全国包虫病防治宣传日”，在学校、寺院和集贸市场开展宣传，中小学生防治知识知晓率达到85%以上。
　　各市（州）请于2030年12月10日前将全年工作总结报送省疾病预防控制中心。

甘肃省卫生健康委员会
2030年5月12日

【打印本页】　【关闭窗口】
甘ICP备10000912号　甘公网安备 62010202000871号
"""
    write_text("h3B02_disclosure-table-txt.txt", text)
    truth("h3B02_disclosure-table-txt.txt", "disclosure-table", "甘卫疾控发〔2030〕8号",
          "甘肃省卫生健康委员会关于做好包虫病综合防治工作的通知", ["甘肃省卫生健康委员会"],
          "2030-05-12", "甘肃", ["国疾控传防发〔2029〕31号"],
          notes="Text copy of a disclosure block with labels padded by full-width and ASCII spaces (文　　　号：, 发 布 机 构：); zero-padded dates 2030年05月12日; 发布日期 2030-05-19; 索引号 62000000-0503-2030-000087 with year; 90%, 15日, 12月10日 distractors.")

    # B03 text copy where labels have no colon (label, tab, value)
    text = """柳州市卫生健康委员会关于规范医疗机构预约诊疗服务的通知
索引号\t007562348/2027-02216\t信息分类\t卫生健康 / 通知
发布机构\t柳州市卫生健康委员会\t生成日期\t2027-10-09
文号\t柳卫健发〔2027〕33号\t公开日期\t2027-10-13
有效性\t有效

各县（区）卫生健康局，市直各医疗卫生单位，各有关医疗机构：
　　为改善群众就医体验，按照《广西壮族自治区卫生健康委员会关于全面推行预约诊疗服务的通知》（桂卫医发〔2027〕14号）部署，现就规范我市医疗机构预约诊疗服务通知如下：
　　一、二级以上医院应当开通电话、网站、微信公众号和自助机等不少于3种预约渠道，门诊号源向预约开放比例不低于80%。
　　二、分时段预约精确到30分钟以内，患者按预约时段到院就诊，候诊时间原则上不超过30分钟。
　　三、医院应当为老年人、残疾人等群体保留不少于10%的现场号源，并安排人员提供挂号帮助。
　　四、市卫生健康委将预约诊疗率纳入公立医院绩效考核，2028年起每季度通报一次。

柳州市卫生健康委员会
2027年10月9日
（此件公开发布）
"""
    write_text("h3B03_disclosure-table-txt.txt", text)
    truth("h3B03_disclosure-table-txt.txt", "disclosure-table", "柳卫健发〔2027〕33号",
          "柳州市卫生健康委员会关于规范医疗机构预约诊疗服务的通知", ["柳州市卫生健康委员会"],
          "2027-10-09", "广西", ["桂卫医发〔2027〕14号"],
          notes="Title is the FIRST line, then a tab-separated disclosure block whose labels have NO colon (文号<TAB>…); 生成日期 2027-10-09 (= signature) and 公开日期 2027-10-13; 索引号 007562348/2027-02216; city 柳州 -> 广西; 80%, 30分钟, 10%, 2028年 distractors.")

    # B04 traditional-character disclosure table (HTML, UTF-8)
    body = [
        "各省、自治区、直辖市和新疆生产建设兵团中医药主管部门：",
        "为降低中医医院医院感染发生风险，根据《国家中医药管理局关于加强中医医疗机构医疗质量安全管理的通知》（国中医药医政发〔2029〕14号），现就加强中医医院感染防控工作通知如下：",
        "一、中医医院应当按照床位数配备专职感控人员，每150张床位不少于1名，床位不足150张的至少配备1名。",
        "二、针刺、刮痧、拔罐、穴位埋线等中医诊疗技术操作应当严格执行一人一针一用一灭菌，重复使用的火罐每次使用后清洗消毒。",
        "三、煎药室应当每日清洁，煎药用水符合生活饮用水卫生标准，代煎药品配送过程全程冷链或密闭保存。",
        "四、各省级中医药主管部门要于2031年10月底前组织一次专项检查，并将检查结果报送国家中医药管理局医政司。",
    ]
    html_s = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国家中医药管理局办公室关于加强中医医院感染防控工作的通知｜医药资讯网</title></head>
<body>
<div class="hd">医药资讯网 · 政策法规 · 转载</div>
<table class="info" border="1">
<tr><td>索引号：</td><td>000014467/2031-00214</td><td>主题分类：</td><td>卫生健康</td></tr>
<tr><td>发文机关：</td><td>国家中医药管理局办公室</td><td>成文日期：</td><td>2031年06月18日</td></tr>
<tr><td>发文字号：</td><td>国中医药办医政发〔2031〕7号</td><td>发布日期：</td><td>2031年06月24日</td></tr>
</table>
<h2>国家中医药管理局办公室关于加强中医医院感染防控工作的通知</h2>
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">国家中医药管理局办公室</p>
<p style="text-align:right;">2031年6月18日</p>
<p class="src">（来源：国家中医药管理局网站，转载日期：2031年6月25日）</p>
<div class="ft">本站转载仅供参考，如有侵权请联系删除。</div>
</body></html>
"""
    write_text("h3B04_disclosure-traditional-html.html", S2T.convert(html_s))
    truth("h3B04_disclosure-traditional-html.html", "disclosure-table", "国中医药办医政发〔2031〕7号",
          "国家中医药管理局办公室关于加强中医医院感染防控工作的通知", ["国家中医药管理局办公室"],
          "2031-06-18", "全国", ["国中医药医政发〔2029〕14号"],
          notes="Whole page in traditional characters (OpenCC s2t) including labels 索引號/發文機關/發文字號/發佈日期 and the 文号 國中醫藥辦醫政發〔2031〕7號; truth in simplified; repost site name in <title> after '｜'; 成文日期 2031年06月18日, 发布日期 2031-06-24 and repost date 2031-06-25 differ; 每150张床位 distractor; machine-conversion artefacts as real reposts have them (爲, 牀, 感染髮生 for 感染发生).")
# ---------------------------------------------------------------------------
# C. red-header text, F. GB18030 text
# ---------------------------------------------------------------------------
def make_c_f():
    text = """
                    河 北 省 卫 生 健 康 委 员 会 文 件

                          冀卫医政〔2029〕21号
────────────────────────────────────────

         河北省卫生健康委员会关于推进医疗机构
             检查检验结果互认工作的通知

各市（含定州、辛集市）卫生健康委，雄安新区管委会公共服务局，委直属各医疗机构：
　　为减少重复检查、减轻患者负担，根据《国家卫生健康委等七部门关于进一步推进医疗机构检查检验结果互认的通知》（国卫医政发〔2028〕19号），现就推进我省医疗机构检查检验结果互认工作通知如下。
　　一、扩大互认范围。2029年底前，全省二级以上公立医院对纳入互认目录的112项检验项目和56项检查项目实现互认，基层医疗卫生机构逐步纳入。
　　二、统一质控标准。参加互认的医疗机构应当参加省级临床检验室间质量评价并合格，影像检查图像和报告按统一格式上传省全民健康信息平台。
　　三、规范互认行为。医师因病情变化确需重复检查的，应当在病历中记录理由并告知患者。
　　四、加强监督考核。省卫生健康委将互认率纳入公立医院绩效考核，每半年通报一次。
　　《河北省卫生健康委员会关于开展检查检验结果互认试点的通知》（冀卫医政〔2027〕5号）同时废止。

河北省卫生健康委员会　　　　2029年8月14日

（信息公开形式：主动公开）
────────────────────────────────────────
抄送：国家卫生健康委医政司。
河北省卫生健康委员会办公室　　　　　　　　2029年8月16日印发
"""
    write_text("h3C01_red-header-txt.txt", text)
    truth("h3C01_red-header-txt.txt", "red-header-txt", "冀卫医政〔2029〕21号",
          "河北省卫生健康委员会关于推进医疗机构检查检验结果互认工作的通知", ["河北省卫生健康委员会"],
          "2029-08-14", "河北", ["国卫医政发〔2028〕19号", "冀卫医政〔2027〕5号"],
          notes="Red-header text with the header letters spaced out ('河 北 省 … 文 件') and the 文号 centred under it; title wrapped over two centred lines; issuer and date on ONE signature line; 印发 date 2029-08-16 in the 版记 is not the signature date; 112项/56项 distractors; repealed 2027 notice is a cite.")

    text = """
　　　　　　黑龙江省卫生健康委员会文件

黑卫发〔2031〕14号　　　　　　　　　　　　　签发人：赵立平

黑龙江省卫生健康委员会关于加强冬春季
一氧化碳中毒防治工作的通知

各市（地）卫生健康委，省农垦总局卫生健康局，省直各医疗机构：
　　进入冬春季以来，我省部分地区燃煤取暖导致的一氧化碳中毒事件时有发生。为切实保障人民群众生命安全，按照《国家卫生健康委办公厅关于做好冬春季非职业性一氧化碳中毒防控工作的通知》（国卫办应急函〔2030〕201号）要求，现就有关工作通知如下：
　　一、加强高压氧救治能力。各市（地）至少确定1家具备高压氧舱的定点救治医院，保持24小时开放，并向社会公布联系电话。
　　二、做好院前急救衔接。120急救中心接到疑似中毒呼救后，应当在10分钟内派车，优先转运至有高压氧条件的医院。
　　三、开展入户宣传。基层医疗卫生机构结合家庭医生签约服务，对独居老人、农村燃煤取暖家庭逐户开展防中毒宣传。
　　四、落实信息报告。一次中毒3人以上或者死亡1人以上的事件，应当在2小时内通过突发公共卫生事件报告管理信息系统报告。
　　本通知有效期至2032年4月30日。

　　　　　　　　　　　　　　　　　黑龙江省卫生健康委员会
　　　　　　　　　　　　　　　　二〇三一年十一月二十五日
"""
    write_text("h3C02_red-header-txt.txt", text)
    truth("h3C02_red-header-txt.txt", "red-header-txt", "黑卫发〔2031〕14号",
          "黑龙江省卫生健康委员会关于加强冬春季一氧化碳中毒防治工作的通知", ["黑龙江省卫生健康委员会"],
          "2031-11-25", "黑龙江", ["国卫办应急函〔2030〕201号"],
          notes="Red-header text with the 文号 LEFT and 签发人 (invented name) RIGHT on one line; title split over two lines; signature date in Chinese numerals 二〇三一年十一月二十五日; expiry date 2032-04-30 in the text is a distractor; 120, 10分钟, 3人 distractors.")

    text = """
重庆市卫生健康委员会办公室
═══════════════════════════════════════

　　　　　　　　　　　　　　　　　　　渝卫办函〔2028〕142号

重庆市卫生健康委员会办公室关于征集
2028年度基层卫生适宜技术推广项目的函

各区县（自治县）卫生健康委，两江新区社发局、重庆高新区公共服务局、万盛经开区卫生健康局：
　　为推动基层卫生适宜技术普及应用，经研究，决定在全市征集2028年度基层卫生适宜技术推广项目。现将有关事项函告如下：
　　一、征集范围。适用于乡镇卫生院、社区卫生服务中心，操作简便、成本较低、安全有效的诊疗技术，中医药适宜技术优先。
　　二、申报要求。每个区县推荐不超过5项，每项须提供技术规范、培训课件和近两年应用病例数据。
　　三、时间安排。请于2028年4月10日前将申报材料纸质版一式两份报送市卫生健康委基层卫生健康处，电子版发送至指定邮箱。
　　联系人：基层卫生健康处　刘冬；联系电话：023-67708215。

附件：2028年度基层卫生适宜技术推广项目申报表

　　　　　　　　　　　　　　　　重庆市卫生健康委员会办公室
　　　　　　　　　　　　　　　　　　　2028年3月6日
（此件主动公开）
"""
    write_text("h3C03_red-header-letter-txt.txt", text)
    truth("h3C03_red-header-letter-txt.txt", "red-header-txt", "渝卫办函〔2028〕142号",
          "重庆市卫生健康委员会办公室关于征集2028年度基层卫生适宜技术推广项目的函", ["重庆市卫生健康委员会办公室"],
          "2028-03-06", "重庆", [], kind="letter",
          notes="函 layout (信函格式): header is the office name WITHOUT 文件, double rule, 文号 right-aligned alone on its line; title broken before the year; addressees include several development-zone bodies (not issuers); attachment named, not included; phone 023-67708215 and deadline 2028-04-10 are distractors; no cites.")

    # F01 GB18030, CRLF, red header of a city
    text = """潍坊市卫生健康委员会文件

潍卫发〔2028〕40号

潍坊市卫生健康委员会
关于加强学校传染病症状监测工作的通知

各县市区卫生健康局，市属开发区社会事业局，市疾病预防控制中心：
　　秋季学期开学在即，为及早发现学校传染病聚集性疫情，依据《山东省卫生健康委员会关于印发山东省学校传染病症状监测工作规范的通知》（鲁卫疾控字〔2027〕22号），现就加强我市学校传染病症状监测工作通知如下：
　　一、全市中小学校、托幼机构每日晨午检后，由保健老师通过“潍坊市学校症状监测系统”报告发热、腹泻、皮疹等症状学生人数，零病例也要报告。
　　二、县级疾控机构每日分析监测数据，同一班级1日内出现3例以上相同症状的，应当在24小时内开展现场调查。
　　三、市疾控中心每周一发布上周监测分析报告，抄送市教育局。
　　四、本通知自2028年9月1日起执行。

潍坊市卫生健康委员会
2028年9月5日
"""
    write_text("h3F01_gb18030-txt.txt", text, encoding="gb18030", newline="\r\n")
    truth("h3F01_gb18030-txt.txt", "gb18030-txt", "潍卫发〔2028〕40号",
          "潍坊市卫生健康委员会关于加强学校传染病症状监测工作的通知", ["潍坊市卫生健康委员会"],
          "2028-09-05", "山东", ["鲁卫疾控字〔2027〕22号"], encoding="gb18030",
          notes="GB18030 bytes with CRLF line ends; city red header, 文号 on its own line; the title is split after the issuer name (issuer line + '关于…的通知' line); effective date 2028-09-01 is BEFORE the signature date 2028-09-05 (distractor); 3例, 24小时 distractors.")

    # F02 GB18030 copy of an autonomous-prefecture portal page, 4-byte characters in a place name
    text = """延边朝鲜族自治州卫生健康委员会 > 政务公开 > 通知公告
【字体：大 中 小】　　发布时间：2027-12-20 15:02　　浏览：641次

延边朝鲜族自治州卫生健康委员会关于做好2028年元旦春节期间医疗服务保障工作的通知

延州卫健发〔2027〕21号

各县（市）卫生健康局，州直各医疗卫生单位：
　　2028年元旦春节将至，为保障节日期间群众就医需求，根据《吉林省卫生健康委员会关于做好节假日医疗服务工作的通知》（吉卫医发〔2027〕35号）要求，现将有关事项通知如下：
　　一、各医疗机构节日期间门诊不停诊，急诊、住院、检验、药房等科室实行24小时值班，领导干部带班，并于2027年12月28日前公布值班安排。
　　二、州中心医院、州传染病医院要做好呼吸道传染病救治准备，储备不少于15天用量的药品和防护物资。
　　三、加强边境口岸和旅游景区医疗保障，珲春、图们等口岸医疗点和长白山景区医疗站要保持人员在岗。
　　四、各县（市）在䶮山村、𫛚岭屯等偏远村屯安排巡回医疗，每周不少于1次。
　　五、节日期间发生重大突发事件，应当在1小时内报告州卫生健康委应急办。

延边朝鲜族自治州卫生健康委员会
2027年12月15日

上一条：延边州卫生健康委关于公布2027年州级医学重点学科名单的通知
下一条：关于开展2028年度医师定期考核工作的通知
主办：延边朝鲜族自治州卫生健康委员会　吉ICP备08003615号
"""
    write_text("h3F02_gb18030-portal-txt.txt", text, encoding="gb18030")
    truth("h3F02_gb18030-portal-txt.txt", "gb18030-txt", "延州卫健发〔2027〕21号",
          "延边朝鲜族自治州卫生健康委员会关于做好2028年元旦春节期间医疗服务保障工作的通知",
          ["延边朝鲜族自治州卫生健康委员会"], "2027-12-15", "吉林", ["吉卫医发〔2027〕35号"],
          encoding="gb18030",
          notes="GB18030 text copy of an autonomous-prefecture portal page (延边 -> 吉林): breadcrumb and 字体/发布时间/浏览 line first; title says 2028 (a distractor year) while signed 2027-12-15; invented village names use GB18030 4-byte characters (䶮, 𫛚); 发布时间 2027-12-20 15:02; 上一条/下一条 titles without numbers; ICP in footer.")
# ---------------------------------------------------------------------------
# G. Big5 and traditional-character reposts
# ---------------------------------------------------------------------------
PINYIN = {"发": "fā", "卫": "wèi", "会": "huì", "关": "guān", "于": "yú", "药": "yào", "疗": "liáo",
          "应": "yīng", "检": "jiǎn", "测": "cè", "报": "bào", "机": "jī", "构": "gòu", "层": "céng",
          "规": "guī", "号": "hào", "县": "xiàn", "级": "jí"}


def pinyin_junk(simplified, every=("发", "卫", "会", "关", "层", "号", "测", "报", "规")):
    """Traditional text with the pinyin a careless converter leaves after some characters."""
    out = []
    for ch in simplified:
        t = S2T.convert(ch)
        out.append(t)
        if ch in every and ch in PINYIN:
            out.append(f"({PINYIN[ch]})")
    return "".join(out)


def make_g():
    body = """各省、自治区、直辖市及新疆生产建设兵团疾控局、卫生健康委：
　　2030年入夏以来，东南亚多个国家登革热病例数明显上升，我国南方省份进入伊蚊活跃季节，输入和本地传播风险加大。为做好今年登革热防控工作，根据《国家疾控局关于印发登革热防控方案的通知》（国疾控传防发〔2028〕12号），现就有关事项通知如下：
　　一、强化病例早发现。各级医疗机构对发热伴皮疹、关节痛的就诊者，要询问旅行史，必要时开展NS1抗原检测，确诊病例在24小时内网络直报。
　　二、开展媒介伊蚊监测。广东、广西、海南、福建、云南、浙江等省份每月上、下旬各开展1次布雷图指数监测，指数超过5的地区立即组织清除孳生地。
　　三、做好重症救治准备。各地确定登革热定点救治医院，储备输液、血制品等救治物资，组织开展临床诊疗培训。
　　四、加强联防联控。会同海关、文化和旅游部门，做好出入境人员健康提示。

國家疾控局綜合司
2030年5月20日
"""
    head = """《醫務資訊轉載》　2030/05/27　來源：國家疾病預防控制局網站
標題：國家疾控局綜合司關於做好2030年登革熱防控工作的通知
文號：國疾控綜傳防函〔2030〕45號
"""
    tail = """
──────────
本網轉載內地公開文件，僅供業界參考。上一則：香港衛生署提醒市民注意防蚊　下一則：澳門衛生局公佈流感疫苗接種安排
"""
    write_text("h3G01_big5-repost-txt.txt", head + "\n" + S2TW.convert(body) + tail, encoding="big5")
    truth("h3G01_big5-repost-txt.txt", "big5-repost", "国疾控综传防函〔2030〕45号",
          "国家疾控局综合司关于做好2030年登革热防控工作的通知", ["国家疾控局综合司"],
          "2030-05-20", "全国", ["国疾控传防发〔2028〕12号"], encoding="big5",
          notes="BIG5 bytes, Hong Kong repost: labelled 標題/文號 lines at the top after a repost line dated 2030/05/27 with slashes; body in traditional characters (OpenCC s2tw); signature short name 國家疾控局綜合司 (truth keeps the short form as printed); province list and 布雷图指数 5 are distractors; 上一則/下一則 are Hong Kong/Macau items without numbers.")

    # G02 Big5 HTML, Taiwan-style repost of a national medical-insurance notice
    body = [
        "各省、自治區、直轄市及新疆生產建設兵團醫療保障局：",
        "為進一步便利參保人員跨省就醫，依據《國家醫療保障局 財政部關於進一步做好基本醫療保險跨省異地就醫直接結算工作的通知》（醫保發〔2029〕21號），現就有關事項通知如下：",
        "一、擴大直接結算範圍。2031年底前，每個縣至少有1家定點醫療機構能夠提供包括門診慢特病在內的跨省直接結算服務。",
        "二、簡化備案手續。參保人員可以通過國家醫保服務平台應用程式線上辦理異地就醫備案，備案後即時生效。",
        "三、規範清算管理。各省級醫保部門按月完成跨省結算資金清算，不得無故拖欠。",
    ]
    body = [S2TW.convert(b) for b in body]
    html = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">
<title>國家醫療保障局辦公室關於做好跨省異地就醫直接結算服務的通知 - 兩岸醫療政策觀察</title></head>
<body>
<div class="bar">兩岸醫療政策觀察 ｜ 大陸政策 ｜ 醫保</div>
<h2>國家醫療保障局辦公室關於做好跨省異地就醫直接結算服務的通知</h2>
<p class="meta">醫保辦發〔2031〕9號　｜　發布：2031.08.09　｜　點閱：212</p>
<p>{body[0]}</p>
{paras_html(body[1:])}
<p align="right">國家醫療保障局辦公室<br>2031年8月2日</p>
<p class="note">【編按】本文轉錄自國家醫療保障局網站，僅供參考。</p>
<div class="foot">Copyright (C) 2031 兩岸醫療政策觀察</div>
</body></html>
"""
    write_text("h3G02_big5-repost-html.html", html, encoding="big5")
    truth("h3G02_big5-repost-html.html", "big5-repost", "医保办发〔2031〕9号",
          "国家医疗保障局办公室关于做好跨省异地就医直接结算服务的通知", ["国家医疗保障局办公室"],
          "2031-08-02", "全国", ["医保发〔2029〕21号"], encoding="big5",
          notes="BIG5 HTML with <meta charset=big5>, Taiwan wording (OpenCC s2tw: 應用程式); own 文号 in a meta line with ｜ separators and the repost date 2031.08.09 with dots; signature issuer and date in one <p> split by <br>; cited joint title with two bodies separated by a space; footer Copyright (C) 2031.")

    # G03 UTF-8 traditional repost with pinyin junk
    body_s = [
        "各市卫生健康委，省直有关医疗卫生单位：",
        "近年来我省布鲁氏菌病报告发病数有所上升。为有效遏制疫情，依据《国家疾控局关于加强布鲁氏菌病防控工作的通知》（国疾控传防发〔2028〕7号），现就加强防控工作通知如下：",
        "一、各级医疗机构对有牛羊接触史的发热患者，要及时开展布病血清学检测，检测阳性者在24小时内报告。",
        "二、县级疾控机构对报告病例100%开展流行病学调查，并会同农业农村部门追溯感染来源。",
        "三、重点县对养殖、屠宰、皮毛加工等高风险人群每年开展1次主动筛查。",
        "四、各市要于2029年11月底前将全年工作总结报省卫生健康委疾控处。",
    ]
    text = (pinyin_junk("山西省卫生健康委员会关于加强布鲁氏菌病防控工作的通知") + "\n"
            + "發(fā)文字號(hào)：" + pinyin_junk("晋卫疾控发〔2029〕15号", every=("发",)) + "\n"
            + "發(fā)佈日期：2029-06-24\n\n"
            + "\n".join("　　" + pinyin_junk(p) for p in body_s) + "\n\n"
            + pinyin_junk("山西省卫生健康委员会") + "\n二〇二九年六月十七日\n\n"
            + "（轉載自山西省衛生健康委網站）\n")
    write_text("h3G03_traditional-pinyin-txt.txt", text)
    truth("h3G03_traditional-pinyin-txt.txt", "traditional-repost", "晋卫疾控发〔2029〕15号",
          "山西省卫生健康委员会关于加强布鲁氏菌病防控工作的通知", ["山西省卫生健康委员会"],
          "2029-06-17", "山西", ["国疾控传防发〔2028〕7号"],
          notes="UTF-8 traditional text with pinyin junk after 發/衛/會/關/層/號/測/報 — in the title, the signature, the cite, and 發(fā) inside the own 文号 (晉衛疾控發(fā)〔2029〕15號); 發(fā)文字號(hào)： label; 發佈日期 2029-06-24 vs signature date in Chinese numerals 二〇二九年六月十七日; 100%, 24小時 distractors.")


# ---------------------------------------------------------------------------
# H. joint notices
# ---------------------------------------------------------------------------
def make_h():
    text = """国家卫生健康委　公安部　交通运输部关于加强院前医疗急救与道路交通事故救援衔接工作的通知

国卫医急发〔2031〕8号

各省、自治区、直辖市及新疆生产建设兵团卫生健康委、公安厅（局）、交通运输厅（局、委）：
　　为提高道路交通事故伤员救治成功率，根据《国务院办公厅关于进一步加强院前医疗急救体系建设的意见》（国办发〔2029〕18号），现就加强院前医疗急救与道路交通事故救援衔接工作通知如下：
　　一、建立信息互通机制。2031年底前，各地市120急救调度平台与公安交管指挥平台实现事故警情实时推送，高速公路事故信息同步推送至路段管理单位。
　　二、优化现场救援流程。急救人员到达现场后，交警优先保障急救车辆通行和停靠，路政部门配合开辟应急通道。
　　三、加强高速公路沿线急救站点建设。原则上每50公里设置1个急救站点，服务区预留急救车辆停靠位。
　　四、开展联合演练。各省每年至少组织1次三部门联合演练。

国家卫生健康委　　　　公安部　　　　交通运输部
2031年5月6日
（信息公开形式：主动公开）
"""
    write_text("h3H01_joint-notice-txt.txt", text)
    truth("h3H01_joint-notice-txt.txt", "joint-notice", "国卫医急发〔2031〕8号",
          "国家卫生健康委 公安部 交通运输部关于加强院前医疗急救与道路交通事故救援衔接工作的通知",
          ["国家卫生健康委员会", "公安部", "交通运输部"], "2031-05-06", "全国", ["国办发〔2029〕18号"],
          notes="Three national bodies: the title starts with the three short names separated by full-width spaces (truth title uses ASCII spaces, whitespace is ignored in scoring); all three signing bodies on ONE line separated by runs of full-width spaces; 文号 on its own line after the title; 50公里, 120 distractors.")

    body = [
        "各市卫生健康委、民政局、医疗保障局：",
        "为推动医养结合机构规范发展，按照《国家卫生健康委等部门关于深入推进医养结合发展的意见》（国卫老龄发〔2031〕4号）部署，结合我省实际，现就推进医养结合机构服务质量提升工作通知如下：",
        "#一、开展服务质量评估",
        "2032年起，每两年对全省医养结合机构开展一次服务质量评估，评估结果分为优秀、良好、合格和不合格四个等级，向社会公布。",
        "#二、完善医保支持政策",
        "符合条件的医养结合机构内设医疗机构可以申请纳入医保定点，按规定结算入住老年人的医疗费用。",
        "#三、加强人员培训",
        "各市每年组织医养结合机构医护人员和养老护理员培训不少于40学时。",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>浙江省卫生健康委员会 浙江省民政厅 浙江省医疗保障局关于推进医养结合机构服务质量提升的通知</title></head>
<body>
<div class="head">浙江省卫生健康委员会</div>
<div class="dh">首页 » 政务公开 » 政策文件 » 省级文件</div>
<div class="wz">
<h1>浙江省卫生健康委员会 浙江省民政厅 浙江省医疗保障局关于推进医养结合机构服务质量提升的通知</h1>
<div class="xx">日期：2032-02-21　　文号：浙卫发〔2032〕5号　　来源：老龄健康处　　字号：<a>大</a>|<a>中</a>|<a>小</a></div>
<div class="nr">
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">浙江省卫生健康委员会</p>
<p style="text-align:right;">浙江省民政厅</p>
<p style="text-align:right;">浙江省医疗保障局</p>
<p style="text-align:right;">2032年2月14日</p>
</div>
<div class="xgwj"><b>相关文件：</b><a href="/art/2031/11/2/art_1229123_5906.html">浙江省卫生健康委员会 浙江省民政厅关于开展医养结合示范机构创建工作的通知</a></div>
<div class="dy"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
</div>
<div class="foot">浙ICP备05017412号-2　浙公网安备 33010602009873号</div>
</body></html>
"""
    write_text("h3H02_joint-portal-html.html", html)
    truth("h3H02_joint-portal-html.html", "joint-notice", "浙卫发〔2032〕5号",
          "浙江省卫生健康委员会 浙江省民政厅 浙江省医疗保障局关于推进医养结合机构服务质量提升的通知",
          ["浙江省卫生健康委员会", "浙江省民政厅", "浙江省医疗保障局"], "2032-02-14", "浙江", ["国卫老龄发〔2031〕4号"],
          notes="Joint provincial notice on a portal: three bodies STACKED on separate right-aligned lines above the date; 文号 in the info line between 日期 (2032-02-21, publication) and 来源; <title> without site suffix; 相关文件 link title has no 文号; 40学时 distractor.")

    text = """广东省卫生健康委员会
广 东 省 妇 女 联 合 会

粤卫妇幼〔2028〕22号

关于做好2028年农村妇女“两癌”检查项目工作的通知

各地级以上市卫生健康局（委）、妇联：
　　为继续做好我省农村妇女宫颈癌和乳腺癌检查项目，按照《广东省卫生健康委员会关于印发广东省妇女“两癌”筛查项目管理方案（2027年版）的通知》（粤卫妇幼函〔2027〕31号）要求，现就2028年项目工作通知如下：
　　一、2028年全省计划完成宫颈癌检查52万人、乳腺癌检查48万人，各市任务数见附件。
　　二、各级妇联负责宣传动员，组织适龄农村妇女按时参加检查；卫生健康部门负责确定检查机构、开展质量控制。
　　三、检查机构应当在检查后30个工作日内将结果告知受检妇女，异常病例要跟踪随访至确诊。
　　四、各市于2029年1月15日前报送年度工作总结。

附件：2028年各地级以上市农村妇女“两癌”检查任务分配表

广东省卫生健康委员会
广东省妇女联合会
2028年4月3日
"""
    write_text("h3H03_joint-stacked-txt.txt", text)
    truth("h3H03_joint-stacked-txt.txt", "joint-notice", "粤卫妇幼〔2028〕22号",
          "关于做好2028年农村妇女“两癌”检查项目工作的通知", ["广东省卫生健康委员会", "广东省妇女联合会"],
          "2028-04-03", "广东", ["粤卫妇幼函〔2027〕31号"],
          notes="Joint header of two stacked bodies (the second letter-spaced: 广 东 省 妇 女 联 合 会) WITHOUT 文件; title without issuer, containing “两癌” quotes; stacked signature; cited title contains （2027年版）; 52万/48万, 30个工作日, 2029-01-15 distractors; attachment named, not included.")
# ---------------------------------------------------------------------------
# I. letters, J. 公告, K. 令
# ---------------------------------------------------------------------------
def make_i_j_k():
    text = """河南省卫生健康委员会

豫卫医函〔2029〕64号

河南省卫生健康委员会关于郑州市申请开展
互联网医院监管试点有关事项的复函

郑州市卫生健康委员会：
　　你委《关于申请开展互联网医院监管试点的请示》（郑卫文〔2029〕118号）收悉。经研究，现函复如下：
　　一、同意郑州市开展互联网医院监管试点，试点期限为2030年1月1日至2031年12月31日。
　　二、试点期间，你委要将辖区互联网医院全部接入省互联网医疗服务监管平台，实现诊疗行为、处方流转和药品配送全程留痕。
　　三、试点中形成的监管办法和技术规范，请于试点结束后1个月内报送我委医政处。
　　此复。

河南省卫生健康委员会
2029年11月11日
（此件依申请公开）
"""
    write_text("h3I01_letter-reply-txt.txt", text)
    truth("h3I01_letter-reply-txt.txt", "letter-han", "豫卫医函〔2029〕64号",
          "河南省卫生健康委员会关于郑州市申请开展互联网医院监管试点有关事项的复函", ["河南省卫生健康委员会"],
          "2029-11-11", "河南", ["郑卫文〔2029〕118号"], kind="letter",
          notes="复函 to a city commission: the addressee (郑州市卫生健康委员会) is not an issuer; the request it answers is cited by title + 郑卫文〔2029〕118号 in the first sentence; trial period 2030-01-01..2031-12-31 distractors; header line is the issuer alone (letter format), title in two lines.")

    text = """大连市卫生健康委员会

大卫函〔2030〕37号　　　　　　　　　　　　　　　　　　　　

关于商请提供2030年度流动人口健康档案数据的函

大连市公安局：
　　为做好流动人口基本公共卫生服务，按照《辽宁省卫生健康委员会关于做好流动人口健康服务工作的通知》（辽卫发〔2029〕22号）要求，我委拟对全市流动人口电子健康档案开展核对更新。为确保数据准确，商请贵局协助提供截至2030年3月31日全市登记在册流动人口的居住地址和联系方式（按区市县分列）。
　　数据将仅用于健康档案核对，我委将严格按照有关规定做好信息安全保护。
　　盼复。

大连市卫生健康委员会
2030年3月29日

（联系人：基层卫生处　王宁　电话：0411-83628197）
"""
    write_text("h3I02_letter-city-txt.txt", text)
    truth("h3I02_letter-city-txt.txt", "letter-han", "大卫函〔2030〕37号",
          "关于商请提供2030年度流动人口健康档案数据的函", ["大连市卫生健康委员会"],
          "2030-03-29", "辽宁", ["辽卫发〔2029〕22号"], kind="letter",
          notes="商请函 to a peer body (大连市公安局 is the addressee, not an issuer); 文号 line padded with trailing full-width spaces; title without issuer; cut-off 2030-03-31 is AFTER the signature date 2030-03-29 (distractor); phone 0411-83628197; city 大连 -> 辽宁.")

    body = [
        "各省、自治区、直辖市及新疆生产建设兵团卫生健康委：",
        "为贯彻《国家卫生健康委关于加强急诊急救体系建设的意见》（国卫医急发〔2030〕7号），规范胸痛、卒中、创伤中心建设，我委组织制定了《急诊急救“三大中心”建设与管理指南（2032年版）》。现印发给你们，请结合实际认真执行。",
        "附件：急诊急救“三大中心”建设与管理指南（2032年版）",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国家卫生健康委办公厅关于印发急诊急救“三大中心”建设与管理指南（2032年版）的通知</title></head>
<body>
<div class="top">国家卫生健康委员会 &gt; 医疗应急司 &gt; 工作通知</div>
<table class="tb">
<tr><td>发文机关：</td><td>医疗应急司</td><td>发文日期：</td><td>2032-03-05</td></tr>
</table>
<div class="tit">国家卫生健康委办公厅关于印发急诊急救“三大中心”建设与管理指南（2032年版）的通知</div>
<div class="con">
<p style="text-align:center;">国卫办医急函〔2032〕15号</p>
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">国家卫生健康委办公厅</p>
<p style="text-align:right;">2032年2月28日</p>
<p>（信息公开形式：主动公开）</p>
</div>
<div class="ft">版权所有 国家卫生健康委员会　京ICP备18052910号　京公网安备 11010502039112号</div>
</body></html>
"""
    write_text("h3I03_han-number-notice-html.html", html)
    truth("h3I03_han-number-notice-html.html", "letter-han", "国卫办医急函〔2032〕15号",
          "国家卫生健康委办公厅关于印发急诊急救“三大中心”建设与管理指南（2032年版）的通知",
          ["国家卫生健康委办公厅"], "2032-02-28", "全国", ["国卫医急发〔2030〕7号"],
          notes="A 通知 (kind notice) carrying a 函-type number; the page's 发文机关 cell names the department (医疗应急司) and 发文日期 2032-03-05 is the posting date — neither is the issuer/date; title contains “三大中心” and （2032年版）; own 文号 centred as the first body line.")

    # J01 national 公告 with number on its own line under the title
    body = [
        "根据药品不良反应评估结果，为进一步保障公众用药安全，国家药品监督管理局决定对甲磺酸倍他司汀片说明书【不良反应】【禁忌】【注意事项】等项进行统一修订。现将有关事项公告如下：",
        "一、上述药品的上市许可持有人均应当依据《药品注册管理办法》等有关规定，按照要求提出修订说明书的补充申请，于2030年5月27日前报省级药品监督管理部门备案。",
        "二、临床医师、药师应当仔细阅读上述药品说明书的修订内容，在选择用药时，应当根据新修订说明书进行充分的效益/风险分析。",
        "三、本公告同时对《国家药监局关于修订倍他司汀类制剂说明书的公告》（2027年第44号）中的相应内容予以调整。",
        "特此公告。",
        "附件：甲磺酸倍他司汀片说明书修订要求",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国家药监局关于修订甲磺酸倍他司汀片说明书的公告（2030年第12号）</title></head>
<body>
<div class="nav">首页 &gt; 药品 &gt; 药品监管 &gt; 药品公告通告</div>
<div class="article">
<h2 class="articletitle">国家药监局关于修订甲磺酸倍他司汀片说明书的公告</h2>
<p class="num" style="text-align:center;">2030年 第12号</p>
<p class="pubtime">发布时间：2030-03-01</p>
{paras_html(body)}
<p style="text-align:right;">国家药监局</p>
<p style="text-align:right;">2030年2月27日</p>
<p>附件下载：<a href="/directory/web/nmpa/images/ufq57ehh2030022701.docx">2030年第12号公告附件.docx</a></p>
</div>
<div class="footer">国家药品监督管理局 版权所有　京ICP备13027807号　网站标识码bm86000001</div>
</body></html>
"""
    write_text("h3J01_gong-gao-html.html", html)
    truth("h3J01_gong-gao-html.html", "gong-gao", "国家药监局公告2030年第12号",
          "国家药监局关于修订甲磺酸倍他司汀片说明书的公告", ["国家药品监督管理局"],
          "2030-02-27", "全国", ["国家药监局公告2027年第44号"], kind="announcement",
          notes="National 公告: <title> ends with （2030年第12号）; the page shows the number as '2030年 第12号' (space) on its own line under the h2; cite given as title + （2027年第44号） (normalised with the agency); signature short name 国家药监局; 发布时间 2030-03-01; deadline 2030-05-27 and attachment file name with digits are distractors.")

    text = """国家卫生健康委员会公告
2031年　第4号

关于藜麦苗粉等15种“三新食品”的公告

　　根据《中华人民共和国食品安全法》规定，审评机构组织专家对藜麦苗粉等15种“三新食品”的安全性评估材料审查并通过。现予以公告。
　　一、藜麦苗粉等2种物质为新食品原料，其生产经营应当符合有关法律、法规、标准规定。
　　二、山梨糖醇酐硬脂酸酯等5种物质为食品添加剂新品种，扩大使用范围和用量的食品添加剂8种，质量规格要求及使用范围见附件。
　　三、《国家卫生健康委员会公告》（2029年第7号）中酶制剂来源的相关内容按本公告调整。
　　本公告自发布之日起实施。
　　特此公告。

　　附件：藜麦苗粉等15种“三新食品”目录及质量规格要求

国家卫生健康委员会
2031年9月12日

（发布日期：2031年9月18日　来源：食品安全标准与监测评估司）
"""
    write_text("h3J02_gong-gao-txt.txt", text)
    truth("h3J02_gong-gao-txt.txt", "gong-gao", "国家卫生健康委员会公告2031年第4号",
          "关于藜麦苗粉等15种“三新食品”的公告", ["国家卫生健康委员会"],
          "2031-09-12", "全国", ["国家卫生健康委员会公告2029年第7号"], kind="announcement",
          notes="Header '国家卫生健康委员会公告' + '2031年　第4号' (full-width space) above a title without the agency name; number normalised with the agency; cite written as 《国家卫生健康委员会公告》（2029年第7号）; 15种, 2种, 5种, 8种 and 发布日期 2031-09-18 distractors; 自发布之日起实施.")

    text = """国家卫生健康委员会令

第　18　号

　　《医疗机构病历管理办法》已于2031年6月20日经国家卫生健康委员会第14次委务会议审议通过，现予公布，自2031年10月1日起施行。

主任　　陈卫东
2031年7月8日

医疗机构病历管理办法

第一章　总　则

　　第一条　为加强医疗机构病历管理，保障医疗质量和安全，维护医患双方合法权益，制定本办法。
　　第二条　本办法所称病历，是指医务人员在医疗活动过程中形成的文字、符号、图表、影像、切片等资料的总和，包括门（急）诊病历和住院病历。
　　第三条　电子病历与纸质病历具有同等效力。
第二章　病历的保存
　　第四条　门（急）诊病历由医疗机构保管的，保存时间自患者最后一次就诊之日起不少于15年；住院病历保存时间自患者最后一次住院出院之日起不少于30年。
第三章　附　则
　　第五条　本办法自2031年10月1日起施行。《医疗机构病历书写规范》（国家卫生健康委员会令第3号）中与本办法不一致的，以本办法为准。
"""
    write_text("h3K01_ling-txt.txt", text)
    truth("h3K01_ling-txt.txt", "ling", "国家卫生健康委员会令第18号", "医疗机构病历管理办法",
          ["国家卫生健康委员会"], "2031-07-08", "全国", ["国家卫生健康委员会令第3号"], kind="order",
          notes="部门令: header '国家卫生健康委员会令' then '第　18　号' with full-width spaces; signer 主任 + invented name; meeting date 2031-06-20 and effective 2031-10-01 are distractors; title = the 办法 name on its own line after the order; cited earlier 令 as title + （国家卫生健康委员会令第3号）; chapter headings with spaced 总　则.")

    body = [
        "第一条　为了预防和妥善处理医疗纠纷，保护医患双方合法权益，维护医疗秩序，根据有关法律、行政法规，结合本省实际，制定本办法。",
        "第二条　本省行政区域内医疗纠纷的预防与处理，适用本办法。",
        "第三条　县级以上人民政府应当建立医疗纠纷人民调解委员会，人民调解不收取费用。",
        "第四条　医疗机构投诉接待部门应当自收到投诉之日起5个工作日内作出答复；情况复杂的，可以延长至15个工作日。",
        "第五条　本办法自2031年3月1日起施行。2018年1月15日公布的《广东省医疗纠纷预防与处理办法》（广东省人民政府令第250号）同时废止。",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>广东省医疗纠纷预防与处理办法_省政府令_广东省人民政府门户网站</title></head>
<body>
<div class="crumb">首页 &gt; 政务公开 &gt; 省政府令</div>
<div class="zw">
<h1>广东省医疗纠纷预防与处理办法</h1>
<div class="info">发布时间：2030-12-29　来源：省政府办公厅　分享：<a>微信</a></div>
<p style="text-align:center;"><b>广东省人民政府令</b></p>
<p style="text-align:center;">第355号</p>
<p style="text-indent:2em;">《广东省医疗纠纷预防与处理办法》已经2030年12月14日十四届省人民政府第62次常务会议通过，现予公布，自2031年3月1日起施行。</p>
<p style="text-align:right;">省长　　郑国安</p>
<p style="text-align:right;">2030年12月20日</p>
<p style="text-align:center;"><b>广东省医疗纠纷预防与处理办法</b></p>
{paras_html(body)}
</div>
<div class="ft">粤ICP备05070829号　粤公网安备 44010402000153号</div>
</body></html>
"""
    write_text("h3K02_ling-html.html", html)
    truth("h3K02_ling-html.html", "ling", "广东省人民政府令第355号", "广东省医疗纠纷预防与处理办法",
          ["广东省人民政府"], "2030-12-20", "广东", ["广东省人民政府令第250号"], kind="order",
          notes="Provincial government 令 page: h1 is the 办法 name (<title> '_省政府令_site'); header '广东省人民政府令' and '第355号' on separate lines; signer 省长 + invented name; meeting date 2030-12-14, 发布时间 2030-12-29, effective 2031-03-01 distractors; repealed earlier rule's date 2018年1月15日 and its 令 number (a cite).")
# ---------------------------------------------------------------------------
# L. news reports (no own 文号)
# ---------------------------------------------------------------------------
def make_l():
    html = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国家医保局等三部门：2031年起门诊慢特病跨省直接结算覆盖所有统筹地区-健康时报网</title>
<meta name="publishdate" content="2030-12-08"></head>
<body>
<div class="channel">健康时报网 &gt; 政策 &gt; 医保</div>
<h1>国家医保局等三部门：2031年起门诊慢特病跨省直接结算覆盖所有统筹地区</h1>
<div class="src">2030-12-08 09:15　来源：健康时报网　记者　孙晓雯</div>
<div class="text">
<p>　　本报讯　记者12月7日从国家医保局获悉，国家医保局、财政部、国家卫生健康委近日联合印发《关于扩大门诊慢特病跨省直接结算范围的通知》（医保发〔2030〕27号，以下简称《通知》），明确自2031年1月1日起，高血压、糖尿病、恶性肿瘤门诊放化疗、尿毒症透析、器官移植术后抗排异治疗等10种门诊慢特病跨省直接结算覆盖全国所有统筹地区。</p>
<p>　　《通知》要求，各统筹地区要在2031年3月底前完成信息系统改造，每个县至少确定1家可以结算上述病种的定点医疗机构。</p>
<p>　　国家医保局有关负责人介绍，2029年印发的《关于开展门诊慢特病相关治疗费用跨省直接结算试点的通知》（医保发〔2029〕40号）实施以来，试点地区累计结算超过1200万人次。</p>
<p>　　（责任编辑：马宁）</p>
</div>
<div class="copy">健康时报网版权所有　互联网新闻信息服务许可证10120180027　京ICP证060591号　京公网安备11010502038877号</div>
</body></html>
"""
    write_text("h3L01_news-report-html.html", html)
    truth("h3L01_news-report-html.html", "news-report", "",
          "国家医保局等三部门：2031年起门诊慢特病跨省直接结算覆盖所有统筹地区", [],
          "2030-12-08", "全国", ["医保发〔2030〕27号", "医保发〔2029〕40号"], kind="news",
          notes="News site article: no own 文号; the reported joint notice's number inside parentheses with 以下简称 (a cite) and an earlier pilot notice's number (a cite); headline with colon and a future year; '12月7日' vs article date 2030-12-08 09:15; licence 10120180027, 京ICP证060591号 and 公网安备 are not 文号; no issuer (the outlet and 国家医保局 are not issuers).")

    text = """泉州晚报　2029年10月16日　星期二　A05版　民生新闻

泉州：全市村卫生所明年实现医保结算全覆盖

　　本报讯（记者　黄雅琳　通讯员　陈一鸣）记者昨日从市卫健委获悉，市卫健委、市医保局日前联合印发《关于推进村卫生所医保定点全覆盖的实施方案》（泉卫基层〔2029〕14号），提出到2030年6月底，全市符合条件的村卫生所全部纳入医保定点，村民在家门口看病可以直接刷医保卡或医保电子凭证结算。
　　据介绍，方案落实了省卫健委《关于加强村卫生所规范化管理的通知》（闽卫基层〔2028〕33号）的要求，对暂不具备条件的村卫生所，将由乡镇卫生院通过“院所一体化”管理方式带动纳入。
　　目前，全市已有1624家村卫生所开通医保结算，占比约78%。
　　（编辑：吴　敏）

　　本版热线：0595-22500110
"""
    write_text("h3L02_news-report-txt.txt", text)
    truth("h3L02_news-report-txt.txt", "news-report", "", "泉州：全市村卫生所明年实现医保结算全覆盖", [],
          "2029-10-16", "福建", ["泉卫基层〔2029〕14号", "闽卫基层〔2028〕33号"], kind="news",
          notes="Newspaper page text (泉州晚报, city -> 福建): date only in the masthead with weekday and page 'A05版'; byline with reporter and 通讯员; the reported joint plan's 文号 and the provincial notice's 文号 are cites; 2030年6月底, 1624家, 78%, hotline 0595-22500110 distractors; no issuer.")

    html = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>市卫生健康委召开全市医疗机构消防安全工作部署会_工作动态_天津市卫生健康委员会</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a></div>
<div class="pos">当前位置：首页 &gt; 新闻中心 &gt; 工作动态</div>
<h1>市卫生健康委召开全市医疗机构消防安全工作部署会</h1>
<div class="info">发布时间：2032-01-19　　来源：规划发展与信息化处　　浏览次数：<span>582</span>　　字号：<a>大</a> <a>中</a> <a>小</a></div>
<div class="content">
<p>　　1月18日，市卫生健康委召开全市医疗机构消防安全工作部署会，传达学习全市安全生产工作会议精神，对春节前后医疗机构消防安全工作进行部署。</p>
<p>　　会议指出，各单位要严格落实《天津市卫生健康委员会关于加强医疗机构消防安全管理的通知》（津卫医政〔2032〕3号）要求，在2月10日前完成一轮全覆盖隐患排查，重点检查住院楼、手术室、高压氧舱和配电室。</p>
<p>　　各区卫生健康委、委直属各单位主要负责同志和分管安全工作的负责同志共120余人参加会议。</p>
</div>
<div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
<div class="sx">
<p>上一篇：<a href="/xwzx/gzdt/203201/t20320117_6634.html">天津市卫生健康委员会关于印发2032年全市卫生健康工作要点的通知（津卫办〔2032〕1号）</a></p>
<p>下一篇：<a href="/xwzx/gzdt/203201/t20320120_6641.html">市卫生健康委开展春节前走访慰问活动</a></p>
</div>
<div class="foot">津ICP备13000452号-1　津公网安备 12010302001274号</div>
</body></html>
"""
    write_text("h3L03_gov-work-news-html.html", html)
    truth("h3L03_gov-work-news-html.html", "news-report", "",
          "市卫生健康委召开全市医疗机构消防安全工作部署会", [], "2032-01-19", "天津",
          ["津卫医政〔2032〕3号", "津卫办〔2032〕1号"], kind="news",
          notes="工作动态 on the commission's own portal (nav, 浏览次数, 字号, 打印/关闭) — news, no own 文号, no issuer; the notice it enforces is a cite; the 上一篇 link title carries another 文号 (a cite, after the body); meeting date 1月18日 vs publication 2032-01-19; URL paths with 203201/t20320117 digits.")

    text = """新华社北京3月1日电（记者　周以宁）国家药监局3月1日发布公告，决定对甲磺酸倍他司汀片说明书进行统一修订。

国家药监局发布公告　修订甲磺酸倍他司汀片说明书

　　根据《国家药监局关于修订甲磺酸倍他司汀片说明书的公告》（2030年第12号），上述药品说明书【不良反应】项应当增加皮疹、瘙痒、头痛等内容，【禁忌】项增加“嗜铬细胞瘤患者禁用”。
　　公告要求，药品上市许可持有人应当在5月27日前报省级药品监督管理部门备案，此前已经出厂的药品可以继续流通使用。
　　这是国家药监局近年来第二次统一调整此类药品的说明书。

（完）
发稿时间：2030-03-01 16:40:12
"""
    write_text("h3L04_news-gonggao-txt.txt", text)
    truth("h3L04_news-gonggao-txt.txt", "news-report", "", "国家药监局发布公告　修订甲磺酸倍他司汀片说明书", [],
          "2030-03-01", "全国", ["国家药监局公告2030年第12号"], kind="news",
          notes="Wire story: the dateline paragraph comes BEFORE the headline; headline has a full-width space (truth keeps it; scoring ignores whitespace); the reported 公告 cited as title + （2030年第12号）; 发稿时间 2030-03-01 16:40:12; 5月27日 distractor.")
# ---------------------------------------------------------------------------
# M. attachments named, N. 文号 on the title line
# ---------------------------------------------------------------------------
def make_m_n():
    body = [
        "各市（州）卫生健康局，贵安新区社会事务管理局，委直属各医疗卫生单位：",
        "为规范基层医疗卫生机构医疗废物管理，防止疾病传播和环境污染，我委制定了《贵州省基层医疗卫生机构医疗废物管理指引》，现印发给你们，请遵照执行。执行中的问题请及时反馈我委医政医管处。",
        "《贵州省卫生健康委员会关于加强基层医疗废物收集转运工作的通知》（黔卫健发〔2028〕40号）自本通知印发之日起废止。",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>贵州省卫生健康委员会关于印发贵州省基层医疗卫生机构医疗废物管理指引的通知_通知公告_贵州省卫生健康委员会</title></head>
<body>
<div class="crumb">首页 &gt; 政务公开 &gt; 通知公告</div>
<h1>贵州省卫生健康委员会关于印发贵州省基层医疗卫生机构医疗废物管理指引的通知</h1>
<div class="meta">发布时间：2031-07-12 16:05　信息来源：医政医管处　浏览：<span>1033</span></div>
<div class="content">
<p style="text-align:center;">黔卫健发〔2031〕22号</p>
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-indent:2em;">附件：1.贵州省基层医疗卫生机构医疗废物管理指引</p>
<p style="text-indent:6em;">2.医疗废物分类目录（2031年版）</p>
<p style="text-indent:6em;">3.医疗废物暂存点建设参考图例</p>
<p style="text-align:right;">贵州省卫生健康委员会</p>
<p style="text-align:right;">2031年7月7日</p>
</div>
<div class="fj">附件下载：<br>
<a href="/uploadfiles/2031/07/12/20310712160501234.pdf">附件1.贵州省基层医疗卫生机构医疗废物管理指引.pdf</a><br>
<a href="/uploadfiles/2031/07/12/20310712160502288.xlsx">附件2.医疗废物分类目录（2031年版）.xlsx</a><br>
<a href="/uploadfiles/2031/07/12/20310712160503117.pdf">附件3.医疗废物暂存点建设参考图例.pdf</a></div>
<div class="foot">黔ICP备12003519号　贵公网安备 52010302000718号</div>
</body></html>
"""
    write_text("h3M01_attachments-named-html.html", html)
    truth("h3M01_attachments-named-html.html", "attachments-named", "黔卫健发〔2031〕22号",
          "贵州省卫生健康委员会关于印发贵州省基层医疗卫生机构医疗废物管理指引的通知", ["贵州省卫生健康委员会"],
          "2031-07-07", "贵州", ["黔卫健发〔2028〕40号"],
          notes="Cover notice whose three attachments are only named (附件：1.… 2.… 3.…) and linked for download, not included; download file names are long digit runs (20310712160501234); 附件 named BEFORE the signature; （2031年版） is not a number; repealed 2028 notice is a cite; 发布时间 2031-07-12 16:05.")

    text = """西藏自治区卫生健康委员会关于开展2028年高原病防治能力提升项目的通知
藏卫医发〔2028〕17号

各地（市）卫生健康委，自治区人民医院、自治区藏医院、自治区疾控中心：
　　为提升基层高原病防治能力，经研究，决定在全区开展2028年高原病防治能力提升项目。现将项目实施方案等印发给你们，请认真组织实施。
　　一、项目覆盖全区74个县（区），重点支持海拔4000米以上的县乡两级医疗卫生机构。
　　二、各地（市）要在2028年6月30日前完成县级高原病诊疗培训，10月31日前完成乡镇卫生院配置便携式制氧设备。
　　三、项目资金按照《西藏自治区医疗卫生项目资金管理办法》管理，专款专用。

附件：1. 2028年高原病防治能力提升项目实施方案
　　　2. 急性高原病诊疗技术要点（2028年版）
　　　3. 项目绩效目标表
　　（附件略）

西藏自治区卫生健康委员会
2028年5月25日
"""
    write_text("h3M02_attachments-named-txt.txt", text)
    truth("h3M02_attachments-named-txt.txt", "attachments-named", "藏卫医发〔2028〕17号",
          "西藏自治区卫生健康委员会关于开展2028年高原病防治能力提升项目的通知", ["西藏自治区卫生健康委员会"],
          "2028-05-25", "西藏", [],
          notes="Title first, 文号 on the next line; three attachments named with '（附件略）' — not included; an attachment name starts with a year '2028年…' after '1. '; 74个县, 4000米, 2028-06-30, 10月31日 distractors; no cites.")

    text = """沪卫医〔2029〕31号　上海市卫生健康委员会关于优化医疗机构门诊预约挂号服务的通知

各区卫生健康委，申康医院发展中心，各有关医疗机构：
　　为方便市民就医，根据《上海市卫生健康委员会关于推进便捷就医服务的实施意见》（沪卫医〔2028〕52号），现就优化本市医疗机构门诊预约挂号服务通知如下：
　　一、市级医院和区域医疗中心专家门诊号源全部实行预约，普通门诊预约比例不低于70%。
　　二、预约挂号可提前14天进行，爽约3次以上的患者90日内暂停线上预约。
　　三、各医院要设置老年人预约绿色通道，保留不少于5%的现场号源。
　　本通知自2030年1月1日起施行。

上海市卫生健康委员会
2029年12月12日
"""
    write_text("h3N01_docno-before-title-txt.txt", text)
    truth("h3N01_docno-before-title-txt.txt", "docno-title-line", "沪卫医〔2029〕31号",
          "上海市卫生健康委员会关于优化医疗机构门诊预约挂号服务的通知", ["上海市卫生健康委员会"],
          "2029-12-12", "上海", ["沪卫医〔2028〕52号"],
          notes="文号 BEFORE the title on the SAME first line, separated by one full-width space; the cite shares the own prefix 沪卫医; effective 2030-01-01 distractor; 70%, 14天, 90日, 5% distractors.")

    body = [
        "各盟市卫生健康委，满洲里市、二连浩特市卫生健康委，委直属各单位：",
        "为解决牧区群众看病远、看病难问题，按照《内蒙古自治区卫生健康委员会关于推进基层卫生服务能力提升的实施方案》（内卫基层字〔2029〕16号）要求，现就加强牧区流动医疗服务工作通知如下：",
        "一、每个牧区苏木乡镇卫生院至少配备1辆流动医疗服务车，每月到各嘎查巡回诊疗不少于2次。",
        "二、旗县级医院每季度派出专科医生随车开展巡诊，重点做好包虫病、高血压、慢阻肺筛查。",
        "三、流动医疗服务纳入家庭医生签约服务考核，所需经费从基本公共卫生服务经费中列支。",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>内蒙古自治区卫生健康委员会</title></head>
<body>
<div class="dqwz">当前位置：首页 &gt; 信息公开 &gt; 文件通知</div>
<h1 class="title">内蒙古自治区卫生健康委员会关于加强牧区流动医疗服务的通知<span class="wh">内卫基层字〔2030〕9号</span></h1>
<div class="meta">发布日期：2030-08-26　点击：<span>765</span></div>
<div class="zw">
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">内蒙古自治区卫生健康委员会<br>2030年8月19日</p>
</div>
<div class="foot">蒙ICP备05002987号</div>
</body></html>
"""
    write_text("h3N02_docno-after-title-html.html", html)
    truth("h3N02_docno-after-title-html.html", "docno-title-line", "内卫基层字〔2030〕9号",
          "内蒙古自治区卫生健康委员会关于加强牧区流动医疗服务的通知", ["内蒙古自治区卫生健康委员会"],
          "2030-08-19", "内蒙古", ["内卫基层字〔2029〕16号"],
          notes="文号 AFTER the title inside the same h1 in a <span> with NO whitespace, so extracted text glues '…的通知内卫基层字〔2030〕9号'; <title> is only the site name; signature and date in one <p> split by <br>; 发布日期 2030-08-26; 苏木/嘎查 place words.")
# ---------------------------------------------------------------------------
# O. decoy numbers, P. pages without an own 文号, Q. policy interpretation
# ---------------------------------------------------------------------------
def make_o_p_q():
    text = """辽宁省卫生健康委员会 政府信息公开
索引号：11210000MB0123678Q/2032-00041　　统一登记号：LNSG-2032-00011
成文日期：2032年2月9日　　文号：辽卫医〔2032〕4号

辽宁省卫生健康委员会关于规范医疗机构消毒供应中心管理的通知

各市卫生健康委，沈抚示范区社会事业局，委直属各医疗机构：
　　为规范医疗机构消毒供应中心建设和管理，依据《医院消毒供应中心管理规范》（WS 310.1—2031）和《国家卫生健康委办公厅关于加强消毒供应中心质量管理的通知》（国卫办医政函〔2031〕77号），现就有关事项通知如下：
　　一、二级以上医院应当设置独立的消毒供应中心，清洗消毒设备应当取得医疗器械注册证（如 辽械注准20322140031），并建立设备档案。
　　二、消毒供应中心应当按照《消毒技术规范（2031年版）》每日开展灭菌效果监测，生物监测每周不少于1次。
　　三、医疗机构执业许可证登记号、消毒产品卫生许可证号（辽卫消证字〔2031〕第0012号）等证照信息应当在中心入口公示。
　　四、各市于2032年3月31日前将辖区自查情况报省卫生健康委医政处，联系电话024-23386412。

辽宁省卫生健康委员会
2032年2月9日

网站地图 | 联系我们　辽ICP备06008835号　辽公网安备 21010202000374号
"""
    write_text("h3O01_decoy-numbers-txt.txt", text)
    truth("h3O01_decoy-numbers-txt.txt", "decoy-numbers", "辽卫医〔2032〕4号",
          "辽宁省卫生健康委员会关于规范医疗机构消毒供应中心管理的通知", ["辽宁省卫生健康委员会"],
          "2032-02-09", "辽宁", ["国卫办医政函〔2031〕77号"],
          notes="Decoys that are not 文号: 统一登记号 LNSG-2032-00011, standard WS 310.1—2031, device registration 辽械注准20322140031, a licence number written like a 文号 '辽卫消证字〔2031〕第0012号' (bracketed year + 第…号, a certificate, not a cite), （2031年版）, phone, ICP/公安备案; own 文号 only in the disclosure line, on the same line as 成文日期; one real cite.")

    text = """宁波市卫生健康委员会关于2030年度全市医疗机构医疗质量安全不良事件报告情况的通报

甬卫发〔2031〕3号

各区（县、市）卫生健康局，市级各医疗机构：
　　根据《国家卫生健康委关于印发医疗质量安全不良事件管理办法的通知》（国卫医政发〔2029〕11号）、《浙江省卫生健康委员会关于做好医疗质量安全不良事件报告工作的通知》（浙卫发〔2029〕38号）和《宁波市医疗质量安全不良事件报告管理实施细则》（甬卫发〔2029〕56号）要求，市医疗质量控制中心对2030年度全市医疗机构不良事件报告情况进行了统计分析。现将有关情况通报如下：
　　一、总体情况。2030年全市共报告医疗质量安全不良事件21634例，每百名出院患者报告数为2.3例，较上年提高0.4例。
　　二、存在问题。部分民营医院报告数明显偏低，个别医院存在迟报、漏报情况；用药错误和跌倒坠床事件占比仍然较高。
　　三、下一步要求。各单位要对照《关于进一步加强患者安全管理的通知》（甬卫办〔2030〕19号）落实整改，2031年起不良事件报告情况纳入医院等级评审。

宁波市卫生健康委员会
2031年1月26日
"""
    write_text("h3O02_decoy-many-cites-txt.txt", text)
    truth("h3O02_decoy-many-cites-txt.txt", "decoy-numbers", "甬卫发〔2031〕3号",
          "宁波市卫生健康委员会关于2030年度全市医疗机构医疗质量安全不良事件报告情况的通报", ["宁波市卫生健康委员会"],
          "2031-01-26", "浙江", ["国卫医政发〔2029〕11号", "浙卫发〔2029〕38号", "甬卫发〔2029〕56号", "甬卫办〔2030〕19号"],
          notes="通报 with FOUR cites in one 根据… sentence and later, one with the SAME prefix 甬卫发 as the own number; title starts with the year 2030年度; 21634例, 2.3例 distractors; city 宁波 -> 浙江.")

    body = [
        "各镇人民政府、街道办事处，区级各医疗卫生单位：",
        "今年5月14日至20日是第18个全民营养周。为做好宣传活动，根据《重庆市卫生健康委员会办公室关于开展2032年全民营养周活动的通知》要求，现就我区活动安排通知如下：",
        "一、活动主题为“吃动平衡　健康体重”。",
        "二、各社区卫生服务中心要在活动周期间至少开展1场营养义诊，区疾控中心在两路、龙溪等街道组织营养知识进社区活动。",
        "三、各单位于5月25日前将活动总结报区卫生健康委疾控科。",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>渝北区卫生健康委员会关于开展2032年全民营养周宣传活动的通知_重庆市渝北区人民政府</title></head>
<body>
<div class="crumb">首页 &gt; 政务公开 &gt; 部门信息 &gt; 区卫生健康委</div>
<table class="xxgk">
<tr><td>索引号：</td><td>11500112MB1539872L/2032-00028</td><td>发布机构：</td><td>渝北区卫生健康委员会</td></tr>
<tr><td>文　号：</td><td></td><td>成文日期：</td><td>2032-05-09</td></tr>
<tr><td>发布日期：</td><td>2032-05-10</td><td>主题分类：</td><td>卫生</td></tr>
</table>
<h1>渝北区卫生健康委员会关于开展2032年全民营养周宣传活动的通知</h1>
<div class="zoom">
<p>{body[0]}</p>
{paras_html(body[1:])}
<p style="text-align:right;">重庆市渝北区卫生健康委员会</p>
<p style="text-align:right;">2032年5月9日</p>
</div>
<div class="xgwj"><h4>相关文件</h4>
<ul><li><a href="/zwgk/bmxx/wjw/203204/t20320421_1180.html">重庆市卫生健康委员会关于印发重庆市国民营养行动实施方案的通知（渝卫办发〔2031〕60号）</a></li></ul></div>
<div class="sxp">上一篇：<a href="/zwgk/bmxx/wjw/203205/t20320506_1191.html">渝北区卫生健康委员会关于调整区级预防接种门诊的通知（渝北卫健发〔2032〕11号）</a><br>下一篇：<a href="/zwgk/bmxx/wjw/203205/t20320512_1203.html">关于做好2032年高考体检工作的通知</a></div>
<div class="foot">渝ICP备05003300号　渝公网安备 50011202500326号</div>
</body></html>
"""
    write_text("h3P01_portal-no-docno-html.html", html)
    truth("h3P01_portal-no-docno-html.html", "portal-no-docno", "",
          "渝北区卫生健康委员会关于开展2032年全民营养周宣传活动的通知", ["重庆市渝北区卫生健康委员会"],
          "2032-05-09", "重庆", ["渝卫办发〔2031〕60号", "渝北卫健发〔2032〕11号"],
          notes="District notice WITHOUT its own 文号: the disclosure table's 文　号 cell is EMPTY (the next cell is the 成文日期 label); the only 文号 on the page are in 相关文件 and the 上一篇 link (cites, not own); the cited municipal notice in the body is named by title only; the signature has the full name 重庆市渝北区卫生健康委员会 while the title and table use 渝北区…; 5月14日至20日, 第18个 distractors.")

    text = """厦门市卫生健康委员会
当前位置：首页 > 公示公告
发布时间：2030-01-03　　【打印】【关闭】

厦门市卫生健康委员会关于公布2029年度市级临床重点专科建设项目名单的通知

各区卫生健康局，各有关医疗机构：
　　根据《厦门市卫生健康委员会关于印发厦门市临床重点专科建设管理办法的通知》（厦卫医〔2028〕25号），经单位申报、专家评审和网上公示，确定厦门大学附属第一医院心血管内科等26个专科为2029年度市级临床重点专科建设项目。现将名单予以公布（见附件）。
　　建设周期为3年，市财政对每个项目给予200万元补助。各项目单位要按照建设任务书要求推进建设，2031年12月接受终期评估。

附件：2029年度厦门市市级临床重点专科建设项目名单

厦门市卫生健康委员会
2029年12月27日

上一篇：厦门市卫生健康委员会关于2029年第四季度医疗质量检查情况的通报
下一篇：关于开展2030年度护士执业注册集中办理的通知
闽ICP备06004189号
"""
    write_text("h3P02_portal-no-docno-txt.txt", text)
    truth("h3P02_portal-no-docno-txt.txt", "portal-no-docno", "",
          "厦门市卫生健康委员会关于公布2029年度市级临床重点专科建设项目名单的通知", ["厦门市卫生健康委员会"],
          "2029-12-27", "福建", ["厦卫医〔2028〕25号"],
          notes="Portal text copy of a list notice that has NO own 文号 anywhere; the only 文号 is the basis document's in the 根据… sentence (must NOT become the own number); 发布时间 2030-01-03 is a year later than the signature 2029-12-27; 26个专科, 200万元, 2031年12月 distractors; prev/next titles without numbers.")

    body = [
        "为推进社区医院建设，提升社区医疗卫生服务能力，我委起草了《江苏省社区医院服务能力评价标准（征求意见稿）》，现向社会公开征求意见。公众可通过以下途径和方式提出意见：",
        "一、通过电子邮件将意见发送至jswjwjc@163.example，邮件主题请注明“社区医院评价标准意见”。",
        "二、通过信函方式将意见寄至南京市中央路42号江苏省卫生健康委员会基层卫生健康处（邮编210008），并在信封上注明“征求意见”字样。",
        "意见反馈截止时间为2030年9月4日。",
    ]
    draft = [
        "苏卫基层〔2030〕　号",
        "江苏省卫生健康委员会关于印发江苏省社区医院服务能力评价标准的通知（征求意见稿）",
        "各设区市卫生健康委：",
        "为贯彻落实《国家卫生健康委办公厅关于全面推进社区医院建设工作的通知》（国卫基层函〔2029〕57号），我委制定了《江苏省社区医院服务能力评价标准》，现印发给你们，请遵照执行。",
        "江苏省卫生健康委员会",
        "2030年　月　日",
    ]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>江苏省卫生健康委员会关于公开征求《江苏省社区医院服务能力评价标准（征求意见稿）》意见的公告_江苏省卫生健康委员会</title></head>
<body>
<div class="crumb">当前位置：首页 &gt; 互动交流 &gt; 意见征集</div>
<h1>江苏省卫生健康委员会关于公开征求《江苏省社区医院服务能力评价标准（征求意见稿）》意见的公告</h1>
<div class="info">发布时间：2030-08-06 11:42　浏览次数：<span>409</span>　字号：<a>大</a> <a>中</a> <a>小</a></div>
<div class="con">
{paras_html(body)}
<p style="text-align:right;">江苏省卫生健康委员会</p>
<p style="text-align:right;">2030年8月5日</p>
<hr>
<div class="draft">
<p style="text-align:right;">{draft[0]}</p>
<p style="text-align:center;"><b>{draft[1]}</b></p>
<p>{draft[2]}</p>
<p style="text-indent:2em;">{draft[3]}</p>
<p style="text-align:right;">{draft[4]}</p>
<p style="text-align:right;">{draft[5]}</p>
</div>
</div>
<div class="foot">苏ICP备05009876号-3</div>
</body></html>
"""
    write_text("h3P03_consultation-draft-html.html", html)
    truth("h3P03_consultation-draft-html.html", "consultation-draft", "",
          "江苏省卫生健康委员会关于公开征求《江苏省社区医院服务能力评价标准（征求意见稿）》意见的公告",
          ["江苏省卫生健康委员会"], "2030-08-05", "江苏", ["国卫基层函〔2029〕57号"], kind="announcement",
          notes="征求意见 公告 with NO own 文号; the embedded draft carries a BLANK placeholder number '苏卫基层〔2030〕　号' (no serial; neither own nor a cite) and a blank date '2030年　月　日'; the draft's own title is a second, different title; the draft cites one national 函 (a cite); email/postcode/deadline 2030-09-04 distractors; 发布时间 2030-08-06 vs signature 2030-08-05.")

    html = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>《河南省卫生健康委员会关于加强基层医疗卫生机构慢性病管理的通知》政策解读-河南省卫生健康委员会</title></head>
<body>
<div class="crumb">首页 &gt; 政务公开 &gt; 政策解读</div>
<h1>《河南省卫生健康委员会关于加强基层医疗卫生机构慢性病管理的通知》政策解读</h1>
<div class="info">发布日期：2031-04-02　来源：基层卫生健康处　浏览次数：1208</div>
<div class="content">
<p>　　近日，省卫生健康委印发了《关于加强基层医疗卫生机构慢性病管理的通知》（豫卫基层〔2031〕10号，以下简称《通知》）。现就有关内容解读如下：</p>
<p><b>　　一、出台背景</b></p>
<p>　　我省高血压、糖尿病患者基层规范管理率与群众需求仍有差距。《通知》是落实《国家卫生健康委关于推进基层慢性病医防融合管理的意见》（国卫基层发〔2030〕12号）的具体举措。</p>
<p><b>　　二、主要内容</b></p>
<p>　　《通知》提出，到2032年底，基层高血压、糖尿病患者规范管理率分别达到70%和68%以上，乡镇卫生院和社区卫生服务中心全部设立慢病管理门诊。</p>
<p><b>　　三、政策咨询</b></p>
<p>　　咨询电话：0371-85961726。</p>
</div>
<div class="sx">上一篇：<a href="/zcjd/203103/t20310325.html">《河南省二级以上医院日间手术管理规范》解读</a></div>
<div class="foot">豫ICP备09003472号-1</div>
</body></html>
"""
    write_text("h3Q01_policy-interpretation-html.html", html)
    truth("h3Q01_policy-interpretation-html.html", "policy-interpretation", "",
          "《河南省卫生健康委员会关于加强基层医疗卫生机构慢性病管理的通知》政策解读", [],
          "2031-04-02", "河南", ["豫卫基层〔2031〕10号", "国卫基层发〔2030〕12号"], kind="news",
          notes="政策解读 page: headline embeds the interpreted notice's title in 《》; the interpreted notice's 文号 (with 以下简称) is a cite, the page has none; <title> 'headline-site'; 发布日期 is the date; 70%/68%, phone distractors; no issuer.")
# ---------------------------------------------------------------------------
# D. red-header PDFs
# ---------------------------------------------------------------------------
RED = (200, 0, 0)


class _PDF(FPDF):
    def footer(self):
        self.set_y(-20)
        self.set_font("cjk", size=13)
        self.set_text_color(0, 0, 0)
        self.cell(0, 8, f"－{self.page_no()}－", align="C")


def _wrap(pdf, text, width):
    lines, cur = [], ""
    for ch in text:
        if pdf.get_string_width(cur + ch) > width and cur:
            if ch in "，。、；：）》〕”":
                cur += ch
                lines.append(cur)
                cur = ""
                continue
            lines.append(cur)
            cur = ""
        cur += ch
    if cur:
        lines.append(cur)
    return lines


def render_pdf(name, d):
    pdf = _PDF(format="A4", unit="mm")
    pdf.add_font("cjk", "", FONT)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    left, width, lh, bottom = 27, 156, 9.5, 262

    def line(text, align="L", size=15.5, h=lh):
        if pdf.get_y() + h > bottom:
            pdf.add_page()
            pdf.set_y(35)
        pdf.set_font("cjk", size=size)
        pdf.set_x(left)
        pdf.cell(width, h, text, align=align)
        pdf.ln(h)

    def para(text, indent=True):
        pdf.set_font("cjk", size=15.5)
        for ln in _wrap(pdf, ("　　" if indent else "") + text, width):
            line(ln)

    pdf.set_y(40)
    pdf.set_text_color(*RED)
    if d.get("stacked"):
        for n in d["stacked"]:
            line(n, align="C", size=24, h=13)
        line("文件", align="C", size=30, h=16)
    else:
        line(d["header"], align="C", size=d.get("header_size", 28), h=18)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    line(d["docno"], align=d.get("docno_align", "C"), size=15.5)
    y = pdf.get_y() + 2
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(left, y, left + width, y)
    pdf.set_y(y + 8)
    for t in d["title_lines"]:
        line(t, align="C", size=20, h=11)
    pdf.ln(5)
    para(d["addressee"], indent=False)
    for p in d["body"]:
        para(p)
    for a in d.get("attachments", []):
        para(a)
    pdf.ln(lh)
    for row in d["sign"]:
        line(row + "　" * d.get("sign_pad", 4), align="R")
    line(d["date"] + "　" * d.get("date_pad", 4), align="R")
    if d.get("note"):
        para(d["note"])
    if d.get("cc"):
        pdf.ln(lh * 2)
        y = pdf.get_y()
        pdf.set_line_width(0.4)
        pdf.set_draw_color(0, 0, 0)
        pdf.line(left, y, left + width, y)
        para(d["cc"], indent=False)
        line(d["printer"], size=13)
    pdf.output(str(OUT / name))


def make_d():
    render_pdf("h3D01_red-header-pdf.pdf", dict(
        header="湖北省卫生健康委员会文件",
        docno="鄂卫发〔2030〕19号",
        title_lines=["湖北省卫生健康委员会关于印发湖北省", "县域医疗卫生次中心建设标准的通知"],
        addressee="各市、州、直管市、神农架林区卫生健康委：",
        body=[
            "为贯彻落实《国家卫生健康委关于推进县域医疗卫生次中心建设的指导意见》（国卫基层发〔2029〕25号），优化县域医疗资源布局，我委组织制定了《湖北省县域医疗卫生次中心建设标准》。现印发给你们，请结合实际认真贯彻落实。",
            "各地要在2030年12月底前确定首批建设名单，原则上每个县（市、区）选择1至2个服务人口在3万人以上的中心乡镇卫生院，按照二级综合医院的基本标准建设。省卫生健康委将每年对建设进展进行评估。",
        ],
        attachments=["附件：湖北省县域医疗卫生次中心建设标准"],
        sign=["湖北省卫生健康委员会"], date="2030年9月15日",
        note="（信息公开形式：主动公开）",
        cc="抄送：国家卫生健康委基层卫生健康司，省发展改革委，省财政厅。",
        printer="湖北省卫生健康委员会办公室　　　　　　2030年9月18日印发",
    ))
    truth("h3D01_red-header-pdf.pdf", "red-header-pdf", "鄂卫发〔2030〕19号",
          "湖北省卫生健康委员会关于印发湖北省县域医疗卫生次中心建设标准的通知", ["湖北省卫生健康委员会"],
          "2030-09-15", "湖北", ["国卫基层发〔2029〕25号"], encoding="binary",
          notes="PDF (fpdf2, WenQuanYi Micro Hei) with red '…文件' header, centred 文号, red rule; title broken after '湖北省'; attachment named, not included; 版记 印发 date 2030-09-18 differs from the signature date; 抄送 names three bodies (not issuers); the 版记 (抄送/印发) falls on page 2 after the page number －1－; the cite's title is broken across PDF lines.")

    render_pdf("h3D02_red-header-pdf-joint.pdf", dict(
        stacked=["云南省卫生健康委员会", "云 南 省 教 育 厅", "云 南 省 体 育 局"],
        docno="云卫疾控发〔2029〕11号",
        title_lines=["云南省卫生健康委员会　云南省教育厅　云南省体育局", "关于开展儿童青少年近视综合防控", "示范县创建工作的通知"],
        addressee="各州、市卫生健康委、教育体育局：",
        body=[
            "为落实《教育部等八部门关于进一步加强儿童青少年近视防控工作的意见》（教体艺〔2028〕6号），经研究，决定在全省开展儿童青少年近视综合防控示范县创建工作。",
            "一、创建条件。县域内中小学生每天校内体育活动时间不少于2小时，视力筛查覆盖率达到100%，近视率连续两年下降。",
            "二、创建程序。县级人民政府自愿申报，州市初审后于2029年7月15日前报省卫生健康委疾控处，三部门联合组织评估认定。",
            "三、支持政策。对认定的示范县，在公共卫生项目经费和学校体育设施建设方面给予倾斜。",
        ],
        sign=["云南省卫生健康委员会　　　云南省教育厅", "云南省体育局"], sign_pad=3,
        date="2029年4月22日", date_pad=3,
        note="（此件公开发布）",
    ))
    truth("h3D02_red-header-pdf-joint.pdf", "red-header-pdf", "云卫疾控发〔2029〕11号",
          "云南省卫生健康委员会 云南省教育厅 云南省体育局关于开展儿童青少年近视综合防控示范县创建工作的通知",
          ["云南省卫生健康委员会", "云南省教育厅", "云南省体育局"], "2029-04-22", "云南", ["教体艺〔2028〕6号"],
          encoding="binary",
          notes="Joint PDF: three STACKED red header lines (the shorter names letter-spaced: '云 南 省 教 育 厅') then '文件' on its own line; title over three lines with the bodies separated by full-width spaces; signature: two bodies on one line + the third below; 2小时, 100%, 2029-07-15 distractors; the signature block and date fall on page 2, after the page number －1－, with no （此页无正文） line; the 2029-07-15 deadline is broken across lines ('2029' / '年7月15日').")

    render_pdf("h3D03_letter-reply-pdf.pdf", dict(
        header="国家卫生健康委员会办公厅", header_size=24,
        docno="国卫办医政函〔2031〕88号", docno_align="R",
        title_lines=["国家卫生健康委办公厅关于医师多机构执业", "备案有关问题的复函"],
        addressee="上海市卫生健康委员会：",
        body=[
            "你委《关于医师多机构执业备案有关问题的请示》（沪卫医〔2031〕20号）收悉。经研究，现函复如下：",
            "一、医师在主要执业机构以外的医疗机构执业，应当通过电子化注册系统进行备案，备案信息经主要执业机构所在地卫生健康行政部门确认后生效，无需另行办理执业地点变更。",
            "二、医师在备案的医疗机构执业时发生的医疗纠纷，由实际执业的医疗机构承担相应责任。",
            "此复。",
        ],
        sign=["国家卫生健康委办公厅"], date="2031年3月12日",
        note="（信息公开形式：依申请公开）",
    ))
    truth("h3D03_letter-reply-pdf.pdf", "red-header-pdf", "国卫办医政函〔2031〕88号",
          "国家卫生健康委办公厅关于医师多机构执业备案有关问题的复函", ["国家卫生健康委办公厅"],
          "2031-03-12", "全国", ["沪卫医〔2031〕20号"], kind="letter",
          encoding="binary",
          notes="Letter-format PDF (复函): red header is the office's full name without 文件; 文号 RIGHT-aligned; title uses the short name 国家卫生健康委办公厅; addressee 上海市卫生健康委员会 (a province name, but the reply is national: region 全国); the request it answers is cited by its 沪卫医 number, which the PDF line break splits ('沪卫医' / '〔2031〕20号').")
# ---------------------------------------------------------------------------
# E. DOCX
# ---------------------------------------------------------------------------
def _run(p, text, size=16, name="仿宋_GB2312", color=None, bold=False):
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.font.name = name
    rpr = r._element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rf)
    rf.set(qn("w:eastAsia"), name)
    if color:
        r.font.color.rgb = RGBColor(*color)
    r.bold = bold
    return r


def _para(doc, text="", align=None, indent=True, **kw):
    p = doc.add_paragraph()
    if align:
        p.alignment = {"C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    if indent and not align:
        p.paragraph_format.first_line_indent = Pt(32)
    if text:
        _run(p, text, **kw)
    return p


def _doc():
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.left_margin, s.right_margin, s.top_margin, s.bottom_margin = Mm(28), Mm(26), Mm(37), Mm(35)
    return d


def make_e():
    d = _doc()
    _para(d, "新疆维吾尔自治区卫生健康委员会文件", align="C", size=30, name="方正小标宋简体", color=RED)
    _para(d, "")
    _para(d, "新卫医发〔2030〕9号", align="C")
    _para(d, "━" * 26, align="C", size=10, color=RED)
    _para(d, "新疆维吾尔自治区卫生健康委员会关于加强基层医疗卫生机构远程医疗服务的通知",
          align="C", size=22, name="方正小标宋简体")
    _para(d, "各地、州、市卫生健康委，自治区人民医院、新疆医科大学各附属医院：", indent=False)
    for t in [
        "为促进优质医疗资源向基层延伸，根据《国家卫生健康委关于进一步推进远程医疗服务的通知》（国卫医政发〔2029〕33号），现就加强我区基层医疗卫生机构远程医疗服务工作通知如下。",
        "一、2030年底前，所有县级医院与地州级医院建立远程会诊关系，80%以上的乡镇卫生院能够开展远程心电、远程影像诊断。",
        "二、自治区人民医院牵头建设全区远程医疗服务平台，为南疆四地州提供每周不少于3次的远程多学科会诊。",
        "三、远程医疗服务收费按照自治区医疗服务价格项目规范执行，纳入医保支付范围。",
    ]:
        _para(d, t)
    _para(d, "")
    _para(d, "新疆维吾尔自治区卫生健康委员会", align="R")
    _para(d, "2030年6月24日　　　　", align="R")
    _para(d, "（此件主动公开）")
    d.save(str(OUT / "h3E01_docx.docx"))
    truth("h3E01_docx.docx", "docx", "新卫医发〔2030〕9号",
          "新疆维吾尔自治区卫生健康委员会关于加强基层医疗卫生机构远程医疗服务的通知",
          ["新疆维吾尔自治区卫生健康委员会"], "2030-06-24", "新疆", ["国卫医政发〔2029〕33号"], encoding="binary",
          notes="DOCX (python-docx) red header in a paragraph, 文号 centred, a red rule made of ━ characters, title one paragraph; date paragraph padded with trailing full-width spaces; autonomous-region name in issuer; 80%, 每周3次 distractors.")

    d = _doc()
    t = d.add_table(rows=3, cols=4)
    t.style = "Table Grid"
    cells = [("索 引 号", "11110000000081234X/2029-00377", "发文机构", "北京市卫生健康委员会"),
             ("发文字号", "京卫老年〔2029〕12号", "成文日期", "2029年10月30日"),
             ("发布日期", "2029年11月04日", "有 效 性", "有效")]
    for i, row in enumerate(cells):
        for j, v in enumerate(row):
            t.cell(i, j).text = ""
            _run(t.cell(i, j).paragraphs[0], v, size=10.5, name="宋体", bold=(j % 2 == 0))
    _para(d, "")
    _para(d, "北京市卫生健康委员会关于推进安宁疗护服务发展的通知", align="C", size=22, name="方正小标宋简体")
    _para(d, "各区卫生健康委，北京经济技术开发区社会事业局，各三级医院：", indent=False)
    for x in [
        "为满足疾病终末期患者的安宁疗护需求，根据《国家卫生健康委办公厅关于开展安宁疗护试点扩面工作的通知》（国卫办老龄发〔2028〕6号），现就推进本市安宁疗护服务发展通知如下：",
        "一、每个区至少设置1家安宁疗护中心，2030年底前全市安宁疗护床位不少于1800张。",
        "二、社区卫生服务中心可以提供居家安宁疗护服务，按规定收取上门服务费。",
        "三、建立安宁疗护专业人员培训基地，每年培训医护人员不少于500人次。",
    ]:
        _para(d, x)
    _para(d, "北京市卫生健康委员会", align="R")
    _para(d, "2029年10月30日", align="R")
    d.save(str(OUT / "h3E02_docx-disclosure-table.docx"))
    truth("h3E02_docx-disclosure-table.docx", "docx", "京卫老年〔2029〕12号",
          "北京市卫生健康委员会关于推进安宁疗护服务发展的通知", ["北京市卫生健康委员会"],
          "2029-10-30", "北京", ["国卫办老龄发〔2028〕6号"], encoding="binary",
          notes="DOCX whose first element is a 3x4 Word TABLE of disclosure fields (发文字号 in a cell, labels letter-spaced '索 引 号', '有 效 性'); own 文号 appears only in the table; zero-padded 发布日期 2029年11月04日; 1800张, 500人次 distractors.")

    d = _doc()
    _para(d, "婺源县卫生健康委员会文件", align="C", size=30, name="方正小标宋简体", color=RED)
    p = _para(d, "", indent=False)
    _run(p, "婺卫健字〔2027〕8号")
    _run(p, "\t\t\t签发人：汪晓春")
    _para(d, "婺源县卫生健康委员会", align="C", size=22, name="方正小标宋简体")
    _para(d, "关于做好2027年汛期卫生防疫工作的通知", align="C", size=22, name="方正小标宋简体")
    _para(d, "各乡镇卫生院，县直各医疗卫生单位：", indent=False)
    for x in [
        "入汛以来，我县降雨偏多，部分乡镇发生洪涝灾害。为做好汛期卫生防疫工作，按照《上饶市卫生健康委员会关于做好2027年防汛救灾卫生应急工作的通知》（饶卫健字〔2027〕30号）要求，现将有关事项通知如下：",
        "一、受灾乡镇卫生院要在灾后24小时内完成饮用水消毒和环境消杀，每日向县疾控中心报告传染病疫情。",
        "二、县疾控中心储备漂白粉、含氯消毒片等物资，确保能满足10个乡镇同时开展消杀的需要。",
        "三、汛期结束前，各单位实行24小时值班制度。",
    ]:
        _para(d, x)
    _para(d, "婺源县卫生健康委员会", align="R")
    _para(d, "二〇二七年六月二日", align="R")
    _para(d, "（此件依申请公开）")
    d.save(str(OUT / "h3E03_docx-county-signer.docx"))
    truth("h3E03_docx-county-signer.docx", "docx", "婺卫健字〔2027〕8号",
          "婺源县卫生健康委员会关于做好2027年汛期卫生防疫工作的通知", ["婺源县卫生健康委员会"],
          "2027-06-02", "江西", ["饶卫健字〔2027〕30号"], encoding="binary",
          notes="County DOCX: 文号 and '签发人：' (invented name) in ONE paragraph separated by tabs; title split into two centred paragraphs (issuer / 关于…的通知); signature date in Chinese numerals 二〇二七年六月二日; county 婺源 (上饶) -> 江西; 24小时, 10个乡镇 distractors.")


def main():
    for f in OUT.glob("h3*"):
        f.unlink()
    make_a()
    make_b()
    make_c_f()
    make_d()
    make_e()
    make_g()
    make_h()
    make_i_j_k()
    make_l()
    make_m_n()
    make_o_p_q()
    TRUTH.sort(key=lambda r: r["file"])
    with open(OUT / "truth-heldout3.jsonl", "w", encoding="utf-8") as fh:
        for row in TRUTH:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(TRUTH)} files written")


if __name__ == "__main__":
    main()
