"""Say where seeded SPOs are and what they grow: NAPP's countries, provinces and products.

Pure data and one generator; no database access. Most SPOs are Chinese, as in NAPP's network,
with a Chinese name beside the English one; the others are in India, Vietnam,
Indonesia, Sri Lanka, Papua New Guinea and Thailand.
"""

from dataclasses import dataclass

from ..models.organization import CODE_ALPHABET


@dataclass(frozen=True)
class Region:
    """A province or state: its country (ISO code), names, towns and what its SPOs grow."""

    iso: str
    country: str
    name: str
    name_zh: str
    towns: tuple[tuple[str, str], ...]  # (English, Chinese); Chinese empty outside China
    products: tuple[str, ...]


def _cn(name, name_zh, towns, products) -> Region:
    return Region("CN", "China", name, name_zh, tuple(towns), tuple(products))


def _other(iso, country, name, towns, products) -> Region:
    return Region(iso, country, name, "", tuple((town, "") for town in towns), tuple(products))


CHINA = (
    _cn(
        "Yunnan",
        "云南",
        [
            ("Menghai", "勐海"),
            ("Pu'er", "普洱"),
            ("Lincang", "临沧"),
            ("Baoshan", "保山"),
            ("Mengla", "勐腊"),
            ("Jinggu", "景谷"),
            ("Tengchong", "腾冲"),
            ("Shuangjiang", "双江"),
        ],
        ["tea", "tea", "coffee", "honey"],
    ),  # fmt: skip
    _cn(
        "Fujian",
        "福建",
        [("Anxi", "安溪"), ("Wuyishan", "武夷山"), ("Fuding", "福鼎"), ("Zhenghe", "政和")],
        ["tea"],
    ),
    _cn(
        "Zhejiang",
        "浙江",
        [("Anji", "安吉"), ("Xinchang", "新昌"), ("Songyang", "松阳"), ("Chun'an", "淳安")],
        ["tea", "tea", "honey"],
    ),
    _cn(
        "Anhui",
        "安徽",
        [("Qimen", "祁门"), ("Huangshan", "黄山"), ("Lu'an", "六安"), ("Shexian", "歙县")],
        ["tea", "tea", "rice"],
    ),
    _cn(
        "Sichuan",
        "四川",
        [("Ya'an", "雅安"), ("Mingshan", "名山"), ("Emeishan", "峨眉山"), ("Yibin", "宜宾")],
        ["tea", "tea", "honey"],
    ),
    _cn(
        "Guizhou",
        "贵州",
        [("Meitan", "湄潭"), ("Duyun", "都匀"), ("Fenggang", "凤冈"), ("Leishan", "雷山")],
        ["tea", "tea", "rice"],
    ),
    _cn(
        "Hainan",
        "海南",
        [("Wanning", "万宁"), ("Baisha", "白沙"), ("Qiongzhong", "琼中"), ("Chengmai", "澄迈")],
        ["coffee", "tea", "coconut"],
    ),
    _cn(
        "Guangxi",
        "广西",
        [("Hengxian", "横县"), ("Zhaoping", "昭平"), ("Sanjiang", "三江"), ("Lingyun", "凌云")],
        ["tea", "honey", "sugar cane"],
    ),
    _cn(
        "Shaanxi",
        "陕西",
        [("Zhashui", "柞水"), ("Hanzhong", "汉中"), ("Ankang", "安康"), ("Ziyang", "紫阳")],
        ["honey", "tea"],
    ),
    _cn(
        "Heilongjiang",
        "黑龙江",
        [("Wuchang", "五常"), ("Qing'an", "庆安"), ("Fangzheng", "方正"), ("Hulin", "虎林")],
        ["rice", "rice", "honey"],
    ),
)

ELSEWHERE = (
    _other("IN", "India", "Assam", ["Dibrugarh", "Jorhat", "Golaghat"], ["tea"]),
    _other("IN", "India", "West Bengal", ["Darjeeling", "Kurseong", "Mirik"], ["tea"]),
    _other("IN", "India", "Kerala", ["Wayanad", "Idukki"], ["coffee", "spices", "rice"]),
    _other("IN", "India", "Karnataka", ["Kodagu", "Chikmagalur", "Hassan"], ["coffee"]),
    _other("VN", "Vietnam", "Lam Dong", ["Bao Loc", "Di Linh", "Lac Duong"], ["coffee", "tea"]),
    _other("VN", "Vietnam", "Dak Lak", ["Buon Ma Thuot", "Krong Nang", "Ea H'leo"], ["coffee"]),
    _other("VN", "Vietnam", "Son La", ["Moc Chau", "Thuan Chau"], ["tea", "coffee"]),
    _other("ID", "Indonesia", "Aceh", ["Takengon", "Bener Meriah"], ["coffee"]),
    _other("ID", "Indonesia", "North Sumatra", ["Sidikalang", "Lintong"], ["coffee"]),
    _other("ID", "Indonesia", "East Nusa Tenggara", ["Bajawa", "Ruteng"], ["coffee", "cocoa"]),
    _other("ID", "Indonesia", "Bali", ["Kintamani", "Tabanan"], ["coffee", "rice"]),
    _other("LK", "Sri Lanka", "Uva", ["Badulla", "Bandarawela"], ["tea", "spices"]),
    _other("LK", "Sri Lanka", "Central Province", ["Nuwara Eliya", "Kandy"], ["tea"]),
    _other("LK", "Sri Lanka", "Sabaragamuwa", ["Ratnapura", "Kegalle"], ["tea", "coconut"]),
    _other("PG", "Papua New Guinea", "Eastern Highlands", ["Goroka", "Kainantu"], ["coffee"]),
    _other("PG", "Papua New Guinea", "Jiwaka", ["Banz", "Minj"], ["coffee"]),
    _other("PG", "Papua New Guinea", "East New Britain", ["Kokopo", "Rabaul"], ["cocoa"]),
    _other("TH", "Thailand", "Chiang Rai", ["Doi Chaang", "Mae Suai"], ["coffee", "tea"]),
    _other("TH", "Thailand", "Surin", ["Tha Tum", "Chom Phra"], ["rice"]),
    _other("TH", "Thailand", "Yasothon", ["Kut Chum", "Loeng Nok Tha"], ["rice"]),
)

