#!/usr/bin/env python
"""Generate the dC layout set (16 files) and truth-C.jsonl.

All notices, numbers, dates, names of private bodies and contents are invented for this
evaluation set; only real agency names and real 文号 formats are used.
Run:  /work/main/.venv/bin/python eval/layouts/dev/make_dC.py
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
TRUTH = []


def truth(file, layout, kind, doc_number, title, issuers, date, region, cites, encoding, notes):
    TRUTH.append({
        "file": file, "layout": layout, "kind": kind, "doc_number": doc_number,
        "title": title, "issuers": issuers, "date": date, "region": region,
        "cites": cites, "encoding": encoding, "notes": notes,
    })


def write_txt(name, text):
    (HERE / name).write_text(text.lstrip("\n"), encoding="utf-8")


# ---------------------------------------------------------------- dC01
write_txt("dC01_signature-oneline.txt", """
浙卫发〔2022〕27号

浙江省卫生健康委员会　浙江省医疗保障局　浙江省财政厅
关于规范日间手术服务管理的通知

各市卫生健康委、医疗保障局、财政局，委直属各医疗机构：

　　为提高优质医疗资源利用效率，缩短患者住院等候时间，根据《国家卫生健康委办公厅关于推进日间手术试点扩面工作的通知》（国卫办医函〔2021〕436号）精神，结合我省实际，现就规范日间手术服务管理有关事项通知如下。

　　一、明确开展条件
　　开展日间手术的医疗机构应当设置相对独立的日间手术中心，或者在手术部内划定专用区域，并配备与手术量相适应的麻醉、护理和随访人员。二级以上综合医院应当把日间手术纳入院级医疗质量管理委员会的日常监测内容。

　　二、动态调整病种目录
　　各地卫生健康部门要在省级推荐目录基础上，结合本地技术能力，于每年第一季度对辖区日间手术病种目录进行评估调整。拟新增的病种应当具备连续6个月以上的安全运行记录。

　　三、完善医保支付政策
　　医保部门要将符合条件的日间手术费用纳入住院费用结算范围，按照《浙江省医疗保障局关于深化按病组付费改革的实施意见》（浙医保发〔2020〕15号）有关规定执行，不得以“未住满24小时”为由拒绝结算。

　　四、加强随访与质量管理
　　医疗机构应当在患者出院后24小时内完成首次随访，7日内完成第二次随访。省级日间手术质控中心每半年通报一次各地非计划再入院率和术后并发症发生率。

　　五、保障经费投入
　　财政部门要统筹现有资金渠道，支持日间手术中心信息化建设和专业人员培训。

　　本通知自2022年7月1日起施行。原《关于开展日间手术试点工作的通知》（浙卫发〔2017〕46号）同时废止。


　　　　浙江省卫生健康委员会　　浙江省医疗保障局　　浙江省财政厅
　　　　　　　　　　　　　　　　　　　2022年6月14日

（信息公开形式：主动公开）
""")
truth("dC01_signature-oneline.txt", "signature-oneline", "notice", "浙卫发〔2022〕27号",
      "浙江省卫生健康委员会 浙江省医疗保障局 浙江省财政厅关于规范日间手术服务管理的通知",
      ["浙江省卫生健康委员会", "浙江省医疗保障局", "浙江省财政厅"], "2022-06-14", "浙江",
      ["国卫办医函〔2021〕436号", "浙医保发〔2020〕15号", "浙卫发〔2017〕46号"], "utf-8",
      "Joint notice of 3 bodies: the signature puts all three on ONE line separated by runs of "
      "full-width spaces (U+3000), the date alone on the next line. Title is two printed lines "
      "(bodies line + 关于 line); truth joins them (spaces in truth title are cosmetic). Own 文号 "
      "bare above the title. 2022年7月1日 施行 date is not the signature date; 浙卫发〔2017〕46号 "
      "is repealed (废止) but still a cite.")

# ---------------------------------------------------------------- dC02
write_txt("dC02_signature-seal.txt", """
广东省卫生健康委员会关于做好2023年秋季学校传染病防控工作的通知

粤卫函〔2023〕641号

各地级以上市卫生健康局（委），省疾病预防控制中心：

　　秋季学期即将开学，学生集中返校，流感、诺如病毒感染性腹泻、手足口病等传染病聚集性疫情的发生风险明显上升。为切实保障广大师生身体健康，现就做好秋季学校传染病防控工作通知如下：

　　一、落实晨午检和因病缺勤追踪制度。各地要指导辖区中小学校和托幼机构严格执行晨午检，对因病缺勤的学生做到当日登记、当日追踪，发现疑似聚集性病例及时向属地疾控机构报告。

　　二、强化疫情监测和报告。各级疾控机构要按照《广东省学校和托幼机构传染病疫情报告工作规范》（粤卫疾控函〔2021〕87号）要求，加强学校症状监测数据的分析研判。同一班级一周内出现5例及以上同类症状病例的，应当在24小时内开展现场调查处置。

　　三、做好入学预防接种证查验。查验中发现漏种儿童的，接种单位应当在开学后3个月内完成补种，并将补种情况反馈学校。

　　四、加强健康宣传教育。结合“开学第一课”，继续按照《广东省卫生健康委员会关于加强校园健康教育工作的通知》（粤卫函[2022]350号）开展传染病防控和个人卫生知识宣传。

　　各地级以上市工作开展情况请于2023年10月31日前报送我委疾病预防控制处。

　　联系人：林某某，电话：020-8370××××


（盖章）
广东省卫生健康委员会
2023年8月21日
（此件公开发布）
""")
truth("dC02_signature-seal.txt", "signature-seal", "notice", "粤卫函〔2023〕641号",
      "广东省卫生健康委员会关于做好2023年秋季学校传染病防控工作的通知",
      ["广东省卫生健康委员会"], "2023-08-21", "广东",
      ["粤卫疾控函〔2021〕87号", "粤卫函〔2022〕350号"], "utf-8",
      "Signature block is left-aligned and wrapped: a line （盖章） before the body name, the date, "
      "then （此件公开发布） after it; a 联系人/phone line sits just above. A 函-numbered 文号 on a "
      "通知 (kind stays notice). Second cite is printed with half-width brackets 粤卫函[2022]350号 "
      "and normalised in truth. 2023年10月31日 deadline is not the date.")

# ---------------------------------------------------------------- dC03
write_txt("dC03_signature-office.txt", """
四川省卫生健康委员会关于进一步加强医疗机构药事管理工作的通知
来源：省卫生健康委　　发布时间：2022-11-08 16:40　　【字体：大 中 小】

