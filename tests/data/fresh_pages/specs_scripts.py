"""Fifth batch (session 6): news pages in languages and scripts new to the fresh pages: Chinese,
Japanese, Korean, Arabic, Hindi, Turkish, Greek and Hebrew. Written and labelled on 2026-12-06 before
any rule ran on them; same block format as specs_en.

Each paragraph is written as its sentences (`ps`), so the expected sentence split of every article
paragraph is known too (`SENTENCES`: paragraph text -> its sentences). Chinese and Japanese join
sentences with nothing between them; the others with a space. Quoted speech inside Japanese 「」 or
Chinese “” that ends with its own full stop and goes on (「...。」と述べた。) is one sentence, as
Japanese and Chinese sentence splitters read it."""

from __future__ import annotations

from specs_en import cap, h2, junk, nav

PAGES: list[dict] = []
SENTENCES: dict[str, list[str]] = {}

_CLOSE_UP = {"zh", "ja"}


def ps(lang: str, *sentences: str) -> tuple:
    text = ("" if lang in _CLOSE_UP else " ").join(sentences)
    SENTENCES[text] = list(sentences)
    return (1, "paragraph", "p", text)


PAGES.append(dict(
    id="zh_news", lang="zh",
    meta=dict(title="江城地铁五号线提前开通运营", date="2023-02-24",
              author="李明", site="江城日报", url="https://jiangcheng-daily.example/city/2023/02/24/metro-5"),
    body=[
        *nav("首页", "新闻", "财经", "体育", "娱乐", "登录"),
        (0, "junk", "div", "广告"),
        (1, "headline", "h1", "江城地铁五号线提前开通运营"),
        (0, "byline", "div", "记者 李明"),
        (0, "date", "div", "2023年2月24日 09:30"),
        (0, "source", "div", "来源：江城日报"),
        cap("乘客在五号线新站台候车。（摄影：王芳）"),
        ps("zh", "江城地铁五号线于周五上午正式开通运营，比原计划提前了三个月。",
           "这条线路全长28.6公里，共设21座车站。"),
        ps("zh", "市交通局局长张伟在开通仪式上说：“五号线将把城东新区到火车站的通勤时间缩短一半。”",
           "他还表示，明年还将有两条新线路动工。"),
        ps("zh", "开通当天，许多市民专程前来体验。",
           "你坐过新线了吗？",
           "一位乘客笑着说，这下上班终于不用再堵车了！"),
        ps("zh", "据统计，首日客流量超过12万人次。"),
        *junk("分享到：", "微信", "微博", "相关阅读", "江城将新建三座公园", "今年春运客流创新高",
               "版权所有 © 2023 江城日报社", "京ICP备12345678号"),
    ],
))

PAGES.append(dict(
    id="ja_news", lang="ja",
    meta=dict(title="北浜市、新たな防災計画を発表", date="2022-09-05",
              author="佐藤健", site="北浜新報", url="https://kitahama-shinpo.example/local/2022/09/05/bousai"),
    body=[
        *nav("トップ", "ニュース", "経済", "スポーツ", "エンタメ", "ログイン"),
        (1, "headline", "h1", "北浜市、新たな防災計画を発表"),
        (0, "date", "div", "2022年9月5日 18時12分"),
        (0, "byline", "div", "佐藤健記者"),
        cap("記者会見で計画を説明する田中市長（5日、北浜市役所）"),
        ps("ja", "北浜市は5日、大規模な地震や津波に備えた新たな防災計画を発表した。",
           "計画では、沿岸部に避難タワーを10基新設する。"),
        ps("ja", "田中良子市長は記者会見で「市民の命を守ることが最優先だ。予算は惜しまない」と述べた。"),
        ps("ja", "総事業費は約45億円で、2026年度までの完成を目指す。",
           "市は来月から住民説明会を開く予定だ。"),
        h2("住民からは期待の声"),
        ps("ja", "沿岸部に住む男性（68）は「これで安心して暮らせる」と話した。",
           "一方で、完成が遅すぎるという意見もある。"),
        (0, "junk", "div", "この記事をシェアする"),
        *junk("関連記事", "北浜港で大型客船が初入港", "アクセスランキング", "1. 台風12号、週末に接近か",
              "Copyright © 北浜新報社 All rights reserved."),
    ],
))