# Shares of the network, in per cent: NAPP's SPOs are mostly Chinese.
COUNTRY_SHARES = {"CN": 70, "IN": 9, "VN": 6, "ID": 6, "LK": 4, "PG": 3, "TH": 2}

PRODUCT_ZH = {
    "tea": "茶叶",
    "coffee": "咖啡",
    "honey": "蜂蜜",
    "rice": "大米",
    "coconut": "椰子",
    "sugar cane": "甘蔗",
}
KINDS = (
    ("Cooperative", "专业合作社"),
    ("Farmers' Cooperative", "农民专业合作社"),
    ("Growers' Cooperative", "种植专业合作社"),
    ("Producers' Association", "生产者协会"),
)
# Villages, so that many SPOs in one town still have names of their own.
VILLAGES = (
    ("Dongshan", "东山"), ("Qingshan", "青山"), ("Baiyun", "白云"), ("Longtan", "龙潭"),
    ("Xinhua", "新华"), ("Jinshan", "金山"), ("Chashan", "茶山"), ("Shimen", "石门"),
    ("Daping", "大坪"), ("Hekou", "河口"), ("Gaofeng", "高峰"), ("Yunwu", "云雾"),
    ("Fenghuang", "凤凰"), ("Heping", "和平"), ("Yongxing", "永兴"), ("Taoyuan", "桃源"),
)  # fmt: skip


# The same, for SPOs outside China, whose names have no Chinese.
QUALIFIERS = tuple(
    (word, "")
    for word in ("Highland", "Valley", "Hills", "United", "Smallholder", "Community", "Green",
                 "Mountain", "Organic", "Women's", "Youth", "River")
)  # fmt: skip


def _regions_by_country() -> dict[str, list[Region]]:
    regions: dict[str, list[Region]] = {}
    for region in CHINA + ELSEWHERE:
        regions.setdefault(region.iso, []).append(region)
    return regions


def organization_rows(rng, count: int, created_at) -> list[tuple[dict, str]]:
    """Return ``count`` SPO rows with unique slugs, names and codes, each with its ISO country."""
    by_country = _regions_by_country()
    countries = list(COUNTRY_SHARES)
    weights = list(COUNTRY_SHARES.values())
    names, codes, rows = set(), set(), []
    for number in range(count):
        region = rng.choice(by_country[rng.choices(countries, weights)[0]])
        products = sorted({rng.choice(region.products) for _ in range(rng.choice((1, 1, 1, 2)))})
        name, name_zh = _unique_name(rng, region, products[0], names)
        code = _unique_code(rng, codes)
        rows.append(
            (
                {
                    "slug": f"spo-{number + 1:05d}",
                    "name": name,
                    "name_zh": name_zh,
                    "country": region.country,
                    "region": region.name,
                    "products": ", ".join(products),
                    "fairtrade_id": str(1000 + number * 7 + rng.randrange(7)),
                    "certified_since": rng.randint(2005, 2024),
                    "enrolment_code": code,
                    "created_at": created_at,
                },
                region.iso,
            )
        )
    return rows


def _unique_name(rng, region: Region, product: str, taken: set) -> tuple[str, str]:
    """Return an English and (in China) a Chinese name no SPO has yet."""
    for attempt in range(30):
        town, town_zh = rng.choice(region.towns)
        kind, kind_zh = rng.choice(KINDS)
        village, village_zh = ("", "")
        if attempt or rng.random() < 0.5:
            village, village_zh = rng.choice(VILLAGES if region.name_zh else QUALIFIERS)
        name = " ".join(part for part in (town, village, product.title(), kind) if part)
        if name not in taken:
            taken.add(name)
            zh = f"{town_zh}{village_zh}{PRODUCT_ZH.get(product, '')}{kind_zh}" if town_zh else ""
            return name, zh
    number = len(taken) + 1
    taken.add(f"{name} {number}")
    return f"{name} {number}", f"{town_zh}{village_zh}{kind_zh}{number}" if town_zh else ""


def _unique_code(rng, taken: set) -> str:
    """Return an enrolment code like ``K7QM-4TXA`` that no seeded SPO has."""
    while True:
        raw = "".join(rng.choice(CODE_ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if code not in taken:
            taken.add(code)
            return code
