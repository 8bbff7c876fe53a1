"""Word lists for the synthetic archive: parallel (Vietnamese, English) pairs.

Kept parallel so that the two files of an item are real translations of each other.
"""

# key: (vi label, en label); also used as article topics.
TAGS = {
    "ai": ("Trí tuệ nhân tạo", "Artificial intelligence"),
    "digital-transformation": ("Chuyển đổi số", "Digital transformation"),
    "innovation": ("Đổi mới sáng tạo", "Innovation"),
    "sustainable-development": ("Phát triển bền vững", "Sustainable development"),
    "climate-change": ("Biến đổi khí hậu", "Climate change"),
    "energy": ("Năng lượng tái tạo", "Renewable energy"),
    "data-science": ("Khoa học dữ liệu", "Data science"),
    "biotechnology": ("Công nghệ sinh học", "Biotechnology"),
    "public-health": ("Y tế công cộng", "Public health"),
    "medicine": ("Y dược", "Medicine and pharmacy"),
    "higher-education": ("Giáo dục đại học", "Higher education"),
    "student-exchange": ("Trao đổi sinh viên", "Student exchange"),
    "scholarships": ("Học bổng", "Scholarships"),
    "joint-programmes": ("Chương trình liên kết", "Joint programmes"),
    "research": ("Nghiên cứu khoa học", "Scientific research"),
    "publications": ("Công bố quốc tế", "International publications"),
    "startups": ("Khởi nghiệp", "Start-ups"),
    "semiconductors": ("Công nghệ bán dẫn", "Semiconductor technology"),
    "materials-science": ("Khoa học vật liệu", "Materials science"),
    "environment": ("Môi trường", "Environment"),
    "economics": ("Kinh tế học", "Economics"),
    "law": ("Luật học", "Law"),
    "linguistics": ("Ngôn ngữ học", "Linguistics"),
    "culture": ("Văn hóa", "Culture"),
    "history": ("Lịch sử", "History"),
    "international-relations": ("Quan hệ quốc tế", "International relations"),
    "asean": ("ASEAN", "ASEAN"),
    "quality-assurance": ("Kiểm định chất lượng", "Quality assurance"),
    "rankings": ("Xếp hạng đại học", "University rankings"),
    "smart-cities": ("Đô thị thông minh", "Smart cities"),
}

# (vi, en, ISO country code)
PLACES = [
    ("Tô-ky-ô", "Tokyo", "JP"),
    ("Ô-xa-ca", "Osaka", "JP"),
    ("Ky-ô-tô", "Kyoto", "JP"),
    ("Xơ-un", "Seoul", "KR"),
    ("Bu-san", "Busan", "KR"),
    ("Bắc Kinh", "Beijing", "CN"),
    ("Thượng Hải", "Shanghai", "CN"),
    ("Quảng Châu", "Guangzhou", "CN"),
    ("Nam Kinh", "Nanjing", "CN"),
    ("Vũ Hán", "Wuhan", "CN"),
    ("Đài Bắc", "Taipei", "TW"),
    ("Băng Cốc", "Bangkok", "TH"),
    ("Chiềng Mai", "Chiang Mai", "TH"),
    ("Viêng Chăn", "Vientiane", "LA"),
    ("Phnôm Pênh", "Phnom Penh", "KH"),
    ("Xin-ga-po", "Singapore", "SG"),
    ("Cu-a-la Lăm-pơ", "Kuala Lumpur", "MY"),
    ("Gia-các-ta", "Jakarta", "ID"),
    ("Ma-ni-la", "Manila", "PH"),
    ("Niu Đê-li", "New Delhi", "IN"),
    ("Mát-xcơ-va", "Moscow", "RU"),
    ("Xanh Pê-téc-bua", "Saint Petersburg", "RU"),
    ("Pa-ri", "Paris", "FR"),
    ("Li-ông", "Lyon", "FR"),
    ("Béc-lin", "Berlin", "DE"),
    ("Muy-ních", "Munich", "DE"),
    ("Luân Đôn", "London", "GB"),
    ("Man-chét-xtơ", "Manchester", "GB"),
    ("Am-xtéc-đam", "Amsterdam", "NL"),
    ("Brúc-xen", "Brussels", "BE"),
    ("Lu-ven", "Leuven", "BE"),
    ("Viên", "Vienna", "AT"),
    ("Pra-ha", "Prague", "CZ"),
    ("Vác-sa-va", "Warsaw", "PL"),
    ("Bu-đa-pét", "Budapest", "HU"),
    ("Rô-ma", "Rome", "IT"),
    ("Mi-lan", "Milan", "IT"),
    ("Ma-đrít", "Madrid", "ES"),
    ("Xtốc-khôm", "Stockholm", "SE"),
    ("Hen-xin-ki", "Helsinki", "FI"),
    ("Ô-xlô", "Oslo", "NO"),
    ("Cô-pen-ha-ghen", "Copenhagen", "DK"),
    ("Xít-ni", "Sydney", "AU"),
    ("Men-bơn", "Melbourne", "AU"),
    ("Ốc-len", "Auckland", "NZ"),
    ("Tô-rôn-tô", "Toronto", "CA"),
    ("Môn-trê-an", "Montreal", "CA"),
    ("Bốt-xtơn", "Boston", "US"),
    ("Xi-át-tơn", "Seattle", "US"),
    ("Huế", "Hue", "VN"),
    ("Đà Nẵng", "Da Nang", "VN"),
    ("Cần Thơ", "Can Tho", "VN"),
    ("Thái Nguyên", "Thai Nguyen", "VN"),
    ("Vinh", "Vinh", "VN"),
]