PAGES.append(dict(
    id="ko_news", lang="ko",
    meta=dict(title="한빛시, 내년부터 시내버스 요금 동결", date="2023-11-14",
              author="김민수", site="한빛일보", url="https://hanbit-ilbo.example/society/2023/11/14/bus"),
    body=[
        *nav("홈", "정치", "경제", "사회", "스포츠", "로그인"),
        (1, "headline", "h1", "한빛시, 내년부터 시내버스 요금 동결"),
        (0, "byline", "div", "김민수 기자"),
        (0, "date", "div", "입력 2023.11.14 10:25 수정 2023.11.14 15:40"),
        cap("한빛시청 앞 정류장에서 시민들이 버스를 기다리고 있다. 한빛일보 자료사진"),
        ps("ko", "한빛시는 14일 내년 한 해 동안 시내버스 요금을 동결한다고 밝혔다.",
           "물가 상승으로 시민들의 부담이 커졌다는 판단에서다."),
        ps("ko", "박영희 시장은 “교통비만큼은 시민들의 부담을 덜어 드리겠다”고 말했다.",
           "시는 이를 위해 약 120억 원의 예산을 추가로 편성할 계획이다."),
        ps("ko", "그러나 버스 업계는 인건비와 연료비 상승을 이유로 반발하고 있다.",
           "업계 관계자는 “적자가 계속되면 노선을 줄일 수밖에 없다”고 우려했다."),
        (0, "junk", "div", "ⓒ 한빛일보, 무단 전재 및 재배포 금지"),
        *junk("많이 본 뉴스", "한빛시 첫눈 예보", "구독하기", "기사제보"),
    ],
))

PAGES.append(dict(
    id="ar_news", lang="ar",
    meta=dict(title="افتتاح أكبر محطة لتحلية المياه في مدينة الساحل", date="2023-03-08",
              author="أحمد يوسف", site="صحيفة الساحل", url="https://alsahil-news.example/local/2023/03/08/desalination"),
    body=[
        *nav("الرئيسية", "أخبار", "اقتصاد", "رياضة", "ثقافة", "تسجيل الدخول"),
        (1, "headline", "h1", "افتتاح أكبر محطة لتحلية المياه في مدينة الساحل"),
        (0, "byline", "div", "بقلم: أحمد يوسف"),
        (0, "date", "div", "الأربعاء 8 مارس 2023 - 11:45"),
        cap("جانب من حفل افتتاح المحطة. (تصوير: سارة علي)"),
        ps("ar", "افتتحت بلدية مدينة الساحل يوم الأربعاء أكبر محطة لتحلية مياه البحر في المنطقة.",
           "وتبلغ طاقة المحطة 200 ألف متر مكعب يوميا."),
        ps("ar", "وقال رئيس البلدية خالد منصور في كلمة خلال الحفل: \"هذه المحطة ستنهي أزمة العطش في الصيف\".",
           "وأضاف أن المشروع كلف نحو 150 مليون دولار."),
        ps("ar", "لكن هل تكفي محطة واحدة لتلبية الطلب المتزايد؟",
           "يرى خبراء أن المدينة بحاجة إلى محطتين إضافيتين على الأقل بحلول عام 2030."),
        (0, "junk", "div", "إعلان"),
        ps("ar", "ومن المتوقع أن تستفيد من المحطة نحو 300 ألف أسرة."),
        *junk("اقرأ أيضا", "ارتفاع أسعار الخضار في الأسواق", "شارك", "جميع الحقوق محفوظة © 2023 صحيفة الساحل"),
    ],
))

PAGES.append(dict(
    id="hi_news", lang="hi",
    meta=dict(title="नदीपुर में नया सरकारी अस्पताल शुरू", date="2023-01-16",
              author="राहुल शर्मा", site="नदीपुर समाचार", url="https://nadipur-samachar.example/city/2023/01/16/hospital"),
    body=[
        *nav("होम", "देश", "राज्य", "खेल", "मनोरंजन", "लॉगिन"),
        (1, "headline", "h1", "नदीपुर में नया सरकारी अस्पताल शुरू"),
        (0, "byline", "div", "राहुल शर्मा, नदीपुर"),
        (0, "date", "div", "अपडेटेड: 16 जनवरी 2023, 04:15 PM IST"),
        cap("अस्पताल का उद्घाटन करते स्वास्थ्य मंत्री। फोटो: संवाददाता"),
        ps("hi", "नदीपुर में सोमवार को 300 बिस्तरों वाले नए सरकारी अस्पताल का उद्घाटन किया गया।",
           "इस अस्पताल में हृदय और कैंसर के इलाज की विशेष सुविधा होगी।"),
        ps("hi", "राज्य के स्वास्थ्य मंत्री अजय वर्मा ने कहा, \"अब मरीजों को इलाज के लिए बड़े शहरों में नहीं जाना पड़ेगा।\"",
           "उन्होंने बताया कि अस्पताल के निर्माण पर 85 करोड़ रुपये खर्च हुए हैं।"),
        ps("hi", "क्या अस्पताल में पर्याप्त डॉक्टर होंगे?",
           "अधिकारियों के अनुसार अगले महीने तक 60 डॉक्टरों की नियुक्ति कर दी जाएगी।"),
        *junk("ये भी पढ़ें", "नदीपुर में ठंड का प्रकोप जारी", "हमें फॉलो करें", "© 2023 नदीपुर समाचार. सर्वाधिकार सुरक्षित."),
    ],
))