川卫办发〔2022〕41号

各市（州）卫生健康委，委直属医疗机构：

　　近期，我委在医疗机构药事管理专项检查中发现，部分医疗机构存在处方点评流于形式、临床药师配备不足、高警示药品管理不规范等问题。为进一步保障患者用药安全，现将有关要求通知如下。

　　一、健全药事管理组织。二级以上医疗机构应当设立药事管理与药物治疗学委员会，每季度至少召开一次会议，专题研究抗菌药物、重点监控药品等使用管理中的突出问题。

　　二、配齐临床药师。三级综合医院临床药师不少于8名，二级综合医院不少于3名。临床药师应当参与查房、会诊和疑难病例讨论，每名临床药师固定服务的临床科室原则上不超过3个。

　　三、落实处方审核与点评。医疗机构应当按照《国家卫生健康委办公厅关于加强医疗机构处方前置审核工作的通知》（国卫办医函〔2020〕733号）开展处方前置审核，门诊处方抽样点评比例不低于总处方量的1%，点评结果纳入科室绩效考核。

　　四、加强高警示药品管理。高警示药品应当专区存放、专用标识，使用前实行双人核对。

　　五、开展自查整改。请各市（州）于2022年12月20日前完成辖区医疗机构自查，并将自查整改情况报送我委医政医管处。此前印发的《四川省医疗机构药事管理质量评价标准》（川卫发〔2019〕12号）继续有效。


　　　　　　　　　　　　　　　　　四川省卫生健康委员会办公室
　　　　　　　　　　　　　　　　　　　　2022年11月4日
""")
truth("dC03_signature-office.txt", "signature-office", "notice", "川卫办发〔2022〕41号",
      "四川省卫生健康委员会关于进一步加强医疗机构药事管理工作的通知",
      ["四川省卫生健康委员会办公室"], "2022-11-04", "四川",
      ["国卫办医函〔2020〕733号", "川卫发〔2019〕12号"], "utf-8",
      "Title names the 委员会 but the signature is the 办公室 (and the 文号 is 川卫办发); truth "
      "issuer is the signing 办公室, not the title's body nor the 来源 line (省卫生健康委). "
      "发布时间 2022-11-08 in the portal line is the publication date, not the 成文 date 2022-11-04.")

# ---------------------------------------------------------------- dC04
write_txt("dC04_signature-stacked-cn-date.txt", """
豫卫中医〔2020〕58号

关于开展基层中医药服务能力提升评估工作的通知

各省辖市、济源示范区卫生健康委、中医管理局（中医药管理局），各省直管县（市）卫生健康委：

　　按照《国家中医药管理局办公室关于开展基层中医药服务能力提升评估的通知》（国中医药办医政函〔2020〕204号）部署，为全面掌握我省基层中医药服务能力提升工作成效，决定在全省开展评估工作。现将有关事项通知如下。

　　一、评估对象
　　全省所有县（市、区）及其辖区内的社区卫生服务中心、乡镇卫生院。

　　二、评估内容
　　（一）中医馆建设情况。重点评估中医馆面积、中医诊疗设备配置及能够规范开展的中医药适宜技术类别数。
　　（二）人员队伍情况。重点评估中医类别执业（助理）医师占比、乡村医生中医药知识培训覆盖情况。
　　（三）服务提供情况。重点评估中医药健康管理服务率和中医非药物疗法的使用比例。

　　三、方法步骤
　　（一）县级自评。各县（市、区）对照评估细则开展自评，于2020年12月15日前将自评报告报送省辖市。
　　（二）市级复核。各省辖市对所辖县（市、区）进行全覆盖复核，于2021年1月10日前将复核结果报送省中医管理局。
　　（三）省级抽查。省级按照不低于20%的比例组织现场抽查。

　　四、结果运用
　　评估结果将作为《河南省基层中医药服务能力提升工程实施方案》（豫卫中医〔2019〕33号）年度考核的重要依据。


　　　　　　　　　　　　　　　　河南省卫生健康委员会
　　　　　　　　　　　　　　　　河南省中医管理局
　　　　　　　　　　　　　　　二〇二〇年十一月三十日
""")
truth("dC04_signature-stacked-cn-date.txt", "signature-stacked-cn-date", "notice", "豫卫中医〔2020〕58号",
      "关于开展基层中医药服务能力提升评估工作的通知",
      ["河南省卫生健康委员会", "河南省中医管理局"], "2020-11-30", "河南",
      ["国中医药办医政函〔2020〕204号", "豫卫中医〔2019〕33号"], "utf-8",
      "Title line carries no issuer; the two bodies appear only in the signature, stacked on two "
      "lines, with the date in Chinese numerals using 〇 (二〇二〇年十一月三十日). Body dates "
      "2020年12月15日 / 2021年1月10日 are deadlines, not the signature date. Region from the "
      "signature bodies or the 豫 prefix.")

# ---------------------------------------------------------------- dC05
write_txt("dC05_city-portal-html.html", """
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>苏州市卫生健康委员会关于做好2023年全市老年人健康管理服务工作的通知_苏州市卫健委</title>
<meta name="SiteName" content="苏州市卫健委">
<meta name="ColumnName" content="通知公告">
<meta name="PubDate" content="2023-04-13 15:22">
<link rel="stylesheet" href="/static/css/article.css">
</head>
<body>
<div class="top-bar"><a href="/">无障碍</a> | <a href="/">长者模式</a> | <a href="/">English</a></div>
<div class="banner">
  <div class="logo">苏州市卫健委</div>
  <div class="slogan">健康苏州　幸福家园</div>
</div>
<ul class="main-nav">
  <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li><li><a href="/jkkp/">健康科普</a></li>
</ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<table class="xxgk-meta">
  <tr><th>索引号：</th><td>014073461/2023-00152</td><th>发布机构：</th><td>苏州市卫生健康委员会</td></tr>
  <tr><th>文　号：</th><td>苏卫老龄〔2023〕9号</td><th>成文日期：</th><td>2023-04-11</td></tr>
  <tr><th>发布日期：</th><td>2023-04-13</td><th>主题分类：</th><td>卫生、体育</td></tr>
  <tr><th>名　称：</th><td colspan="3">苏州市卫生健康委员会关于做好2023年全市老年人健康管理服务工作的通知</td></tr>