# (vi, en, ISO country code)
COUNTRIES = [
    ("Nhật Bản", "Japan", "JP"),
    ("Hàn Quốc", "Korea", "KR"),
    ("Pháp", "France", "FR"),
    ("Đức", "Germany", "DE"),
    ("Úc", "Australia", "AU"),
    ("Hoa Kỳ", "United States", "US"),
    ("Ca-na-đa", "Canada", "CA"),
    ("Thụy Điển", "Sweden", "SE"),
    ("Phần Lan", "Finland", "FI"),
    ("Bỉ", "Belgium", "BE"),
    ("Hà Lan", "Netherlands", "NL"),
    ("Anh", "United Kingdom", "GB"),
    ("Ý", "Italy", "IT"),
    ("Tây Ban Nha", "Spain", "ES"),
    ("Trung Quốc", "China", "CN"),
    ("Ấn Độ", "India", "IN"),
    ("Thái Lan", "Thailand", "TH"),
    ("Xin-ga-po", "Singapore", "SG"),
    ("Niu Di-lân", "New Zealand", "NZ"),
    ("Na Uy", "Norway", "NO"),
    ("Đan Mạch", "Denmark", "DK"),
    ("Áo", "Austria", "AT"),
    ("Séc", "Czechia", "CZ"),
    ("Ba Lan", "Poland", "PL"),
    ("Hung-ga-ri", "Hungary", "HU"),
    ("Nga", "Russia", "RU"),
    ("Lào", "Laos", "LA"),
    ("Cam-pu-chia", "Cambodia", "KH"),
    ("Ma-lai-xi-a", "Malaysia", "MY"),
    ("In-đô-nê-xi-a", "Indonesia", "ID"),
    ("Phi-líp-pin", "Philippines", "PH"),
]

# {place} patterns for university names: (vi title, en title, vi short, en short)
UNIVERSITY_PATTERNS = [
    ("Đại học {v}", "University of {e}", "ĐH {v}", "Univ. of {e}"),
    ("Đại học Công nghệ {v}", "{e} University of Technology", "ĐHCN {v}", "{e} Tech"),
    ("Đại học Quốc gia {v}", "{e} National University", "ĐHQG {v}", "{e} NU"),
    ("Viện Công nghệ {v}", "{e} Institute of Technology", "VCN {v}", "{e} IT"),
    ("Đại học Khoa học Ứng dụng {v}", "{e} University of Applied Sciences", "ĐHKHƯD {v}", "{e} UAS"),
    ("Đại học Y khoa {v}", "{e} Medical University", "ĐHYK {v}", "{e} MU"),
    ("Đại học Ngoại ngữ {v}", "{e} University of Foreign Studies", "ĐHNN {v}", "{e} UFS"),
]

