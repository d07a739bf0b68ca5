"""Name seeded people as their country would, and give them unique, valid mobile numbers.

Pure rules on a ``random.Random``; no database access. Chinese SPOs' people get Chinese
names and a Chinese interface; the others get names of their country in Latin letters
(Vietnamese without diacritics, as they are written on forms in English). Mobile
numbers are in E.164, as ``lms.auth.identifiers`` stores them, from prefixes that
``phonenumbers`` reads as mobile.
"""

SURNAMES_ZH = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃武戴莫孔"
)
GIVEN_ZH = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国春梅海燕波宁志文鹏飞晓东云"
    "丹凤林琳俊峰斌浩宇慧婷雪梅金凤德福荣茂清泉永松青山茶香"
)
# In Xishuangbanna's Dai villages a man's name starts with 岩, a woman's with 玉.
DAI_FIRST = "岩玉"

NAMES = {
    "IN": (
        ("Ramesh", "Suresh", "Lakshmi", "Priya", "Anita", "Rajesh", "Deepa", "Arun", "Kavitha",
         "Manoj", "Sunita", "Vijay", "Meena", "Ravi", "Geeta", "Bikash", "Pranjal", "Rina"),
        ("Kumar", "Sharma", "Nair", "Gogoi", "Bora", "Das", "Rai", "Tamang", "Gowda", "Menon",
         "Pillai", "Singh", "Thapa", "Saikia", "Lepcha"),
    ),
    "VN": (
        ("Nguyen Van", "Tran Thi", "Le Van", "Pham Thi", "Hoang Van", "Vu Thi", "Dang Van",
         "Bui Thi", "Do Van", "Ngo Thi", "Y", "H'"),
        ("An", "Binh", "Cuong", "Dung", "Hoa", "Lan", "Mai", "Nam", "Phuong", "Quang", "Son",
         "Tuan", "Hanh", "Linh", "Thao"),
    ),
    "ID": (
        ("Budi", "Siti", "Agus", "Dewi", "Wayan", "Made", "Ketut", "Nyoman", "Putu", "Rahmat",
         "Sri", "Yohanes", "Maria", "Fransiskus", "Aminah", "Teuku"),
        ("Santoso", "Rahayu", "Salim", "Sudarma", "Wijaya", "Hasibuan", "Sinaga", "Bata",
         "Daud", "Lestari", "Gayo", "Nainggolan"),
    ),
    "LK": (
        ("Nimal", "Kamala", "Sunil", "Chandrika", "Priyantha", "Dilani", "Murugan", "Lakshmi",
         "Kumari", "Ruwan", "Sivakumar", "Nadeesha"),
        ("Perera", "Fernando", "Silva", "Jayasinghe", "Bandara", "Rathnayake", "Wijesinghe",
         "Selvaraj", "Herath", "Dissanayake"),
    ),
    "PG": (
        ("John", "Mary", "Peter", "Grace", "Joseph", "Ruth", "Michael", "Agnes", "Paul",
         "Elizabeth", "Kila", "Wani", "Rose", "Moses"),
        ("Kila", "Toua", "Kaupa", "Wambi", "Yapa", "Kuman", "Sine", "Aipe", "Tobias", "Kaiwi"),
    ),
    "TH": (
        ("Somchai", "Malee", "Somsak", "Pranee", "Sakchai", "Anong", "Prasit", "Suda",
         "Wichai", "Ratana", "Boonsong", "Kanya"),
        ("Srisuk", "Chaiyaporn", "Boonmee", "Wongsa", "Kaewkong", "Thongdee", "Sukjai",
         "Phromma", "Saengthong"),
    ),
}  # fmt: skip
STAFF_NAMES = (
    ("Chen", "Liu", "Zhou", "Sun", "Huang", "Xu", "Lin", "Wang", "Zhang", "Yang"),
    ("Jing", "Wei", "Fang", "Min", "Hui", "Lei", "Yan", "Xin", "Tao", "Ying"),
)

# (country calling code, subscriber digits after the prefix, mobile prefixes)
MOBILE_PLANS = {
    "CN": ("86", 8, "134 135 136 137 138 139 150 151 152 157 158 159 182 183 187 188 130 131 "
                    "132 155 156 185 186 133 153 180 181 189 177 173 199 198 166"),
    "IN": ("91", 8, "70 72 74 84 85 90 91 92 93 94 95 96 97 98 99"),
    "VN": ("84", 7, "32 33 34 35 36 37 38 39 70 76 77 78 79 81 82 83 84 85 86 88 90 91 93 94 96"),
    "ID": ("62", 8, "811 812 813 821 822 852 853 814 815 816 855 856 857 858 817 818 819 859"),
    "LK": ("94", 7, "70 71 72 75 76 77 78"),
    "PG": ("675", 6, "70 71 72 73 74 75 76 79 81 82 83"),
    "TH": ("66", 7, "61 62 63 64 65 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98"),
}  # fmt: skip
# Odd and not a multiple of 5, so k -> k * STRIDE is a one-to-one map of the subscriber numbers.
STRIDE = 7_919


def person_name(rng, iso: str, region: str = "") -> str:
    """Return a name as someone from ``iso`` (and ``region``) would write it."""
    if iso == "CN":
        if region == "Yunnan" and rng.random() < 0.15:
            return rng.choice(DAI_FIRST) + rng.choice(GIVEN_ZH)
        given = rng.choice(GIVEN_ZH) + (rng.choice(GIVEN_ZH) if rng.random() < 0.7 else "")
        return rng.choice(SURNAMES_ZH) + given
    # In Vietnam the family and middle names come first, and they are the "first" list.
    first, last = NAMES[iso]
    return f"{rng.choice(first)} {rng.choice(last)}"


def staff_name(rng) -> str:
    """Return a NAPP staff member's name, written in pinyin as on NAPP's English pages."""
    surnames, given = STAFF_NAMES
    return f"{rng.choice(surnames)} {rng.choice(given)}"


def locale_of(iso: str) -> str:
    """Return the interface language a person from ``iso`` is given."""
    return "zh_Hans" if iso == "CN" else "en"


class MobileNumbers:
    """Hand out mobile numbers, unique per country, that look like real ones.

    The k-th number of a country is its prefix ``k % len(prefixes)`` followed by
    ``(offset + (k // len(prefixes)) * STRIDE) mod 10**digits``: never the same twice.
    """

    def __init__(self, rng):
        """Choose each country's offset from ``rng``, so a seed gives the same numbers."""
        self.count = dict.fromkeys(MOBILE_PLANS, 0)
        self.prefixes = {iso: plan[2].split() for iso, plan in MOBILE_PLANS.items()}
        self.offset = {iso: rng.randrange(10 ** plan[1]) for iso, plan in MOBILE_PLANS.items()}

    def next(self, iso: str) -> str:
        """Return the next unused number of ``iso`` in E.164, such as ``+8613800138000``."""
        code, digits, _ = MOBILE_PLANS[iso]
        prefixes = self.prefixes[iso]
        k = self.count[iso]
        self.count[iso] = k + 1
        subscriber = (self.offset[iso] + (k // len(prefixes)) * STRIDE) % 10**digits
        return f"+{code}{prefixes[k % len(prefixes)]}{subscriber:0{digits}d}"