</table>
<div class="article">
  <h1 class="art-title">苏州市卫生健康委员会关于做好2023年全市老年人健康管理服务工作的通知</h1>
  <div class="art-info">发布时间：2023-04-13　浏览次数：1268　字号：<a>大</a> <a>中</a> <a>小</a></div>
  <div class="art-content">
    <p>各市、区卫生健康委（局），各社区卫生服务中心、乡镇卫生院：</p>
    <p>　　为进一步提高辖区65岁及以上老年人健康管理服务质量，按照《江苏省卫生健康委关于印发江苏省老年人健康管理服务规范的通知》（苏卫老龄〔2022〕6号）要求，现就做好2023年全市老年人健康管理服务工作通知如下。</p>
    <p>　　一、工作目标。到2023年底，全市65岁及以上老年人城乡社区规范健康管理服务率达到65%以上，失能老年人健康评估与健康服务覆盖率达到90%以上。</p>
    <p>　　二、服务内容。基层医疗卫生机构每年为老年人提供1次生活方式和健康状况评估、体格检查、辅助检查和健康指导，体检结果应当在30个工作日内反馈本人。</p>
    <p>　　三、质量控制。各地要建立健康档案抽查复核制度，每季度随机抽取不少于5%的档案进行电话复核，严防档案造假。</p>
    <p>　　四、经费保障。老年人健康管理服务所需经费从基本公共卫生服务补助资金中列支，各地不得挤占挪用。</p>
    <p>　　请各地于2023年12月10日前将年度工作总结报送我委老龄健康处。</p>
    <p style="text-align:right">苏州市卫生健康委员会</p>
    <p style="text-align:right">2023年4月11日</p>
  </div>
  <div class="art-tools"><a href="javascript:window.print()">【打印本页】</a>　<a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related">
  <h3>相关阅读</h3>
  <ul><li><a href="/zwgk/tzgg/202303/t20230321_102233.html">关于开展2023年全民营养周宣传活动的通知</a></li>
      <li><a href="/zwgk/tzgg/202302/t20230228_101876.html">全市基层卫生工作会议召开</a></li></ul>
</div>
<div class="footer">
  <p>主办：苏州市卫生健康委员会　地址：苏州市姑苏区某某路100号　邮编：215000</p>
  <p><a href="https://beian.miit.gov.cn">苏ICP备05011234号</a>　苏公网安备 32050802011234号　网站标识码：3205000012</p>
</div>
</body>
</html>
""")
truth("dC05_city-portal-html.html", "city-portal-html", "notice", "苏卫老龄〔2023〕9号",
      "苏州市卫生健康委员会关于做好2023年全市老年人健康管理服务工作的通知",
      ["苏州市卫生健康委员会"], "2023-04-11", "江苏",
      ["苏卫老龄〔2022〕6号"], "utf-8",
      "City portal: banner/site name 苏州市卫健委 (also in <title> after _), 发布机构 label and "
      "signature give the full name 苏州市卫生健康委员会 (truth = signature). 成文日期 2023-04-11 = "
      "signature; 发布日期/PubDate 2023-04-13 is publication only. The cited provincial 文号 shares "
      "the 苏卫老龄 prefix with the own one (different year). ICP/公安备案/索引号 are not 文号. "
      "Region 江苏 from the city.")

# ---------------------------------------------------------------- dC06
write_txt("dC06_county-portal-html.html", """
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>安吉县人民政府</title>
<meta name="SiteName" content="安吉县人民政府">
<meta name="ColumnName" content="部门文件">
</head>
<body>
<header class="site-head">
  <div class="site-name">安吉县人民政府</div>
  <div class="site-sub">www.anji.gov.cn</div>
  <nav><a href="/">首页</a><a href="/col/zwgk/">政务公开</a><a href="/col/bmpd/">部门频道</a><a href="/col/hdjl/">政民互动</a></nav>
</header>
<div class="location">您的位置：<a href="/">首页</a> &gt; <a href="/col/bmpd/">部门频道</a> &gt; <a href="/col/bmpd/wjj/">县卫生健康局</a> &gt; 部门文件</div>
<div class="zc-info">
  <ul>
    <li><b>索 引 号：</b>002649372/2023-71318</li>
    <li><b>发布机构：</b>安吉县卫生健康局</li>
    <li><b>发文字号：</b>安卫健〔2023〕31号</li>
    <li><b>成文日期：</b>2023年8月2日</li>
    <li><b>公开日期：</b>2023-08-07</li>
    <li><b>有 效 性：</b>有效</li>
  </ul>
</div>
<div class="zc-title">安吉县卫生健康局关于印发安吉县2023年“优质服务基层行”活动实施方案的通知</div>
<div class="zc-body">
<p>各乡镇（街道）卫生院、社区卫生服务中心，局属各单位：</p>
<p>　　现将《安吉县2023年“优质服务基层行”活动实施方案》印发给你们，请结合实际认真组织实施。</p>
<p style="text-align:right">安吉县卫生健康局</p>
<p style="text-align:right">2023年8月2日</p>
<p>&nbsp;</p>
<p style="text-align:center"><b>安吉县2023年“优质服务基层行”活动实施方案</b></p>
<p>　　为持续提升我县基层医疗卫生机构服务能力，根据《湖州市卫生健康委员会关于深入开展“优质服务基层行”活动的通知》（湖卫健发〔2023〕27号）要求，制定本方案。</p>
<p>　　一、工作目标。2023年全县新增2家乡镇卫生院达到服务能力推荐标准，其余机构全部达到基本标准。</p>
<p>　　二、重点任务。（一）补齐设备短板，每家卫生院至少配备1台数字化X线摄影设备和1台全自动生化分析仪；（二）拓展服务功能，有条件的卫生院开设康复、安宁疗护等特色科室；（三）强化人才支撑，县级医院每年向每家卫生院下派不少于2名主治以上医师。</p>
<p>　　三、进度安排。8月底前完成自评，10月底前完成县级初审，11月中旬迎接市级复核。</p>
<p>　　四、保障措施。局基层卫生科负责日常协调，活动开展情况纳入年度综合目标考核。</p>
</div>
<div class="page-tool"><span>【打印】</span><span>【关闭】</span></div>
<footer>
  <p>主办单位：安吉县人民政府办公室　承办单位：安吉县大数据发展管理中心</p>
  <p>浙ICP备05017826号　浙公网安备 33052302000123号　网站标识码：3305230001</p>