REGIONS = [
    ("châu Á", "Asian"),
    ("Đông Nam Á", "Southeast Asian"),
    ("châu Á – Thái Bình Dương", "Asia-Pacific"),
    ("Á – Âu", "Asia-Europe"),
    ("Mê Công", "Mekong"),
    ("Đông Á", "East Asian"),
    ("Pháp ngữ", "Francophone"),
    ("Ấn Độ Dương", "Indian Ocean"),
]

# {region} {topic} patterns: (vi title, en title)
ALLIANCE_PATTERNS = [
    ("Liên minh các trường đại học {r} về {t}", "{R} University Alliance for {T}"),
    ("Liên minh {t} {r}", "{R} Alliance on {T}"),
]
NETWORK_PATTERNS = [
    ("Mạng lưới các trường đại học {r} về {t}", "{R} University Network on {T}"),
    ("Mạng lưới nghiên cứu {t} {r}", "{R} Research Network for {T}"),
]

# {country} patterns for agencies: (vi title, en title)
AGENCY_PATTERNS = [
    ("Cơ quan Hợp tác Quốc tế {c}", "{c} International Cooperation Agency"),
    ("Quỹ Phát triển Khoa học {c}", "{c} Science Development Fund"),
    ("Hội đồng Nghiên cứu {c}", "{c} Research Council"),
    ("Cơ quan Phát triển Giáo dục {c}", "{c} Agency for Education Development"),
]

OPENERS = [
    ("", ""),
    ("", ""),
    ("", ""),
    ("Bên cạnh đó, ", "In addition, "),
    ("Ngoài ra, ", "Furthermore, "),
    ("Trong buổi làm việc, ", "During the meeting, "),
    ("Phát biểu tại sự kiện, ", "Speaking at the event, "),
    ("Theo kế hoạch, ", "According to the plan, "),
    ("Dịp này, ", "On this occasion, "),
    ("Đáng chú ý, ", "Notably, "),
    ("Trước đó, ", "Earlier, "),
    ("Cũng trong khuôn khổ chuyến thăm, ", "As part of the visit, "),
]

SUBJECTS = [
    ("hai bên", "the two sides"),
    ("nhà trường", "the university"),
    ("đoàn công tác", "the delegation"),
    ("các nhà khoa học", "scientists"),
    ("lãnh đạo nhà trường", "university leaders"),
    ("các giảng viên trẻ", "young lecturers"),
    ("sinh viên quốc tế", "international students"),
    ("viện nghiên cứu", "the research institute"),
    ("ban giám đốc", "the board of directors"),
    ("các chuyên gia", "the experts"),
    ("đối tác nước ngoài", "foreign partners"),
    ("phòng thí nghiệm trọng điểm", "the key laboratory"),
    ("các trường đại học thành viên", "member universities"),
    ("đại diện các đơn vị", "representatives of the units"),
]

VERBS = [
    ("đã thảo luận về", "discussed"),
    ("cam kết thúc đẩy", "committed to promoting"),
    ("đã tăng cường", "strengthened"),
    ("thống nhất mở rộng", "agreed to expand"),
    ("đã trao đổi kinh nghiệm về", "shared experience in"),
    ("thống nhất triển khai", "agreed to implement"),
    ("đã đề xuất", "proposed"),
    ("giới thiệu kết quả về", "presented results on"),
    ("đánh giá cao", "highly valued"),
    ("phối hợp thực hiện", "jointly carried out"),
    ("đặt mục tiêu phát triển", "aim to develop"),
    ("đã xây dựng", "built"),
    ("tiếp tục đẩy mạnh", "continued to boost"),
]