PAGES.append(dict(
    id="tr_news", lang="tr",
    meta=dict(title="Kıyıkent'te yeni köprü trafiğe açıldı", date="2023-06-12",
              author="Ayşe Yılmaz", site="Kıyıkent Postası", url="https://kiyikent-postasi.example/yerel/2023/06/12/kopru"),
    body=[
        *nav("Ana Sayfa", "Gündem", "Ekonomi", "Spor", "Yaşam", "Giriş Yap"),
        (1, "headline", "h1", "Kıyıkent'te yeni köprü trafiğe açıldı"),
        (0, "byline", "div", "Ayşe Yılmaz"),
        (0, "date", "div", "12 Haziran 2023 Pazartesi 14:20"),
        cap("Köprünün açılış töreninden bir kare. (Fotoğraf: AA)"),
        ps("tr", "Kıyıkent'in iki yakasını birbirine bağlayan yeni köprü pazartesi günü düzenlenen törenle trafiğe açıldı.",
           "Köprünün uzunluğu 1,2 kilometre."),
        ps("tr", "Belediye Başkanı Dr. Mehmet Kaya törende yaptığı konuşmada, \"Bu köprü sayesinde iki yaka arasındaki yolculuk 40 dakikadan 10 dakikaya inecek\" dedi.",
           "Kaya, projenin 3. etabının da gelecek yıl tamamlanacağını söyledi."),
        ps("tr", "İnşaat yaklaşık 2 yıl sürdü.",
           "Köprüden geçiş ücretsiz olacak."),
        (0, "junk", "div", "Reklam"),
        *junk("İlgili Haberler", "Kıyıkent'te su kesintisi", "Bizi takip edin", "© 2023 Kıyıkent Postası. Tüm hakları saklıdır."),
    ],
))

PAGES.append(dict(
    id="el_news", lang="el",
    meta=dict(title="Νέο λιμάνι κρουαζιέρας στην Ακτούπολη", date="2023-04-19",
              author="Γιώργος Παπαδόπουλος", site="Ακτή Νέα", url="https://akti-nea.example/topika/2023/04/19/limani"),
    body=[
        *nav("Αρχική", "Ειδήσεις", "Οικονομία", "Αθλητικά", "Πολιτισμός", "Σύνδεση"),
        (1, "headline", "h1", "Νέο λιμάνι κρουαζιέρας στην Ακτούπολη"),
        (0, "byline", "div", "Γιώργος Παπαδόπουλος"),
        (0, "date", "div", "19 Απριλίου 2023, 12:05"),
        cap("Το πρώτο κρουαζιερόπλοιο στη νέα προβλήτα. Φωτογραφία: Μαρία Νικολάου"),
        ps("el", "Το νέο λιμάνι κρουαζιέρας της Ακτούπολης υποδέχθηκε την Τετάρτη το πρώτο του πλοίο.",
           "Η προβλήτα έχει μήκος 400 μέτρα."),
        ps("el", "«Περιμένουμε πάνω από 100.000 επισκέπτες φέτος», δήλωσε ο δήμαρχος Νίκος Αντωνίου.",
           "Πρόσθεσε ότι τα έσοδα θα ενισχύσουν την τοπική οικονομία."),
        ps("el", "Θα αντέξει όμως η πόλη τόσους τουρίστες;",
           "Κάτοικοι του κέντρου ανησυχούν για την κίνηση και τον θόρυβο."),
        *junk("Διαβάστε επίσης", "Καύσωνας το Σαββατοκύριακο", "Κοινοποίηση", "© 2023 Ακτή Νέα"),
    ],
))

PAGES.append(dict(
    id="he_news", lang="he",
    meta=dict(title="עיריית חוף הכרמל תקים ספרייה ציבורית חדשה", date="2023-05-02",
              author="דנה כהן", site="חדשות החוף", url="https://hof-news.example/local/2023/05/02/library"),
    body=[
        *nav("ראשי", "חדשות", "כלכלה", "ספורט", "תרבות", "התחברות"),
        (1, "headline", "h1", "עיריית חוף הכרמל תקים ספרייה ציבורית חדשה"),
        (0, "byline", "div", "מאת דנה כהן"),
        (0, "date", "div", "02.05.2023 13:40"),
        cap("הדמיה של הספרייה החדשה. צילום: באדיבות העירייה"),
        ps("he", "עיריית חוף הכרמל הודיעה ביום שלישי כי תקים ספרייה ציבורית חדשה במרכז העיר.",
           "עלות הפרויקט מוערכת בכ-30 מיליון שקלים."),
        ps("he", "ראש העירייה יוסי לוי אמר כי \"הספרייה תהיה בית לכל תושבי העיר\".",
           "לדבריו, העבודות יחלו בקיץ הקרוב."),
        ps("he", "הספרייה תכלול אולם קריאה, חדר מחשבים ופינת ילדים."),
        *junk("כתבות נוספות", "שביתה בנמל נמשכת", "שתפו", "כל הזכויות שמורות © חדשות החוף"),
    ],
))