</footer>
</body>
</html>
""")
truth("dC06_county-portal-html.html", "county-portal-html", "notice", "安卫健〔2023〕31号",
      "安吉县卫生健康局关于印发安吉县2023年“优质服务基层行”活动实施方案的通知",
      ["安吉县卫生健康局"], "2023-08-02", "浙江",
      ["湖卫健发〔2023〕27号"], "utf-8",
      "County bureau page hosted on the county government portal: the banner, <title> and footer "
      "(主办单位 安吉县人民政府办公室) name the county GOVERNMENT, which is not the issuer; the "
      "发布机构 label and the signature name 安吉县卫生健康局. <title> is only the site name, so the "
      "title must come from the zc-title div. 成文日期 in 年月日 form = signature date; 公开日期 "
      "2023-08-07 is publication. Region 浙江 from 安吉县 (湖州) / 湖卫健 cite.")

# ---------------------------------------------------------------- dC07
write_txt("dC07_portal-no-signature.html", """
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于开展2023年全市基层医疗卫生机构能力提升年活动的通知-遵义卫健</title>
<meta name="SiteName" content="遵义卫健">
<meta name="ArticleTitle" content="关于开展2023年全市基层医疗卫生机构能力提升年活动的通知">
<meta name="PubDate" content="2023-03-20 10:02">
</head>
<body>
<div id="banner"><h2 class="sitename">遵义卫健</h2><p>Zunyi Health</p></div>
<div id="menu">首页 ｜ 机构概况 ｜ 政府信息公开 ｜ 政务服务 ｜ 公众参与</div>
<div id="path">首页 &gt; 政府信息公开 &gt; 法定主动公开内容 &gt; 通知公告</div>
<dl class="gk-info">
  <dt>索引号</dt><dd>zyswjj/2023-0038</dd>
  <dt>发布机构</dt><dd>遵义市卫生健康局</dd>
  <dt>文号</dt><dd>遵市卫健发〔2023〕14号</dd>
  <dt>成文日期</dt><dd>2023-03-15</dd>
  <dt>发布日期</dt><dd>2023-03-20</dd>
</dl>
<div class="content">
  <h2 class="title">关于开展2023年全市基层医疗卫生机构能力提升年活动的通知</h2>
  <div class="info">发布时间：2023-03-20 10:02　来源：遵义卫健　阅读次数：436</div>
  <div class="text">
    <p>各县（市、区）卫生健康局，新区社会事务局：</p>
    <p>　　为贯彻落实《贵州省卫生健康委员会关于加快推进基层医疗卫生服务体系建设的实施意见》（黔卫健发〔2022〕21号），进一步提升我市基层医疗卫生机构服务能力，市卫生健康局决定于2023年在全市开展基层医疗卫生机构能力提升年活动。现将有关事项通知如下。</p>
    <p>　　一、活动时间：2023年4月至12月。</p>
    <p>　　二、活动内容：（一）开展“一院一策”诊断帮扶，由市级医院组建专家组对每家乡镇卫生院逐一进行能力诊断；（二）实施基层骨干人才轮训，全年轮训乡镇卫生院临床骨干不少于300人次；（三）推广远程心电、远程影像诊断服务，年底前实现乡镇卫生院全覆盖。</p>
    <p>　　三、工作要求：各县（市、区）要于4月15日前制定本地具体方案，每季度末5日内报送工作进展。活动开展情况将纳入年度卫生健康工作目标考核。</p>
    <p>　　联系人：市卫生健康局基层卫生健康科　电话：0851-2882××××</p>
    <p>　　附件：<a href="/uploads/2023/03/fj_jcnlts.docx">2023年基层医疗卫生机构能力提升年活动工作台账</a></p>
  </div>
</div>
<div class="share">分享到：微信 微博　【打印本页】【关闭窗口】</div>
<div id="footer">遵义卫健 版权所有　黔ICP备12003456号-1　贵公网安备 52030202000456号</div>
</body>
</html>
""")
truth("dC07_portal-no-signature.html", "portal-no-signature", "notice", "遵市卫健发〔2023〕14号",
      "关于开展2023年全市基层医疗卫生机构能力提升年活动的通知",
      ["遵义市卫生健康局"], "2023-03-15", "贵州",
      ["黔卫健发〔2022〕21号"], "utf-8",
      "NO signature at all: the issuer is only in the 发布机构 label (a <dl> with the label above "
      "its value); banner/来源/footer say 遵义卫健 (site name), body says 市卫生健康局. Title carries "
      "no issuer. Date = 成文日期 2023-03-15 from the label; 发布日期 and PubDate meta 2023-03-20 are "
      "publication. Region 贵州 from 遵义 / 黔 cite.")

# ---------------------------------------------------------------- dC08
write_txt("dC08_pifu.txt", """
南京市卫生健康委员会关于同意设置南京仁和康复医院的批复

宁卫医〔2022〕87号

南京仁和健康管理有限公司：

　　你公司《关于申请设置南京仁和康复医院的请示》（仁和健康〔2022〕5号）及可行性研究报告、选址报告等材料收悉。经审查，该项目符合《南京市医疗机构设置规划（2021—2025年）》（宁政办发〔2021〕66号）要求。根据《医疗机构管理条例》及其实施细则有关规定，现批复如下：

　　一、同意你公司设置南京仁和康复医院。医疗机构类别为康复医院，经营性质为营利性，选址位于南京市江宁区某某路88号。

　　二、核定床位150张。拟设诊疗科目为：康复医学科、内科、外科、医学检验科、医学影像科。

　　三、本批复有效期为3年，自批复之日起计算。你公司应当在有效期内按照设计方案完成建设，并向我委申请执业登记；逾期未申请的，本批复自行失效。

　　四、医疗机构取得《医疗机构执业许可证》前，不得以任何形式开展诊疗活动或者发布医疗广告。

　　此复。


　　　　　　　　　　　　　　　　南京市卫生健康委员会
　　　　　　　　　　　　　　　　　　2022年9月16日