OBJECTS = [
    ("hợp tác đào tạo", "training cooperation"),
    ("các dự án nghiên cứu chung", "joint research projects"),
    ("chương trình trao đổi giảng viên", "lecturer exchange programmes"),
    ("hoạt động đổi mới sáng tạo", "innovation activities"),
    ("chương trình học bổng", "scholarship schemes"),
    ("các khóa học ngắn hạn", "short courses"),
    ("mạng lưới cựu sinh viên", "alumni networks"),
    ("hạ tầng số", "digital infrastructure"),
    ("các phòng thí nghiệm chung", "joint laboratories"),
    ("hoạt động công bố quốc tế", "international publishing"),
    ("năng lực quản trị đại học", "university governance capacity"),
    ("chương trình thực tập", "internship programmes"),
]

COMPLEMENTS = [
    ("trong thời gian tới", "in the coming period"),
    ("trong giai đoạn 2025–2030", "in the 2025–2030 period"),
    ("theo hướng thực chất và hiệu quả", "in a practical and effective way"),
    ("trên cơ sở bình đẳng và cùng có lợi", "on the basis of equality and mutual benefit"),
    ("với sự tham gia của nhiều đơn vị", "with the participation of many units"),
    ("tại trụ sở nhà trường", "at the university headquarters"),
    ("nhằm nâng cao chất lượng đào tạo", "to improve the quality of training"),
    ("phục vụ sự phát triển của đất nước", "to serve the country's development"),
    ("trong khu vực châu Á – Thái Bình Dương", "in the Asia-Pacific region"),
    ("trong khuôn khổ thỏa thuận đã ký", "under the signed agreement"),
    ("cho thế hệ sinh viên mới", "for a new generation of students"),
    ("với nhiều kết quả đáng ghi nhận", "with many notable results"),
]

HEADINGS = [
    ("Bối cảnh hợp tác", "Background"),
    ("Kết quả nổi bật", "Highlights"),
    ("Định hướng thời gian tới", "Next steps"),
    ("Ý kiến chuyên gia", "Expert views"),
    ("Các nội dung chính", "Key points"),
    ("Hoạt động cụ thể", "Activities"),
    ("Kết nối sinh viên", "Student connections"),
    ("Nguồn lực và tài trợ", "Resources and funding"),
]

# Headline patterns: {p} partner short name, {t} topic, {u} the publisher's short name.
HEADLINES = [
    ("{u} và {p} thúc đẩy hợp tác về {t}", "{U} and {P} step up cooperation on {t}"),
    ("Hội thảo về {t} với sự tham gia của {p}", "Workshop on {t} brings in experts from {P}"),
    ("Sinh viên {u} nhận học bổng {t} của {p}", "{U} students win {P} scholarships in {t}"),
    ("{p} và {u} mở chương trình đào tạo chung về {t}", "{P} and {U} open a joint programme in {t}"),
    ("Nhà khoa học {u} hợp tác với {p} nghiên cứu {t}", "{U} scientists team up with {P} on {t}"),
    ("Tọa đàm {t}: kinh nghiệm từ {p}", "Seminar on {t}: lessons from {P}"),
    ("{u} tiếp đón lãnh đạo {p} bàn về {t}", "{U} welcomes {P} leaders to discuss {t}"),
    ("{p} chia sẻ kinh nghiệm {t} với {u}", "{P} shares its {t} experience with {U}"),
]

SOURCES = [
    ("Báo Nhân Dân", "Nhan Dan Online", "https://nhandan.example/"),
    ("Báo Tuổi Trẻ", "Tuoi Tre News", "https://tuoitre.example/"),
    ("Báo Tin tức", "Vietnam News", "https://vietnamnews.example/"),
    ("Cổng thông tin ĐHQGHN", "VNU Media", "https://vnu.example/"),
    ("Tạp chí Giáo dục", "Education Magazine", "https://giaoduc.example/"),
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE_NAMES = ["Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Thanh", "Quang"]
GIVEN_NAMES = ["Hà", "Anh", "Hương", "Long", "Tùng", "Linh", "Hải", "Phương", "Dũng", "Trang"]
