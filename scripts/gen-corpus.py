#!/usr/bin/env python3
"""Generate a synthetic corpus of gazette issues for the search benchmarks.

    python3 scripts/gen-corpus.py --docs 10000 --out bench-data/corpus-10k [--seed 1]
    python3 scripts/gen-corpus.py --check DIR --gazette target/release/gazette [--sample N]

The material is real: paragraphs, headings, (一) items, numbered items,
recipients, task-table rows, appointment lines and the topics of titles are
taken from tests/fixtures/qingdao-gazette-2019-issue.txt and
tests/fixtures/govcn/*.txt, and recombined into new documents in the house
style of the Qingdao gazette:

    {title}

    （{yyyy}年{m}月{d}日）

    {doc_number}

    {recipients}：

    {paragraph}

    一、{heading}
    ...

One line per paragraph, a blank line between paragraphs. Every body
paragraph ends with sentence-final punctuation and headings are short, so
the parser has no reason to join two of them: each line becomes one block.
Some documents end with an attachment holding a task table (tab-separated,
header 序号\\t工作任务\\t具体要求\\t责任单位); some issues end with a 任免
list (a document without 发文字号, as in the real gazette).

Output, in DIR:
    issues/{year}/qdzb-{year}-{nnn}.txt   the issue files (~20 documents each)
    manifest.json                         counts, bytes, and per document its
                                          id, issue, doc_number, title, date
    docs.jsonl                            per document {id, issue, title,
                                          doc_number, date, body}; body = every
                                          line after the title, joined by \\n
                                          (what a search over title + body sees)

Deterministic for a seed: the same --seed gives the same bytes, and the
first N documents of a larger corpus are the documents of the N-document
corpus (only the last issue of the smaller one is cut short), so queries
drawn from corpus-10k also occur in corpus-100k.

--check runs `gazette parse --format summary` over the issues of DIR and
compares, per issue, the number of documents and each document's 发文字号
and title with the manifest; with --blocks it also compares the parser's
blocks with docs.jsonl bodies (slow: JSON output). It exits non-zero on any
difference. Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

# Sentence-final punctuation: a paragraph ending in one of these is never
# joined to the next by the parser.
FINAL = "。；！？"
CN_NUM = "一二三四五六七八九十"

# ---------------------------------------------------------------------------
# Reading the real material
# ---------------------------------------------------------------------------


def cn_number(n):
    """1 → 一, 12 → 十二, 21 → 二十一 (enough for headings)."""
    if n <= 10:
        return "一二三四五六七八九十"[n - 1]
    if n < 20:
        return "十" + cn_number(n - 10)
    tens, ones = divmod(n, 10)
    return cn_number(tens) + "十" + (cn_number(ones) if ones else "")


def clean(line):
    """Drops HTML remnants and every kind of space (the fixtures hold
    stray spaces, NBSPs and ideographic spaces from page rendering)."""
    line = re.sub(r"</?[a-zA-Z][^>]*>", "", line)
    line = line.replace("\u00a0", " ").replace("\u3000", " ")
    # Spaces between CJK characters are layout, not text.
    line = re.sub(r"\s+", " ", line).strip()
    line = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", line)
    line = re.sub(r"(?<=[^\x00-\x7f]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?=[^\x00-\x7f])", "", line)
    return line


HEADING_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）|第[一二三四五六七八九十百]+[章条节])"
)


def qingdao_paragraphs(text):
    """Paragraphs of the Qingdao issue: blank-line separated, with the page
    breaks that cut a sentence in two joined back."""
    raw = [clean(p.replace("\n", "")) for p in re.split(r"\n\s*\n", text)]
    raw = [p for p in raw if p]
    out = []
    for p in raw:
        if (
            out
            and "\t" not in p
            and "\t" not in out[-1]
            and out[-1][-1] not in FINAL + "：:”）)"
            and len(out[-1]) > 30
            and not HEADING_MARKER.match(p)
        ):
            out[-1] += p
        else:
            out.append(p)
    return out


def govcn_paragraphs(text):
    """Paragraphs of a gov.cn page: one printed line each."""
    return [c for c in (clean(line) for line in text.splitlines()) if c]


def only_cjk_and_punct(s):
    """True when s holds no Latin letters (no stray markup, no English)."""
    return not re.search(r"[A-Za-z<>&;=]", s)


# Short cells of the command table that are not people.
NOT_NAMES = {"名单", "附件", "干部", "序号", "成员", "指挥", "组长"}


class Material:
    """Pools of real text, each a list of strings."""

    def __init__(self):
        self.paragraphs = []  # body paragraphs, ending in 。
        self.intros = []  # opening paragraphs (为… / 根据…)
        self.headings = []  # short top-level headings, marker stripped
        self.sub_items = []  # （一） items with text, marker stripped: "指导思想。以…。"
        self.sub_headings = []  # short （一） headings, marker stripped
        self.numbered = []  # 1. items, marker stripped, ending in 。
        self.closings = []  # last paragraphs (各区（市）、各部门要…)
        self.recipients = []  # real recipient lines, ending in ：
        self.topics = []  # the 关于…的 part of real titles
        self.tasks = []  # (工作任务, 具体要求, 责任单位) of real task tables
        self.units = []  # 责任单位 lists from （责任单位：…） notes
        self.names = []  # people's names from 任免 lines and tables
        self.posts = []  # posts from 任免 lines
        self.cited = set()  # 发文字号 cited in the real text: never generated
        self.read()

    def read(self):
        qingdao = (FIXTURES / "qingdao-gazette-2019-issue.txt").read_text(encoding="utf-8")
        govcn_files = sorted((FIXTURES / "govcn").glob("govcn-*.txt"))
        sources = [("qingdao", qingdao_paragraphs(qingdao))]
        for f in govcn_files:
            sources.append((f.name, govcn_paragraphs(f.read_text(encoding="utf-8"))))
        for text in [qingdao] + [f.read_text(encoding="utf-8") for f in govcn_files]:
            for m in re.finditer(r"[\u4e00-\u9fff]{1,6}〔\d{4}〕\d+号", text):
                self.cited.add(m.group(0))

        seen = set()

        def add(pool, s):
            if s not in seen:
                seen.add(s)
                pool.append(s)

        for _, paras in sources:
            for p in paras:
                if "\t" in p or not only_cjk_and_punct(p):
                    continue
                if re.match(r"^（\d{4}年\d{1,2}月\d{1,2}日）$", p) or "〔" in p[:12]:
                    continue  # date and number lines
                if p.endswith("：") and p.startswith("各") and len(p) < 80:
                    add(self.recipients, p)
                    continue
                for u in re.findall(r"（责任单位：([^（）]{2,80})）", p):
                    add(self.units, u)
                m = re.match(r"^([一二三四五六七八九十]+)、(.+)$", p)
                if m:
                    rest = m.group(2)
                    # A heading with a comma or a bracket does not read as
                    # complete to the parser, which would join the next line.
                    if len(rest) <= 20 and not re.search(r"[，。；：（）“”]", rest):
                        add(self.headings, rest)
                    continue
                m = re.match(r"^（[一二三四五六七八九十]+）(.+)$", p)
                if m:
                    rest = m.group(1)
                    if len(rest) <= 20 and not re.search(r"[，。；：（）“”]", rest):
                        add(self.sub_headings, rest)
                    elif rest[-1] == "。" and len(rest) >= 30:
                        add(self.sub_items, rest)
                    continue
                m = re.match(r"^\d+[.．、]\s*(.+)$", p)
                if m:
                    rest = m.group(1)
                    if rest[-1] == "。" and len(rest) >= 20 and not re.search(r"^\d|[；;。]\s*\d+[.．]", rest):
                        add(self.numbered, rest)
                    continue
                if HEADING_MARKER.match(p) or p[-1] != "。" or len(p) < 40:
                    continue
                if re.search(r"[〔\[]\d{4}[〕\]]\d+号", p) and len(p) < 60:
                    continue
                if p.startswith(("为", "根据", "按照")) and len(p) < 400:
                    add(self.intros, p)
                elif p.startswith("各") and ("要" in p[:20]) and len(p) < 200:
                    add(self.closings, p)
                else:
                    add(self.paragraphs, p)

        # Titles: the Qingdao ones (the line before a （date） line) and the
        # gov.cn ones from expected.tsv.
        titles = []
        qlines = [clean(x) for x in qingdao.splitlines()]
        qlines = [x for x in qlines if x]
        for i, line in enumerate(qlines):
            if re.match(r"^（\d{4}年\d{1,2}月\d{1,2}日）$", line) and i > 0:
                titles.append(qlines[i - 1])
        with open(FIXTURES / "govcn" / "expected.tsv", encoding="utf-8") as f:
            for row in list(f)[1:]:
                cols = row.rstrip("\n").split("\t")
                if len(cols) >= 3:
                    titles.append(cols[2])
        for t in titles:
            m = re.search(r"关于(.+?)的(?:实施|指导|若干)?(?:意见|通知|方案|决定|办法|复函|批复|函|通报|报告)$", t)
            if not m:
                continue
            topic = m.group(1)
            if len(topic) < 4 or len(topic) > 40 or "关于" in topic:
                continue
            # Letters answering one province or one proposal read oddly
            # under a city's or a province's name.
            if re.search(r"总理|请示|报告|建议|同意|授权|奖售粮|黄金|香港|问题$", topic):
                continue
            add(self.topics, topic)
        # More topics: the real headings of policy measures read as topics
        # ("完善银担合作机制" → 关于完善银担合作机制的意见).
        verbs = ("加强", "推进", "加快", "做好", "支持", "推动", "完善", "健全", "强化", "促进", "深化",
                 "规范", "全面", "降低", "优化", "深入", "积极", "大力", "切实", "稳步", "调整", "建立")
        for h in self.sub_headings + self.headings:
            if 6 <= len(h) <= 20 and not re.search(r"[（“\d，]", h) and h.startswith(verbs) and h not in self.topics:
                self.topics.append(h)

        # Task tables: Qingdao's 序号/工作任务/具体要求/责任单位 rows.
        for line in qingdao.splitlines():
            cells = [clean(c) for c in line.split("\t")]
            if len(cells) >= 4 and re.match(r"^\d+(\.\d+)?$", cells[0]):
                task, req, unit = cells[1], cells[2], cells[3]
                if task and req and unit and only_cjk_and_punct(task + req + unit):
                    self.tasks.append((task, req, unit))
        # Names and posts: the 任免 list and the 防汛 command table.
        for line in qingdao.splitlines():
            for cell in line.split("\t"):
                c = clean(cell).replace(" ", "")
                if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", c) and c not in self.names and c not in NOT_NAMES and not re.search(r"[市局委办长员任区]", c):
                    self.names.append(c)
            c = clean(line)
            m = re.match(r"^([\u4e00-\u9fff、]{2,12})为(青岛市.+?)[；。]$", c)
            if m:
                for n in m.group(1).split("、"):
                    if n not in self.names:
                        self.names.append(n)
                post = re.sub(r"（试用期一年）|（挂职时间一年）", "", m.group(2))
                if post not in self.posts:
                    self.posts.append(post)
            m = re.match(r"^([\u4e00-\u9fff、]{2,12})的(青岛市.+?)职务[；。]$", c)
            if m:
                for n in m.group(1).split("、"):
                    if n not in self.names:
                        self.names.append(n)
                if m.group(2) not in self.posts:
                    self.posts.append(m.group(2))

    def summary(self):
        return {
            k: len(v)
            for k, v in vars(self).items()
            if isinstance(v, (list, set))
        }


# ---------------------------------------------------------------------------
# Issuers, numbers, dates
# ---------------------------------------------------------------------------

QINGDAO_RECIPIENTS = "各区、市人民政府，青岛西海岸新区管委，市政府各部门，市直各单位："
SHANDONG_RECIPIENTS = "各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构，各大企业，各高等院校："
STATE_RECIPIENTS = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："

# issuer, level, document codes, weight
ISSUERS = [
    ("青岛市人民政府", "qingdao", ["青政发", "青政字"], 5),
    ("青岛市人民政府办公厅", "qingdao", ["青政办发", "青政办字"], 8),
    ("山东省人民政府", "shandong", ["鲁政发", "鲁政字"], 2),
    ("山东省人民政府办公厅", "shandong", ["鲁政办发", "鲁政办字"], 3),
    ("国务院", "state", ["国发", "国函"], 1),
    ("国务院办公厅", "state", ["国办发", "国办函"], 2),
]
APPROVER = {"qingdao": "市政府", "shandong": "省政府", "state": "国务院"}
DOC_TYPES = [("通知", 6), ("意见", 4), ("实施意见", 1), ("指导意见", 1), ("方案", 2), ("决定", 1), ("办法", 1)]

MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def days_in(year, month):
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 29
    return MONTH_DAYS[month - 1]


def weighted(rng, items):
    total = sum(w for *_, w in items)
    r = rng.randrange(total)
    for item in items:
        r -= item[-1]
        if r < 0:
            return item
    return items[-1]


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


class Generator:
    def __init__(self, material, seed):
        self.m = material
        self.rng = random.Random(seed)
        self.serials = {}  # (code, year) -> last serial used
        self.issue_counts = {}  # year -> issues so far

    def next_number(self, code, year):
        rng = self.rng
        while True:
            last = self.serials.get((code, year), 0)
            serial = last + 1 + (rng.randrange(3) if rng.random() < 0.3 else 0)
            self.serials[(code, year)] = serial
            number = f"{code}〔{year}〕{serial}号"
            if number not in self.m.cited:
                return number

    def title(self, issuer, level, year):
        rng = self.rng
        while True:
            topic = rng.choice(self.m.topics)
            # A city does not write about other provinces or the State
            # Council's own affairs; the State Council not about Qingdao.
            if level != "state" and re.search(r"山西|安徽|国务院|国家|全国|第五次", topic):
                continue
            if level == "state" and "青岛" in topic:
                continue
            break
        if level == "shandong":
            topic = topic.replace("青岛市", "山东省").replace("全市", "全省")
        topic = re.sub(r"(19|20)\d{2}年", f"{year}年", topic)
        if topic.startswith("印发"):
            doc_type = "通知"
        else:
            doc_type = weighted(rng, DOC_TYPES)[0]
            if doc_type in ("通知", "决定") and rng.random() < 0.3 and not topic.startswith(("进一步", "印发", "转发")):
                topic = "进一步" + topic
        return f"{issuer}关于{topic}的{doc_type}", topic

    def paragraph_count(self):
        # 3–30, most documents short, a long tail of long ones.
        rng = self.rng
        return min(30, max(3, int(rng.triangular(3, 31, 6))))

    def body(self, level, topic, year):
        """The lines of the body after the recipients, and the number of
        paragraphs (table rows not counted)."""
        rng = self.rng
        m = self.m
        target = self.paragraph_count()
        lines = []
        if topic.startswith("印发") and rng.random() < 0.8:
            name = re.sub(r"^印发", "", topic)
            if not name.startswith("《"):
                name = f"《{name}》"
            verb = rng.choice(["请认真贯彻执行。", "请认真组织实施。", "请结合实际认真贯彻落实。"])
            lines.append(f"{name}已经{APPROVER[level]}同意，现印发给你们，{verb}")
        else:
            lines.append(rng.choice(m.intros))
        n_sections = 0
        while len(lines) < target - 1:
            n_sections += 1
            lines.append(f"{cn_number(n_sections)}、{rng.choice(m.headings)}")
            style = rng.random()
            room = target - 1 - len(lines)
            k = min(room, rng.randint(1, 5))
            if k <= 0:
                break
            if style < 0.4:
                for j in range(k):
                    lines.append(f"（{cn_number(j + 1)}）{rng.choice(m.sub_items)}")
            elif style < 0.6:
                lines.append(f"（一）{rng.choice(m.sub_headings)}")
                for j in range(k - 1):
                    lines.append(f"{j + 1}. {rng.choice(m.numbered)}")
            else:
                for _ in range(k):
                    lines.append(rng.choice(m.paragraphs))
        if len(lines) < target:
            lines.append(rng.choice(m.closings) if m.closings and rng.random() < 0.7 else rng.choice(m.paragraphs))
        paragraphs = len(lines)
        # Some documents carry a task table as their attachment.
        if rng.random() < 0.12:
            name = f"{year}年{rng.choice(['重点工作任务分解落实表', '重点任务分工表', '工作任务分解表'])}"
            lines.append(f"附件：{name}")
            lines.append("附件")
            lines.append(name)
            lines.append("序号\t工作任务\t具体要求\t责任单位")
            for i in range(rng.randint(3, 12)):
                task, req, unit = rng.choice(m.tasks)
                if m.units and rng.random() < 0.5:
                    unit = rng.choice(m.units)
                lines.append(f"{i + 1}\t{task}\t{req}\t{unit}")
        return lines, paragraphs

    def appointments(self, year, month):
        """A 任免 list: title, decision line, 任命 and 免去 lines."""
        rng = self.rng
        m = self.m
        day = rng.randint(1, days_in(year, month))
        lines = [f"{year}年{month}月{day}日，市政府决定，任命："]

        def names():
            return "、".join(rng.sample(m.names, rng.choice([1, 1, 1, 2])))

        appoint = rng.randint(2, 6)
        for i in range(appoint):
            note = rng.choice(["", "", "", "（试用期一年）", "（挂职时间一年）"])
            lines.append(f"{names()}为{rng.choice(m.posts)}{note}；")
        lines.append("免去：")
        remove = rng.randint(2, 10)
        for i in range(remove):
            end = "。" if i == remove - 1 else "；"
            lines.append(f"{names()}的{rng.choice(m.posts)}职务{end}")
        return "近期市政府任免的工作人员名单", f"{year}-{month:02d}-{day:02d}", lines

    def issue(self, max_docs):
        """One issue: (year, number, documents); each document a dict."""
        rng = self.rng
        year = rng.randint(2000, 2024)
        number = self.issue_counts.get(year, 0) + 1
        self.issue_counts[year] = number
        month = rng.randint(1, 12)
        n = rng.randint(16, 24)
        with_appointments = rng.random() < 0.25
        docs = []
        for i in range(n):
            if with_appointments and i == n - 1:
                title, date, lines = self.appointments(year, month)
                docs.append({"title": title, "doc_number": None, "date": date, "lines": lines, "paragraphs": len(lines)})
                continue
            issuer, level, codes, _ = weighted(rng, ISSUERS)
            code = rng.choice(codes)
            # Documents of an issue are from its month or the one before.
            dmonth = month if rng.random() < 0.7 or month == 1 else month - 1
            day = rng.randint(1, days_in(year, dmonth))
            title, topic = self.title(issuer, level, year)
            doc_number = self.next_number(code, year)
            if level == "qingdao":
                recipients = QINGDAO_RECIPIENTS if rng.random() < 0.8 else QINGDAO_RECIPIENTS.replace("市直各单位", "市直有关单位")
            elif level == "shandong":
                recipients = SHANDONG_RECIPIENTS
            else:
                recipients = rng.choice([r for r in self.m.recipients if "国务院" in r] or [STATE_RECIPIENTS])
            body, paragraphs = self.body(level, topic, year)
            lines = [f"（{year}年{dmonth}月{day}日）", doc_number, recipients] + body
            docs.append({
                "title": title,
                "doc_number": doc_number,
                "date": f"{year}-{dmonth:02d}-{day:02d}",
                "lines": lines,
                "paragraphs": paragraphs,
            })
        # Every issue is generated in full (same random draws whatever N
        # is); only the documents that fit are written.
        return year, number, docs[:max_docs]


def render(doc):
    return doc["title"] + "\n\n" + "\n\n".join(doc["lines"]) + "\n"


def generate(args):
    material = Material()
    gen = Generator(material, args.seed)
    out = Path(args.out)
    (out / "issues").mkdir(parents=True, exist_ok=True)
    manifest_docs = []
    issues = []
    total_bytes = 0
    doc_id = 0
    with open(out / "docs.jsonl", "w", encoding="utf-8") as jsonl:
        while doc_id < args.docs:
            year, number, docs = gen.issue(args.docs - doc_id)
            rel = f"issues/{year}/qdzb-{year}-{number:03d}.txt"
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            text = "\n\n".join(render(d).rstrip("\n") for d in docs) + "\n"
            data = text.encode("utf-8")
            path.write_bytes(data)
            total_bytes += len(data)
            issues.append({"path": rel, "documents": len(docs), "bytes": len(data)})
            for d in docs:
                doc_id += 1
                record = {
                    "id": doc_id,
                    "issue": rel,
                    "doc_number": d["doc_number"],
                    "title": d["title"],
                    "date": d["date"],
                }
                manifest_docs.append(record)
                jsonl.write(json.dumps(dict(record, body="\n".join(d["lines"])), ensure_ascii=False))
                jsonl.write("\n")
    manifest = {
        "generator": "scripts/gen-corpus.py",
        "seed": args.seed,
        "documents": len(manifest_docs),
        "issues": len(issues),
        "bytes": total_bytes,
        "issue_files": issues,
        "docs": manifest_docs,
    }
    with open(out / "manifest.json", "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print(
        f"{out}: {len(manifest_docs)} documents in {len(issues)} issues, "
        f"{total_bytes:,} bytes ({total_bytes / 1048576:.1f} MiB)"
    )


# ---------------------------------------------------------------------------
# Checking with the parser
# ---------------------------------------------------------------------------


def check(args):
    out = Path(args.check)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_issue = {}
    for d in manifest["docs"]:
        by_issue.setdefault(d["issue"], []).append(d)
    issues = [i["path"] for i in manifest["issue_files"]]
    if args.sample and args.sample < len(issues):
        rng = random.Random(0)
        issues = sorted(rng.sample(issues, args.sample))
    problems = []
    checked_docs = 0
    batch = 200
    for start in range(0, len(issues), batch):
        chunk = issues[start : start + batch]
        proc = subprocess.run(
            [args.gazette, "parse", "--format", "summary"] + [str(out / p) for p in chunk],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            sys.exit(f"gazette parse failed ({proc.returncode}): {proc.stderr[:2000]}")
        parsed = {}
        current = None
        for line in proc.stdout.splitlines():
            m = re.match(r"^(.*): (\d+) document\(s\)$", line)
            if m and not line.startswith(" "):
                current = os.path.relpath(m.group(1), out)
                parsed[current] = {"count": int(m.group(2)), "docs": []}
            elif line.startswith("  ") and current:
                cols = line[2:].split("\t")
                parsed[current]["docs"].append(cols)
        for p in chunk:
            want = by_issue[p]
            got = parsed.get(p)
            if got is None:
                problems.append(f"{p}: no summary from the parser")
                continue
            if got["count"] != len(want):
                problems.append(f"{p}: parser finds {got['count']} documents, generated {len(want)}")
                continue
            for w, g in zip(want, got["docs"]):
                number = g[0] if g[0] != "-" else None
                title = g[-1]
                if number != w["doc_number"] or title != w["title"] or g[1] != w["date"]:
                    problems.append(f"{p}: doc {w['id']}: parser {g!r}, generated {w['doc_number']!r} {w['date']} {w['title']!r}")
            checked_docs += len(want)
    if args.blocks:
        bodies = {}
        wanted = set(issues[: args.blocks])
        with open(out / "docs.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["issue"] in wanted:
                    bodies.setdefault(d["issue"], []).append(d)
        for p in sorted(wanted):
            proc = subprocess.run([args.gazette, "parse", "--format", "json", str(out / p)], capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"gazette parse failed: {proc.stderr[:2000]}")
            parsed = json.loads(proc.stdout)
            for want, got in zip(bodies[p], parsed["documents"]):
                blocks = [b["text"] for b in got["blocks"] if b["kind"] != "title"]
                if "\n".join(blocks) != want["body"]:
                    want_lines = want["body"].split("\n")
                    for i, (a, b) in enumerate(zip(want_lines, blocks)):
                        if a != b:
                            problems.append(f"{p}: doc {want['id']}: block {i} differs: generated {a[:60]!r}, parsed {b[:60]!r}")
                            break
                    else:
                        problems.append(f"{p}: doc {want['id']}: {len(blocks)} blocks, generated {len(want_lines)} lines")
    for pr in problems[:50]:
        print(pr, file=sys.stderr)
    what = f"{len(issues)} issue(s), {checked_docs} document(s)"
    if args.blocks:
        what += f", blocks of {min(args.blocks, len(issues))} issue(s)"
    if problems:
        sys.exit(f"check FAILED: {len(problems)} problem(s) in {what}")
    print(f"check ok: {what} parse as generated")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, help="number of documents to write")
    ap.add_argument("--out", help="output directory")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", metavar="DIR", help="check a generated corpus with the parser")
    ap.add_argument("--gazette", default=str(REPO / "target" / "release" / "gazette"), help="gazette binary for --check")
    ap.add_argument("--sample", type=int, default=0, help="--check only this many issues (0: all)")
    ap.add_argument("--blocks", type=int, default=0, help="--check also the blocks of this many issues")
    ap.add_argument("--material", action="store_true", help="print the sizes of the pools of real text")
    args = ap.parse_args()
    if args.material:
        print(json.dumps(Material().summary(), indent=1))
        return
    if args.check:
        check(args)
        return
    if not args.docs or not args.out:
        ap.error("--docs and --out are required")
    generate(args)


if __name__ == "__main__":
    main()