抄送：江宁区卫生健康委员会，市卫生监督所。
""")
truth("dC08_pifu.txt", "pifu", "letter", "宁卫医〔2022〕87号",
      "南京市卫生健康委员会关于同意设置南京仁和康复医院的批复",
      ["南京市卫生健康委员会"], "2022-09-16", "江苏",
      ["仁和健康〔2022〕5号", "宁政办发〔2021〕66号"], "utf-8",
      "批复 (reply to a single applicant, filed as kind letter). Own 文号 under the title. The "
      "applicant company's 请示 number 仁和健康〔2022〕5号 is quoted right after the salutation "
      "and is a cite, not the own 文号 (it has no place prefix). 抄送 bodies are not issuers. "
      "Region 江苏 from 南京 / 宁 prefix.")

# ---------------------------------------------------------------- dC09
write_txt("dC09_tonggao.txt", """
厦门市卫生健康委员会关于2023年度医疗机构校验有关事项的通告

厦卫通〔2023〕4号

　　根据《医疗机构管理条例》《医疗机构校验管理办法（试行）》等规定，现将2023年度全市医疗机构校验有关事项通告如下：

　　一、校验范围
　　执业登记已满校验期的医院、妇幼保健院、门诊部、诊所及其他医疗机构。床位100张以上的医院等机构校验期为3年，其余机构校验期为1年。

　　二、办理时间
　　2023年2月1日至2023年3月31日。逾期未申请校验的，由原发证机关责令限期补办。

　　三、申请方式
　　申请人通过厦门市卫生健康综合服务平台在线提交校验申请书、执业许可证副本、上一校验期执业情况总结等材料。由市级发证的，向市卫生健康委员会提出；由区级发证的，向所在区卫生健康局提出。

　　四、其他事项
　　暂缓校验的医疗机构，按照《福建省卫生健康委员会关于规范医疗机构暂缓校验管理的通知》（闽卫医政〔2022〕98号）执行。

　　咨询电话：0592-530××××（工作日上午8:00—12:00，下午14:30—17:30）

　　特此通告。


　　　　　　　　　　　　　　　　厦门市卫生健康委员会
　　　　　　　　　　　　　　　　　　2023年1月6日
""")
truth("dC09_tonggao.txt", "tonggao", "announcement", "厦卫通〔2023〕4号",
      "厦门市卫生健康委员会关于2023年度医疗机构校验有关事项的通告",
      ["厦门市卫生健康委员会"], "2023-01-06", "福建",
      ["闽卫医政〔2022〕98号"], "utf-8",
      "通告 with its own 文号 under the title and no addressee line; ends with 特此通告 and a "
      "single-body signature. Office-hours line (8:00—12:00, 14:30—17:30) and the 2023年2月1日"
      "至3月31日 window are not the date. Region 福建 from 厦门 / 闽 cite.")

# ---------------------------------------------------------------- dC14
write_txt("dC14_news-report.txt", """
我省出台措施推动医疗机构检查检验结果互认
发布时间：2023-09-22 09:30　　来源：三秦健康报　　作者：记者 周某某　通讯员 李某

　　本报讯　日前，陕西省卫生健康委员会印发《关于推进全省医疗机构检查检验结果互认工作的通知》（陕卫医发〔2023〕45号，以下简称《通知》），明确到2024年底，全省二级以上公立医院实现38项检验项目、22项检查项目结果互认。

　　《通知》于9月15日印发。按照要求，互认项目须由参加省级质控并且合格的医疗机构出具，检验报告单上统一标注“陕HR”互认标识。对病情发生变化、检查结果与临床表现不符等情形，医生可以重新检查，但应当向患者说明理由并在病历中记录。

　　据了解，此项工作是在2021年省卫生健康委等四部门联合印发的《关于开展医学检验结果互认试点的通知》（陕卫医发〔2021〕72号）基础上的扩面提质。试点两年来，全省累计为患者减少重复检验约120万人次。

　　省卫生健康委医政医管处负责人表示，下一步将依托全民健康信息平台建设全省检查检验结果共享调阅系统，力争2024年6月前实现省、市两级平台互联互通。

（责任编辑：张某）
""")
truth("dC14_news-report.txt", "news-report", "news", "",
      "我省出台措施推动医疗机构检查检验结果互认",
      [], "2023-09-22", "陕西",
      ["陕卫医发〔2023〕45号", "陕卫医发〔2021〕72号"], "utf-8",
      "News report (outlet + reporter named, no own 文号): issuers [] even though it names 陕西省卫生"
      "健康委员会 as the issuing body of the reported notice; that notice's 文号 is a cite, not "
      "the own number. Date = 发布时间 2023-09-22; 9月15日 (the notice's issue date) is a trap. "
      "Region 陕西 from 我省 + 陕 prefix / named commission.")

# ---------------------------------------------------------------- dC15
write_txt("dC15_national-tcm.txt", """
国家中医药管理局关于加强中医医院中药饮片质量管理的通知

国中医药医政发〔2023〕4号

各省、自治区、直辖市及新疆生产建设兵团中医药主管部门：

　　中药饮片是中医临床用药的主体，其质量直接关系中医药服务的疗效和安全。近年来，部分中医医院存在饮片采购渠道不规范、入库验收把关不严、调剂差错时有发生等问题。为进一步加强中医医院中药饮片质量管理，现就有关事项通知如下：

　　一、规范采购验收。中医医院应当从具有合法资质的生产企业或经营企业采购中药饮片，建立供应商评价档案。入库验收应当逐批核对品名、规格、产地、批号，必要时送检。有关验收要求可参照《国家中医药管理局关于中药饮片处方用名规范使用的通知》（国中医药医政函〔2022〕87号）。

　　二、加强储存养护。饮片库房应当具备防潮、防虫、防鼠设施，温湿度每日记录；对易霉变、易虫蛀的品种实行重点养护。

　　三、严格调剂复核。调剂人员应当按处方逐味称量，每剂重量误差控制在±5%以内，调剂完成后由另一名药学人员复核。

　　四、落实主体责任。医院主要负责人是中药饮片质量管理第一责任人。各省级中医药主管部门要于2023年9月30日前完成辖区二级以上中医医院全覆盖检查，并将检查情况报送我局医政司。

　　本通知自印发之日起施行。《国家中医药管理局办公室关于加强中药饮片临床使用管理的通知》（国中医药办医政发〔2018〕13号）同时废止。


　　　　　　　　　　　　　　　　　　　国家中医药局
　　　　　　　　　　　　　　　　　　　2023年6月26日

（信息公开形式：主动公开）
""")
truth("dC15_national-tcm.txt", "national-short-signature", "notice", "国中医药医政发〔2023〕4号",
      "国家中医药管理局关于加强中医医院中药饮片质量管理的通知",
      ["国家中医药局"], "2023-06-26", "全国",
      ["国中医药医政函〔2022〕87号", "国中医药办医政发〔2018〕13号"], "utf-8",
      "National body: title uses the full name 国家中医药管理局, the signature the short name "
      "国家中医药局 (truth keeps the printed short name; same body). Addressee lists provinces - "
      "region is 全国, not a province. The 国中医药办医政发 cite (office prefix, repealed) must "
      "not be taken as own. Deadline 2023年9月30日 is not the date.")

# ---------------------------------------------------------------- dC16
write_txt("dC16_national-cdc.txt", """
国家疾病预防控制局关于做好2024年登革热等蚊媒传染病防控工作的通知
发布时间：2024-05-24　　来源：传染病防控司

国疾控传防发〔2024〕7号

各省、自治区、直辖市及新疆生产建设兵团疾控局：

　　入夏以来，我国南方部分地区气温偏高、降雨偏多，伊蚊密度快速上升，叠加境外输入病例增多，登革热等蚊媒传染病本地传播风险加大。为做好2024年蚊媒传染病防控工作，现将有关要求通知如下。

　　一、强化监测预警。各地要在5月至11月流行季期间，每周开展一次伊蚊幼虫和成蚊密度监测；布雷图指数超过20的，应当在24小时内启动应急灭蚊。

　　二、做好病例发现和报告。医疗机构对不明原因发热伴皮疹、关节痛的就诊者，应当询问旅居史并开展登革热病原学检测，确诊或疑似病例在24小时内进行网络直报。

　　三、开展爱国卫生运动。各地要会同爱卫办组织开展清除积水、翻盆倒罐等环境整治行动，重点做好城中村、建筑工地、废品收购站等场所的孳生地清理。

　　四、加强培训和宣传。病例诊断、报告和疫点处置的具体要求按照《国家疾控局综合司关于印发登革热防控技术指南的通知》（国疾控综传防发〔2023〕12号）执行。

　　请各省级疾控局于2024年12月15日前将本年度蚊媒传染病防控工作总结报送我局传染病防控司。


　　　　　　　　　　　　　　　　　　　国家疾控局
　　　　　　　　　　　　　　　　　　　2024年5月17日
""")
truth("dC16_national-cdc.txt", "national-short-signature", "notice", "国疾控传防发〔2024〕7号",
      "国家疾病预防控制局关于做好2024年登革热等蚊媒传染病防控工作的通知",
      ["国家疾控局"], "2024-05-17", "全国",
      ["国疾控综传防发〔2023〕12号"], "utf-8",
      "National body: title uses the full name 国家疾病预防控制局, the signature the short name "
      "国家疾控局 (truth keeps the printed short name). Portal line gives 发布时间 2024-05-24 and "
      "来源 传染病防控司 (a department, not the issuer); signature date 2024-05-17 is the truth. "
      "The cited number belongs to the 综合司 (国疾控综…) and is not own.")

# ---------------------------------------------------------------- DOCX helpers
import datetime as _dt
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor


def _para(doc, text, size=12, bold=False, align=None, color=None, indent=True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent and align is None:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.bold = bold
    if color is not None:
        r.font.color.rgb = RGBColor(*color)
    return p


def _new_doc(created):
    doc = Document()
    cp = doc.core_properties
    cp.author = "admin"
    cp.last_modified_by = "admin"
    cp.title = ""
    cp.comments = ""
    cp.created = created
    cp.modified = created
    return doc


C, R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT

# ---------------------------------------------------------------- dC10
doc = _new_doc(_dt.datetime(2021, 4, 19, 9, 0, 0))
_para(doc, "鲁卫发〔2021〕9号", size=14, align=C)
_para(doc, "关于加强儿童青少年近视综合防控工作的通知", size=18, bold=True, align=C)
_para(doc, "各市卫生健康委、教育局、财政局、医疗保障局：", size=14, indent=False)
for t in [
    "为切实降低全省儿童青少年近视发生率，根据《国家卫生健康委办公厅 教育部办公厅关于加强儿童青少年近视筛查工作的通知》（国卫办疾控函〔2020〕611号），现就加强我省儿童青少年近视综合防控工作通知如下。",
    "一、建立屈光发育档案。各地卫生健康部门要组织医疗机构为0至6岁儿童每年提供不少于2次视力检查，为中小学生每学期开展1次视力筛查，筛查结果录入省儿童青少年视力健康管理系统，实现一人一档、随人转移。",
    "二、落实学校防控责任。教育部门要确保中小学生在校期间每天开展2次眼保健操和不少于2小时的户外活动，严格控制书面作业总量和电子产品使用时长。",
    "三、加大经费保障。财政部门要将儿童青少年视力筛查经费纳入年度预算，按照每生每年不低于10元的标准予以保障。",
    "四、完善医疗保障。医保部门要将符合条件的儿童弱视、斜视矫治项目纳入基本医疗保险支付范围，具体办法按照《山东省医疗保障局关于调整部分医疗服务项目医保支付政策的通知》（鲁医保发〔2020〕44号）执行。",
    "五、强化考核评估。各市要将近视防控工作纳入对县（市、区）人民政府的年度考核，2021年11月底前将工作总结报送省卫生健康委。",
]:
    _para(doc, t, size=14)
doc.add_paragraph()
tbl = doc.add_table(rows=2, cols=2)
for (i, j), name in {(0, 0): "山东省卫生健康委员会", (0, 1): "山东省教育厅",
                     (1, 0): "山东省财政厅", (1, 1): "山东省医疗保障局"}.items():
    cell = tbl.cell(i, j)
    cell.text = ""
    run = cell.paragraphs[0].add_run(name)
    run.font.size = Pt(14)
    cell.paragraphs[0].alignment = C
_para(doc, "2021年4月19日", size=14, align=R)
_para(doc, "（此件主动公开）", size=14, indent=False)
doc.save(HERE / "dC10_joint-table-docx.docx")
truth("dC10_joint-table-docx.docx", "joint-table-docx", "notice", "鲁卫发〔2021〕9号",
      "关于加强儿童青少年近视综合防控工作的通知",
      ["山东省卫生健康委员会", "山东省教育厅", "山东省财政厅", "山东省医疗保障局"], "2021-04-19", "山东",
      ["国卫办疾控函〔2020〕611号", "鲁医保发〔2020〕44号"], "binary",
      "Joint notice of 4 bodies; the only place naming them is a borderless 2x2 Word table after "
      "the body (row 1: 卫健委 | 教育厅, row 2: 财政厅 | 医保局; truth order = row-major reading "
      "order), the date is a separate right-aligned paragraph BELOW the table. Title has no "
      "issuer; addressee lists 4 kinds of local bodies. Region 山东 from the 鲁 prefix / table. "
      "Core properties set to author admin, created 2021-04-19.")

# ---------------------------------------------------------------- dC11
doc = _new_doc(_dt.datetime(2021, 3, 2, 14, 30, 0))
_para(doc, "湖北省卫生健康委员会文件", size=26, bold=True, align=C, color=(204, 0, 0))
_para(doc, "鄂卫发〔2021〕3号        2021年3月2日", size=14, indent=False)
_para(doc, "湖北省卫生健康委员会关于印发湖北省医疗机构静脉用药调配中心管理规范（试行）的通知", size=18, bold=True, align=C)
_para(doc, "各市、州、直管市、神农架林区卫生健康委，部省属各医疗机构：", size=14, indent=False)
_para(doc, "现将《湖北省医疗机构静脉用药调配中心管理规范（试行）》印发给你们，请结合实际认真贯彻执行。执行中遇到的问题请及时反馈我委医政医管处。", size=14)
_para(doc, "湖北省卫生健康委员会", size=14, align=R)
doc.add_paragraph()
_para(doc, "附件", size=14, bold=True, indent=False)
_para(doc, "湖北省医疗机构静脉用药调配中心管理规范（试行）", size=16, bold=True, align=C)
for t in [
    "第一条　为规范全省医疗机构静脉用药集中调配工作，保障输液用药安全，依据《国家卫生健康委办公厅关于加强静脉用药调配中心质量管理的通知》（国卫办医函〔2020〕512号），制定本规范。",
    "第二条　本规范适用于全省设置静脉用药调配中心的二级以上医疗机构。",
    "第三条　静脉用药调配中心应当由药学部门统一管理，负责人应当具有药学专业本科以上学历、主管药师以上专业技术职务任职资格。",
    "第四条　调配中心洁净区应当定期进行环境监测，每月至少开展1次沉降菌检测，结果保存不少于2年。",
    "第五条　肠外营养液和危害药品应当分区调配，危害药品调配应当在生物安全柜内进行。",
    "第六条　各市、州卫生健康委应当于每年12月底前组织辖区调配中心开展质量评价，评价结果报省静脉用药调配质控中心。",
    "第七条　本规范自2021年4月1日起施行。",
]:
    _para(doc, t, size=14)
doc.save(HERE / "dC11_docno-date-line-docx.docx")
truth("dC11_docno-date-line-docx.docx", "docno-date-line-docx", "notice", "鄂卫发〔2021〕3号",
      "湖北省卫生健康委员会关于印发湖北省医疗机构静脉用药调配中心管理规范（试行）的通知",
      ["湖北省卫生健康委员会"], "2021-03-02", "湖北",
      ["国卫办医函〔2020〕512号"], "binary",
      "The own 文号 and the date share one paragraph ('鄂卫发〔2021〕3号' + 8 ASCII spaces + "
      "'2021年3月2日') under the red header 湖北省卫生健康委员会文件; the signature at the end of "
      "the covering notice is the body name ONLY (no date), so the date must come from that head "
      "line. 2021年4月1日 施行 date inside the 附件 is a trap. The cite sits in the attachment.")

# ---------------------------------------------------------------- PDF helpers
from fpdf import FPDF
from fpdf.enums import WrapMode


class RedHeaderPDF(FPDF):
    def __init__(self):
        super().__init__(format="A4", unit="mm")
        self.add_font("wqy", "", FONT)
        self.set_margins(26, 30, 26)
        self.set_auto_page_break(True, margin=25)
        self.set_creator("WPS Office")
        self.set_producer("WPS Office")

    def footer(self):
        self.set_y(-18)
        self.set_font("wqy", "", 11)
        self.set_text_color(0, 0, 0)
        self.cell(0, 6, f"— {self.page_no()} —", align="C")

    def red_header(self, org, docno, title_lines):
        self.set_font("wqy", "", 28)
        self.set_text_color(204, 0, 0)
        self.cell(0, 16, org, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(8)
        self.set_font("wqy", "", 13)
        self.set_text_color(0, 0, 0)
        self.cell(0, 8, docno, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(204, 0, 0)
        self.set_line_width(0.8)
        y = self.get_y() + 2
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(8)
        self.set_font("wqy", "", 17)
        for t in title_lines:
            self.cell(0, 10, t, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def body(self, text, size=12.5, lh=7.2, indent=True):
        self.set_font("wqy", "", size)
        self.set_text_color(0, 0, 0)
        prefix = "　　" if indent else ""
        self.multi_cell(0, lh, prefix + text, wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")

    def right(self, text, size=12.5, lh=7.5, pad=12):
        self.set_font("wqy", "", size)
        self.cell(self.w - self.l_margin - self.r_margin - pad, lh, text, align="R",
                  new_x="LMARGIN", new_y="NEXT")


# ---------------------------------------------------------------- dC12
pdf = RedHeaderPDF()
pdf.add_page()
pdf.red_header("云南省卫生健康委员会文件", "云卫医发〔2022〕6号",
               ["云南省卫生健康委员会关于加强", "县级医院胸痛中心建设的通知"])
pdf.body("各州、市卫生健康委，委直属各医疗机构：", indent=False)
for t in [
    "为缩短急性胸痛患者救治时间，按照《国家卫生健康委办公厅关于进一步推进胸痛中心规范化建设的通知》（国卫办医函〔2022〕158号）要求，现就加强我省县级医院胸痛中心建设、降低急性心肌梗死死亡率有关事项通知如下。",
    "一、建设目标。到2023年底，全省每个县（市、区）至少有1家县级医院建成胸痛中心并通过基层版认证，首次医疗接触至球囊扩张时间中位数控制在120分钟以内。",
    "二、完善区域协同网络。县级胸痛中心要与辖区乡镇卫生院、院前急救网络建立远程心电传输通道，确保乡镇卫生院完成首份心电图后10分钟内上传。",
    "三、规范溶栓治疗。不具备急诊介入条件的县级医院，应当对符合适应证的患者在入门30分钟内开始溶栓，并按照转运协议及时转诊至上级医院。",
    "四、强化质控督导。省心血管病质控中心每季度通报各地关键质控指标，《云南省胸痛中心质量控制指标（2020版）》（云卫医发〔2020〕31号）继续执行。",
    "请各州、市于2022年9月30日前将辖区建设进展报送我委医政医管处。",
]:
    pdf.body(t)
pdf.add_page()
pdf.ln(6)
pdf.set_font("wqy", "", 12.5)
pdf.cell(0, 8, "（此页无正文）", align="L", new_x="LMARGIN", new_y="NEXT")
pdf.ln(40)
pdf.right("云南省卫生健康委员会", pad=14)
pdf.right("2022年7月8日", pad=20)
pdf.ln(8)
pdf.body("（此件公开发布）", indent=True)
pdf.output(str(HERE / "dC12_red-header-pdf-sigpage.pdf"))
truth("dC12_red-header-pdf-sigpage.pdf", "red-header-pdf-sigpage", "notice", "云卫医发〔2022〕6号",
      "云南省卫生健康委员会关于加强县级医院胸痛中心建设的通知",
      ["云南省卫生健康委员会"], "2022-07-08", "云南",
      ["国卫办医函〔2022〕158号", "云卫医发〔2020〕31号"], "binary",
      "Two-page red-header PDF: page 1 holds header, 文号, a title wrapped over two centred lines "
      "(joined in truth) and the whole body; page 2 holds only （此页无正文）, the signature, the date "
      "and （此件公开发布）. Page footers '— 1 —' / '— 2 —' are furniture. The 2023年底 target and "
      "2022年9月30日 deadline are not the date.")

# ---------------------------------------------------------------- dC13
pdf = RedHeaderPDF()
pdf.add_page()
pdf.red_header("江西省卫生健康委员会文件", "赣卫基层字〔2023〕11号",
               ["江西省卫生健康委员会关于做好2023年", "家庭医生签约服务工作的通知"])
pdf.body("各设区市、赣江新区卫生健康委，委直属有关单位：", indent=False)
for t in [
    "为深入推进家庭医生签约服务提质增效，根据《国家卫生健康委办公厅关于做好2023年家庭医生签约服务工作的通知》（国卫基层函〔2022〕203号）精神，结合我省实际，现就有关工作通知如下。",
    "一、稳步扩大签约覆盖面。2023年全省常住人口签约服务覆盖率在上年基础上提高3个百分点，重点人群签约服务覆盖率不低于75%。",
    "二、丰富签约服务内容。各地要在基础服务包之外，至少设计2个面向慢性病患者、孕产妇、老年人等人群的个性化服务包，明确服务项目、频次和收费标准。",
    "三、健全激励机制。签约服务费的70%以上用于家庭医生团队人员薪酬分配，并与签约居民续约率、满意度挂钩。",
    "四、加强考核评价。各设区市要于2023年11月底前完成年度考核，考核办法参照《江西省家庭医生签约服务考核评价办法》（赣卫基层字〔2022〕19号）执行。",
]:
    pdf.body(t)
pdf.ln(10)
pdf.right("江西省卫生健康委员会", pad=14)
pdf.right("2023年5月10日", pad=20)
pdf.ln(4)
pdf.body("（此件主动公开）", indent=True)
pdf.ln(4)
pdf.set_draw_color(0, 0, 0)
pdf.set_line_width(0.4)
y = pdf.get_y()
pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
pdf.ln(2)
pdf.body("抄送：国家卫生健康委基层卫生健康司，省财政厅，省医疗保障局，省中医药管理局，各设区市人民政府。",
         size=11.5, indent=False)
y = pdf.get_y() + 1
pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
pdf.ln(3)
pdf.set_font("wqy", "", 11.5)
pdf.cell(0, 7, "江西省卫生健康委员会办公室　　　　　　　　2023年5月12日印发", new_x="LMARGIN", new_y="NEXT")
y = pdf.get_y() + 1
pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
pdf.output(str(HERE / "dC13_red-header-pdf-chaosong.pdf"))
truth("dC13_red-header-pdf-chaosong.pdf", "red-header-pdf-chaosong", "notice", "赣卫基层字〔2023〕11号",
      "江西省卫生健康委员会关于做好2023年家庭医生签约服务工作的通知",
      ["江西省卫生健康委员会"], "2023-05-10", "江西",
      ["国卫基层函〔2022〕203号", "赣卫基层字〔2022〕19号"], "binary",
      "Red-header PDF with a 版记: 抄送 line lists five bodies (国家卫生健康委基层卫生健康司, 省财政厅, "
      "省医疗保障局, 省中医药管理局, 各设区市人民政府) that are NOT issuers; the 印发 line names the "
      "委员会办公室 and 2023年5月12日印发, which are the printing office and print date, not the "
      "issuer or signature date (truth 2023-05-10 from the signature). 文号 uses the 字 form "
      "(赣卫基层字). Title wrapped on two lines.")

# ---------------------------------------------------------------- self-check
from pypdf import PdfReader

for row in TRUTH:
    if row["file"].endswith(".pdf"):
        pages = [pg.extract_text() for pg in PdfReader(HERE / row["file"]).pages]
        if row["file"].startswith("dC12"):  # body on page 1, signature alone on page 2
            assert len(pages) == 2 and row["issuers"][0] not in pages[0].split("\n", 4)[-1]
        text = "\n".join(pages)
        for no in [row["doc_number"], *row["cites"]]:
            assert no in text, (row["file"], no)
        assert row["issuers"][0] in pages[-1], row["file"]

# ---------------------------------------------------------------- truth file
TRUTH.sort(key=lambda r: r["file"])
with open(HERE / "truth-C.jsonl", "w", encoding="utf-8") as fh:
    for row in TRUTH:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
print(f"wrote {len(TRUTH)} files + truth-C.jsonl")
