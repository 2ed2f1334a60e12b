"""Boilerplate inside lines: find a scraped page's headline and its article block.

Scraped pages glue menus, tickers, related-article lists, share rows and footers onto
the lines that hold the article, so whole-line rules miss most of them. This module
works on the words of a page (``\\S+`` tokens with their character spans):

1. **Segments.** Each line is cut into segments at sentence ends (``. ? ! ؟``), at
   separators (``|``), where a boilerplate *phrase* starts (copyright, comment forms,
   share, subscribe, cookie and JavaScript notices, "related", tag lists, in Arabic
   and English; :data:`PHRASES`) and where a phrase learned for the outlet starts or
   ends (word 4-grams recurring across distinct pages; :mod:`~mediaframe.clean.boilerplate`).
2. **Form.** A segment is *prose* when it has enough words and function words
   (the stop-word density jusText uses); a learned run, a boilerplate phrase, a
   relative time ("16 ساعات منذ", "yesterday 07 : 20") or a short non-sentence is not.
3. **The headline.** A given title is kept and its repeats in the page are removed.
   Without one, the headline is a word run the page header repeats (the HTML title,
   then the page's heading), else a first line that looks like a headline (short, not
   a sentence, more lines after it); never body prose, and a one-line article keeps
   its text as the body.
4. **The article block.** Like body-text extraction (Finn et al. 2001), the article
   is the run of segments with the largest score: prose counts its words, everything
   else counts against, a boilerplate phrase most. Segments before the block are the
   page header, after it the footer; inside the block, boilerplate phrases, learned
   runs that are not sentences and relative times are removed, everything else kept.

Learned text alone never removes a sentence inside the article: a recurring run is
removed only outside the article block or when it is not a sentence. Every removed
span is returned with its reason for the audit.

Example:
    >>> page = clean_inline("Big fire in town\\nThe fire started at noon and it burned for hours.", None)
    >>> page.title, page.lines[1]
    ('Big fire in town', 'The fire started at noon and it burned for hours.')
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from mediaframe.clean.addresses import listing_address
from mediaframe.normalize import FOLD_ALL
from mediaframe.text import arabic_stopwords, english_stopwords

PHRASE_WORDS = 4  # learned runs are word 4-grams (letters only, folded)
_TOKEN = re.compile(r"\S+")
_NON_LETTERS = re.compile(r"[^\w]|[\d_]")
_SENTENCE_END = re.compile(r"[.?!؟]+$")
_QUOTES = frozenset({'"', "«", "»", "“", "”"})
_SEPARATORS = frozenset({"|", "||", "•", "»", "«»", "::", "/", "//"})
_TITLE_BARS = frozenset({"|", "||", "•"})  # between a page title's headline and site name
# Phrases that start boilerplate wherever they occur (searched case-insensitively in
# the folded line). ``footer`` phrases start the page's tail: share/related/tags/
# comment forms/copyright; ``notice`` ones are single notices (cookies, JavaScript).
PHRASES: dict[str, Sequence[str]] = {
    "copyright": (
        r"(?:يمنع|يحظر|لا يجوز) (?:الاقتباس او |النقل او |النسخ او )?(?:اعاده )?(?:نشر|النشر)",
        r"اعاده نشر (?:اي|هذه|هذا)",
        r"جميع الحقوق محفوظه",
        r"جميع حقوق (?:التاليف و ?النشر |النشر )?محفوظه",
        r"حقوق (?:التاليف و ?النشر|النشر|الطبع)",
        r"الحقوق محفوظه",
        r"all rights reserved",
        # a disclaimer is a notice of its own sentence
        r"(?:التعليقات|المقالات) المنشوره هي",
        r"لا تعبر بالضروره عن",
        r"الاراء الوارده في (?:التعليقات|المقالات) (?:تعبر|لا تعبر)",
        r"(?:articles|comments) signed represent",
        r"(?:do|does) not necessarily (?:represent|reflect)",
        # "إن المواد المنشورة في الموقع ممنوع بثها أو إعادة توزيعها"
        r"ممنوع (?:بثها|نشرها|اعاده (?:نشرها|توزيعها|بثها))",
        r"may not be (?:published|reproduced|redistributed)",
        # a site's terms of republishing: "يجوز الاقتباس وإعادة نشر ما يصدر عن …"
        r"يجوز (?:الاقتباس|النقل) و ?اعاده (?:النشر|نشر)",
        r"copyright",
        r"©",
        # a comment policy's disclaimer ("الآراء والتعليقات المنشورة تعبر عن رأي أصحابها
        # فقط", "تعبر المشاركات عن وجهة نظر كاتبيها ولا تعكس … وجهة نظر جريدة …")
        r"(?:(?:التعليقات|المشاركات|الاراء) (?:المنشوره )?(?:تعبر|تمثل)"
        r"|(?:تعبر|تمثل) (?:التعليقات|المشاركات|الاراء)) عن (?:راي|اراء|وجهه نظر)"
        r" (?:اصحابها|كاتبيها|كتابها|مرسليها)",
        r"لا تعكس (?:باي شكل من الاشكال )?(?:وجهه نظر|راي) (?:الموقع|الصحيفه|الجريده|المجله)",
    ),
    "comment form": (
        # (the address alone: "لن يتم نشر البريد الإلكتروني للمستخدمين" is a company's)
        r"لن (?:يتم|تتم) نشر (?:عنوان )?(?:بريدك|البريد الالكتروني [.*])",
        r"الحقول (?:الالزاميه|المطلوبه)",
        r"(?:اضف|اترك|أضف) (?:تعليقا|تعليقك|تعليق|ردا)",
        r"be the first to comment",
        r"leave a (?:reply|comment)",
        r"your email address will not be published",
        r"notify me of (?:follow|new)",
        r"thank you for (?:posting )?your comment",
        r"شكرا (?:لك )?(?:علي|على) تعليقك",
        r"اكتب (?:تعليقا|تعليقك|تعليق|ردا)",
        r"لا يوجد (?:اي|اى) تعليق",
        r"اضافه تعليق",
        r"(?:عدد )?التعليقات \d+",
        r"(?:الاسم|اسمك) ?: ?(?:البريد الالكتروني|بريدك)",
        r"تعليقك (?:علي|على) (?:الموضوع|الخبر|المقال)",
        # "* معلومات ضرورية الاسم * إرسال عبر البريد الإلكتروني", "يرجى إدخال الأرقام *"
        r"معلومات ضروريه (?:الاسم|اسمك)",
        r"يرجي ادخال (?:الارقام|الرمز|رمز التحقق)",
        # "التعليق عن طريق : تفاصيل التعليق" (comment through: Facebook / the site)
        r"التعليق عن طريق ?:",
        # an empty thread and its moderation notice ("لا يوجد تعليقات تنويه تتم مراجعة
        # كافة التعليقات")
        r"لا (?:يوجد|توجد) تعليقات",
        r"(?:تتم|يتم) مراجعه (?:كافه|جميع) التعليقات",
        r"(?:تتم|يتم) مراجعه (?:التعليقات|المشاركات) (?:التي يتقدم بها القراء|قبل نشرها)",
        r"تم (?:ايقاف|اغلاق) التعليقات (?:علي|على) (?:المقالات|المقال|الموقع|الاخبار)",
        r"التعليقات (?:مغلقه|متوقفه)",
        # the rules of the thread ("تنشر بعد التأكد من أنها لا تتضمن أية كلمات تخالف شروط
        # النشر", "يوافق على شروط النشر"); not a regulator's "مخالفة قواعد النشر"
        r"كلمات (?:تخالف|مخالفه ل) ?(?:شروط|قواعد) (?:النشر|التعليق)",
        r"يوافق (?:علي|على) (?:شروط|قواعد) (?:النشر|التعليق)",
    ),
    "related": (
        r"اقر(?:ا|يي|ووا|اوا) (?:ايضا|المزيد)",  # also said to a woman or to many
        r"(?:مواضيع|اخبار|مقالات|موضوعات|قصص|عناوين|كلمات|روابط|مضامين|هاشتاغات|محتويات)"
        r" (?:ذات صله|ذات علاقه|متعلقه|مشابهه|مقترحه)",
        # "شاهد أيضا" with its stretching written as dashes: "شاهد ايض - - - ا"
        r"شاهد(?:ي|وا)? (?:ايض(?: -)* ?ا|المزيد)",
        r"(?:المواضيع|الاخبار|المقالات)? ?الاكثر (?:قراءه|مشاهده|تعليقا|تداولا|تفضيلا)",
        r"اختيارات المحرر",
        r"مقالات (?:للكاتب|الكاتب) (?:نفسه|ذاته)",
        r"اخر الاخبار",
        r"(?:التعليقات|المقالات) المنشوره لا تعبر",
        r"related (?:articles|news|posts|stories)",
        r"read more",
        r"you may also like",
        # "قد يعجبـــك" with its stretching written as dashes: "قد يعج - - - - - بك"
        r"(?:ربما|قد) (?:[يت]عجب(?: -)* ?ك|[يت]عج(?: -)* ?بك|[يت]همك)",
        r"most (?:read|popular|viewed)",
        # a post's neighbours: "السابق التالي <headline>", Blogger's "رسالة أحدث رسالة أقدم"
        r"السابق التالي",
        r"روابط مفيده",
        r"(?:مستندات|مواد|ملفات|روابط) لها علاقه",
        r"(?:previous|next) (?:post|article)",
        r"رساله (?:احدث|اقدم)",
        r"(?:newer|older) posts?",
        r"التدوينات الشايعه",
        r"popular posts",
    ),
    # "وسوم" (hashtags) is a word of prose too: a label only before a colon or a list
    "tags": (
        r"الوسوم",
        r"وسوم (?::|الاكثر (?:انتشارا|استخداما|تداولا))",
        r"كلمات (?:مفتاحيه|دلاليه|دليليه)",
        r"ضمن تصنيف ?:",
        r"(?:ال)?تصنيفات ?:",
        r"tags ?:",
    ),
    "share": (
        r"شارك (?:هذا|الخبر|المقال|على)",
        r"share (?:this|on)",
        # a reader's buttons under the headline: "أضف هذا المقال إلى المفضلة", "شارك بتعليق"
        r"(?:اضف|احذف) هذا (?:المقال|الخبر|الموضوع) (?:الي|من) (?:ال)?مفضل(?:ه|تك)",
        r"شارك بتعليق",
        r"هل اعجبك (?:هذا )?(?:المقال|الخبر|الموضوع)",
        r"ارسال (?:الي|الى) (?:بريد|صديق)",
        r"email this",
        r"تابعونا على",
        r"follow us",
    ),
    "subscribe": (
        r"اشترك (?:في|فى|الان)",
        r"(?:النشره|القايمه) (?:البريديه|الالكترونيه|الاخباريه)",
        r"subscribe (?:to|now)",
        r"sign up (?:with|for|to)",
        r"انضم \d+ (?:متابع|مشترك)",
        r"join \d+ other",
        r"(?:يمكنك|تستطيع) (?:ايضا )?متابعه (?:كافه|جميع|اخر)",
        r"newsletter",
        # "اضغط للاشتراك في نشرة …", "انقر هنا للتسجيل"
        r"(?:اضغط|انقر|اضغطي|انقري) (?:هنا )?(?:للاشتراك|للتسجيل)",
        r"click (?:here )?to (?:subscribe|sign up)",
        # "نشرة … تضع في بريدك الخاص كل ما تحتاج", "لتصلك آخر الأخبار إلى بريدك"
        r"(?:تصلك|يصلك|ليصلك|لتصلك|تضع في|تصل الي|يصل الي) بريدك",
        r"ادخل (?:ايميلك|بريدك)",
        r"للاشتراك في (?:قناه|قناتنا|نشره|النشره)",
        r"الاشتراك في :",  # Blogger's "Subscribe to: Posts (Atom)"
        # "للاشتراك سجلوا هنا للاشتراك مجانا بنشرة …", "اشترك مجانا في نشرة …"
        r"(?:للاشتراك|اشترك|سجل|سجلوا) (?:هنا )?(?:مجانا )?(?:في |ب)?(?:نشره|النشره|نشرتنا)",
        r"سجل للحصول علي (?:نشره|النشره|نشرتنا)",
        r"الاشتراك في (?:ال)?رسايل (?:ال)?(?:اخباريه|بريديه)",
        r"don ?' ?t miss a story",
        # "انضم لقائمتنا البريدية البريد الإلكتروني : Leave this field empty if you're human"
        r"قايمتنا البريديه",
        r"leave this field empty",
    ),
    # A sponsor's line inside a newsletter or a section: the line's other words are
    # the article's ("هذه النشرة برعاية" before the next story).
    "sponsor": (
        r"(?:هذه النشره|هذا القسم|هذه الصفحه|هذه الفقره) برعايه",
        r"(?:اخبار اليوم |الاخبار )?(?:تاتيكم|تاتيك|ياتيكم|ياتيك) برعايه",
        r"(?:this|the) (?:newsletter|section|page|story) is (?:sponsored|brought to you) by",
    ),
    # an aggregator's notice around a copied story ("نشكركم زوارنا الكرام", "تم نقله من")
    "source notice": (
        r"زوارنا الكرام",
        r"زايرنا الكريم",  # folded: ئ is written ي
        r"(?:اذا|ان) اعجبك (?:الخبر|خبر|المقال)",
        r"قم بمشاركه",
        r"تم نقل(?:ه|ها)? (?:الان خبر|من موقع)",
        r"اضيفت في",
        # "ننشر لكم زوارنا جديد الاخبار اليوم عبر موقعنا … ونبدء مع الخبر الابرز"
        r"جديد الاخبار اليوم عبر موقعنا",
        r"ونبدا? مع الخبر الابرز",
        r"شكرا لكم (?:علي |على |ل)?متابعتنا",
        r"نعدكم دايما بتقديم",
        r"لا تنسوا عمل لايك",
        # a feed reader's disclaimer: "هذه الصفحة مجرد قارئ تلقائي للأخبار … لا تعني تأييدها"
        r"قاري[ءي]? تلقايي",
        r"لا ?تعني (?:تاييدها|تبنيها)",
        # "عبارة عن محرك بحث اخباري فقط ولا يتحمل المسؤولية عن اي محتوى منشور",
        # "مصدره الاصلي من موقع … وتقع مسئولية صحة الخبر من عدمه على عاتقهم"
        r"محرك بحث اخباري",
        r"لا (?:يتحمل|تتحمل|نتحمل) (?:اي )?(?:ال)?مس[وي]وليه عن (?:اي )?(?:محتوي|مضمون)",
        r"مس[وي]وليه صحه (?:الخبر|المعلومات|المحتوي)",
        r"مصدره الاصلي من موقع",
        r"عن مصدر الخبر",  # an aggregator's box naming the source after the story
        # "المحتوى الذي عنوانه ( … ) نشر أولا على موقع ( … ) ولا تتحمل … مضمونه"
        r"نشر اولا علي موقع",
        r"من خلال مصدره الاصلي",
        # "ملحوظة : مضمون هذا الخبر تم كتابته بواسطة … ونحن غير مسئولين عن محتوى الخبر
        # والعهدة على المصدر السابق ذكره"
        r"(?:مضمون|محتوي) (?:هذا )?(?:الخبر|المقال|الموضوع) تم",
        # "شكرا لقرائتكم خبر عن … ويمكنك متابعة مستجدات هذا الخبر من مصدره الأساسي"
        r"شكرا (?:لقرايتكم|لقراءتكم|لقراتكم)",
        r"من مصدره الاساسي",
        r"غير مس[وي]ولين عن (?:اي )?(?:محتوي|مضمون)",
        r"العهده علي (?:المصدر|الناقل|الراوي)",
        r"تم نقله بمحتواه",
    ),
    "cookies": (
        r"cookies?",
        r"ملفات (?:تعريف )?الارتباط",
        r"الكوكيز",
        r"privacy policy",
        r"سياسه الخصوصيه",
        # an advertising notice ("يعد الإعلان السلوكي طريقة لاستخدام المعلومات …")
        r"الاعلان السلوكي",
        r"behaviou?ral advertising",
    ),
    # and a CMS's e-mail cloaking notice, shown where the script did not run
    "javascript": (
        r"enable javascript",
        r"javascript",
        r"محمي من روبوتات (?:السبام|البريد المزعج)",
        r"being protected from spam ?bots",
    ),
    "login": (
        r"(?:اسم المستخدم|كلمه السر|كلمه المرور)",
        r"(?:username|password)",
        r"تذكرني",
        r"remember me",
        r"تسجيل (?:الدخول|دخولك)",
        r"(?:مميزات|مزايا) العضويه",
        # a password-reset box ("سيتم إرسال رابط إلى بريدك الإلكتروني")
        r"(?:سيتم|سوف يتم) ارسال (?:رابط|كلمه (?:المرور|السر)) (?:الي|علي) بريدك[^.\n]*",
        r"(?:نسيت|استعاده|استرجاع) كلمه (?:المرور|السر)",
        r"انشاء حساب",
        # a site's sign-up box and its rules ("عليك التسجيل للاستفادة من كافة خدمات
        # الموقع", "قواعد التسجيل والمشاركة", "شروط استخدام وتصفح الموقع")
        r"عليك التسجيل للاستفاده",
        r"قواعد التسجيل و ?المشاركه",
        r"شروط استخدام و ?تصفح",
    ),
    # A blog post's byline run ("Posted : الثلاثاء , 16 يونيو , 2009 by البشاوى in",
    # "Posted on May 3 , 2017 by admin"): the post's header, its text follows.
    # (the date's year before "by": "posted on Monday by the minister in person" is prose)
    # Blogger's review line under a post: "Reviewed by <author> on <date> Rating : 5".
    "byline": (
        r"posted (?:on |in )?:? ?(?:[^.?!؟ ]+ ){0,6}?\d{4} by (?:[^.?!؟ ]+ ){1,3}?in ",
        r"reviewed by (?:[^.?!؟ ]+ ){0,4}?on (?:[^.?!؟ ]+ ){0,5}?rating",
    ),
    # A language picker: what follows it on the line is judged on its own.
    "language picker": (
        r"(?:اختر|اختيار|اختاري) (?:اللغه|لغه)",
        r"(?:select|choose|change) (?:your |the )?language",
        r"اقرا بهذه اللغه",
        r"بلغات اخري ?:",
    ),
    # The site's own interface around the page: a welcome line, links that open in a
    # new tab, the page's edit notice (each removed with the rest of its sentence).
    "site interface": (
        r"(?:مرحبا|اهلا) بك (?:في|فى)",  # the reader addressed alone: the site speaks
        r"welcome to (?:the |our )?(?:website|site|\S+ ?\. ?(?:com|net|org))",
        r"(?:لا تمتلك|ليس لديك) (?:عضويه|حسابا?)",
        r"(?:don ?' ?t|do not) have an account",
        r"(?:يفتح|تفتح|يفتح في|سيفتح) (?:في |ضمن )?(?:علامه تبويب|نافذه) جديده",
        r"opens? in a new (?:tab|window)",
        r"this (?:article|page|post) was last (?:modified|edited|updated)",
        r"تم عرض هذه الصفحه \d",
        r"(?:هذه|هذا) (?:المقاله|الصفحه|المقال) (?:محميه|محمي|مقفله)",
        r"(?:اخر|تم) تعديل (?:لهذه|هذه|علي هذه) (?:الصفحه|المقاله)",
        # the site describing itself ("اليوم قناة إخبارية مستقلة , تهدف إلى …",
        # "بدأنا التفكير بإنشاء هذا الموقع الاخباري")
        r"(?:موقع|صحيفه|قناه|شبكه|منصه|مجله) (?:اخباري|اخباريه|الكتروني|الكترونيه|اعلامي|اعلاميه)"
        r" (?:عربي |عربيه )?(?:شامل |شامله )?(?:مستقل|مستقله)",
        r"(?:انشاء|تاسيس|اطلاق) هذا الموقع",
        # a donation appeal ("ادعمنا للاستمرار في مهمتنا … تبرع الآن")
        r"ادعمنا (?:للاستمرار|لنستمر|لكي نستمر)",
        r"تبرع الان",
        r"donate now",
    ),
    "contact": (
        r"(?:اتصل|تواصل) (?:بنا|معنا)",
        r"(?:اذا|ان) اردت (?:ان )?تتصل بنا",
        r"(?:لتقديم|تقديم) اقتراح او تصحيح خطا",
        r"contact us",
    ),
}
_UNITS = "ساعه|ساعات|دقيقه|دقايق|يوم|ايام|اسبوع|اسابيع|شهر|اشهر|شهور"
_AGO = (  # "5 ايام منذ" as a widget renders it; "منذ 3 ساعات"
    rf"\d+ (?:{_UNITS}|سنه|سنوات) منذ|منذ \d+ (?:{_UNITS})"
)
_BACK = rf"(?:\d+ )?(?:{_UNITS}|يومين|ساعتين) قبل"  # "12 ساعة قبل", written back to front
_STAMP = (
    rf"نشر قبل \d+ (?:{_UNITS}|سنه|سنوات)"
    rf"|منذ \d+ (?:{_UNITS}) و ?\d+ (?:{_UNITS})"  # "منذ 18 ساعه و 44 دقيقه"
    r"|(?:yesterday|today) \d{1,2} ?: ?\d{2}(?: ?: ?\d{2})?"
    r"|\d+ (?:minutes?|hours?|days?|weeks?|months?) ago"
    # a sidebar's times written the other way round, three or more in a row
    # ("ساعة قبل - 12 ساعة قبل - 2 يومين قبل")
    rf"|{_BACK}(?: ?[-–|] ?{_BACK}){{2,}}"
)
# For the polars sign test (whose regex engine has no look-around): any of them.
RELATIVE_TIME_PATTERN = rf"(?:{_STAMP}|{_AGO})"
_DUAL = "منذ (?:ساعتين|دقيقتين|يومين|اسبوعين|شهرين)"
# In the page: "منذ 3 ساعات" (three hours ago) is also ordinary prose ("مستقرة منذ 30
# يوما", "مستمر منذ 3 أسابيع .", "لمدة 26 ساعة منذ يوم الأحد"), so it counts as a
# ticker's time only in a run of them, before a mark, a date or the line's end, or
# opening a line or following a sentence or a label ("منذ 17 ساعة خسارة ثانية …", a
# teaser's time then its headline; "آخر تحديث للموقع : منذ 23 دقيقة"). A stamp counts
# anywhere.
_ONE = rf"(?:{_AGO}|{_DUAL})(?!\w)"
_RELATIVE_TIME = re.compile(
    rf"(?:{_STAMP})(?!\w)"
    rf"|{_ONE}(?: ?[:\-–|]? ?{_ONE})+"
    rf"|{_ONE}(?= ?[:\-–|/]| ?[,،] ?\d|$)"
    rf"|(?:^|(?<=[.!?؟|:] )){_ONE}"
)
MIN_PROSE_WORDS = 6
MIN_STOPWORD_SHARE = 0.12
# What a boilerplate phrase weighs against the block beyond its own words: a footer
# phrase separates the article from what follows unless a long prose block follows.
PHRASE_PENALTY = 25
TITLE_MAX_WORDS = 30
# A learned run this long is a unit of its own even inside a line (a glued footer).
LONG_RUN_WORDS = 12


@dataclass
class Removed:
    """A removed span: line number (from 1), its text and why it was removed."""

    line: int
    text: str
    reason: str


@dataclass
class InlinePage:
    """A page after in-line cleaning: the title, the lines with removed spans cut out
    (same count and numbering as the input; a wholly removed line is empty), and
    every removed span."""

    title: str | None
    lines: list[str]
    removed: list[Removed] = field(default_factory=list)
    listing: str | None = None  # why the page is a list of teasers, not an article


@dataclass
class _Segment:
    line: int  # index into lines
    start: int  # first token index (page-wide)
    end: int  # one past the last token
    kind: str  # prose, short, phrase:<name>, learned, time, separator
    words: int
    pages: int = 0  # for learned runs: distinct pages of the outlet
    recurring: float = 0.0  # share of a prose segment's words inside learned phrases
    sentence: bool = False  # ends with . ? ! ؟ (a short sentence, not a menu item)


# The phrases are matched in folded text: write them with ى ة أ or folded, either works.
_FOLD_LETTERS = str.maketrans({"ى": "ي", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا"})


def phrase_pattern() -> str:
    """All boilerplate phrases as one pattern (folded), a named group per kind."""
    return "|".join(
        f"(?P<p{i}>{'|'.join(p)})".translate(_FOLD_LETTERS) for i, p in enumerate(PHRASES.values())
    )


_TIME_ANCHORS = frozenset({"منذ", "ago", "yesterday", "today"})
_PUBLISHED = frozenset({"نشر", "قبل"})
# A page widget inside a line: a view counter ("الزيارات : 215", "عدد القراءات : 1409"),
# a poll loading its answers ("نعم لا جاري التحميل"), a poll's results (three bare
# percentages or more in a row), a results ticker (three scores "2 x 1" or more, a few
# names between; a sentence gives a score as "2 - 1"). Only its own words go: the
# headline before it and the lead after it stay ("عدد القراءات : 1409 تنشر وكالة …").
_WIDGET = re.compile(
    r"(?:عدد )?(?:الزيارات|المشاهدات|القراءات) ?: ?\d+|جاري التحميل|\d+ ?%(?: \d+ ?%){2,}"
    r"|\d+ x \d+(?: (?:[^\s\d]+ ){1,4}\d+ x \d+){2,}"
    # a wiki's labels: its other languages and contents opening a line, a "main
    # article" link, a series box, a hatnote ("للاستخدامات الأخرى , انظر .")
    r"|^(?:لغات اخري|فهرست|فهرس المحتويات)(?= |$)|مقاله رييسيه ?:"
    r"|هذا المقال (?:هو )?جزء من سلسله(?: مقالات)?(?: عن)? ?:?|للاستخدامات الاخري ,? ?انظر ?\.?"
)
_WIDGET_ANCHORS = frozenset(
    {
        *("الزيارات", "المشاهدات", "القراءات", "التحميل"),
        *("لغات", "فهرست", "فهرس", "رييسيه", "سلسله", "للاستخدامات"),  # a wiki's labels
    }
)


@cache
def _phrase_anchors() -> frozenset[str]:
    """Words of the phrase patterns: a line without any of them cannot match."""
    pattern = phrase_pattern().replace("s?", "").lower()
    return frozenset(re.findall(r"[^\W\d_]{3,}", re.sub(r"\(\?P<p\d+>", "", pattern)))


@cache
def _phrase_regex() -> re.Pattern[str]:
    return re.compile(phrase_pattern(), re.IGNORECASE)


_PHRASE_NAMES = tuple(PHRASES)
# Phrases that head a menu or list: what follows them on the line is judged on its own.
_MENU_PHRASES = frozenset(
    {"related", "tags", "share", "login", "contact", "byline", "language picker", "sponsor"}
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|[a-z]+uary|march|april|june|july|august"
    "|[a-z]+ber|يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر"
    "|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين"
)
# A date (with its time) opening a line or following removed text: the page's date box
# ("Dec 20 , 2017", "الاحد 21 يناير 2018", "2017 - 10 - 27", "30 . 07 . 2015").
_DATE = re.compile(
    rf"(?:(?:{_MONTHS})\S* \d{{1,2}} ?,? \d{{4}}|\d{{1,2}} (?:{_MONTHS})\S*"
    rf"(?: \S+)? \d{{4}}|\d{{4}} ?[-/.] ?\d{{1,2}} ?[-/.] ?\d{{1,2}}|\d{{1,2}} ?[-/.] ?\d{{1,2}} ?[-/.] ?\d{{4}})"
    r"(?: \d{1,2} ?: ?\d{2}(?: ?: ?\d{2})?(?: ?(?:am|pm|ص|م|صباحا|مساء))?)?",
    re.IGNORECASE,
)


_MONTH_WORD = re.compile(rf"^(?:{_MONTHS})[a-z]*$", re.IGNORECASE)
_WEEKDAYS = frozenset(
    [
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
        "السبت",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sun",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
    ]
)
_HIJRI_MONTHS = frozenset(
    [
        "محرم",
        "صفر",
        "ربيع",
        "الاول",
        "الثاني",
        "الاخر",
        "جمادي",
        "الاولي",
        "الاخره",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "ذو",
        "القعده",
        "الحجه",
    ]
)
# Words of a date box besides dates and times ("آخر تحديث", "بتوقيت غرينتش", "GMT").
_DATE_BOX_WORDS = frozenset(
    [
        "اخر",
        "تحديث",
        "بتوقيت",
        "توقيت",
        "غرينتش",
        "جرينتش",
        "مكه",
        "بيروت",
        "القاهره",
        "دمشق",
        "gmt",
        "utc",
        "am",
        "pm",
        "ص",
        "م",
        "صباحا",
        "مساء",
        "ه",
        "هـ",
        "updated",
        "last",
        "published",
        "نشر",
        "في",
    ]
)
# A date in both calendars heading the page ("الأحد , 4 جمادى الأول 1439 هجريا ,
# الموافق 21 يناير 2018 ميلاديا"): its words join a box that opens a line with a
# weekday, since a sentence gives dates so too ("في جمادى الآخر عام 1424 ه - الموافق
# أغسطس 2003 م").
_CALENDAR_WORDS = frozenset(["هجريا", "هجري", "هجريه", "الموافق", "ميلاديا", "ميلادي", "ميلاديه"])
_DATE_BOX_MARKS = frozenset({"/", "-", ",", ":", "|", "،", "–"})
_DATE_BOX_ANCHORS = frozenset({"بتوقيت", "تحديث", "gmt", "utc", "updated", "published", "ه"})


def _date_boxes(
    raw: list[str], keys: list[str], spans: list[tuple[int, int, int]], dropped: list[bool]
) -> set[int]:
    """Tokens of date boxes anywhere in a line: a run of dates, weekdays, times and
    their words with a year and a time, a time zone or an update mark
    ("الثلاثاء 12 ديسمبر 2017 - 04 : 43 بتوقيت غرينتش", "الخميس / 6 / صفر / 1439 ه -
    الخميس 26 أكتوبر 2017 11 : 58", "آخر تحديث 7 : 30 PM بتوقيت بيروت"), or one
    opening a line with a weekday ("الاحد 21 يناير 2018"). A date inside a sentence
    ("يوم الخميس 26 أكتوبر 2017 أعلنت") has none of these and stays."""
    found: set[int] = set()
    t, n = 0, len(raw)
    while t < n:
        u = t
        opens = keys[t] in _WEEKDAYS and (
            t == 0 or spans[t - 1][0] != spans[t][0] or dropped[t - 1]
        )
        while (
            u < n
            and spans[u][0] == spans[t][0]
            and (_date_token(raw[u], keys[u]) or (opens and keys[u] in _CALENDAR_WORDS))
        ):
            u += 1
        if u - t >= 3:
            run = range(t, u)
            lowered = [raw[i].lower() for i in run]
            year = any(len(w) == 4 and w.isdigit() for w in lowered)
            clock = any(
                lowered[j] == ":" and lowered[j - 1].isdigit() and lowered[j + 1].isdigit()
                for j in range(1, len(lowered) - 1)
            )
            anchor = any(
                keys[i] in _DATE_BOX_ANCHORS or lowered[k] in _DATE_BOX_ANCHORS
                for k, i in enumerate(run)
            )
            dated = (
                any(_MONTH_WORD.match(keys[i] or "") for i in run)
                or sum(1 for w in lowered if w.isdigit()) >= 3
            )
            if dated and ((year and (clock or opens)) or (anchor and (clock or year))):
                # Trim words of the box that are also ordinary words at its edges.
                while u > t and (keys[u - 1] in ("في", "نشر", "اخر", "last")):
                    u -= 1
                found.update(range(t, u))
            elif anchor and clock:
                found.update(range(t, u))
        t = max(u, t + 1)
    return found


def _date_token(token: str, key: str) -> bool:
    if token in _DATE_BOX_MARKS or token.isdigit():
        return True
    lowered = token.lower()
    return bool(
        key
        and (
            key in _WEEKDAYS
            or key in _HIJRI_MONTHS
            or key in _DATE_BOX_WORDS
            or lowered in _DATE_BOX_WORDS
            or _MONTH_WORD.match(key)
        )
    )


@cache
def _stopwords() -> frozenset[str]:
    return arabic_stopwords() | english_stopwords()


def word_key(token: str) -> str:
    """The comparison key of a folded token: its letters only."""
    return _NON_LETTERS.sub("", token)


def _is_stopword(key: str, stop: frozenset[str]) -> bool:
    return key in stop or (len(key) > 2 and key[0] in "وفبل" and key[1:] in stop)


def clean_inline(
    text: str,
    title: str | None,
    learned: Mapping[str, int] | None = None,
    outlet_pages: int = 0,
    stop_line: int | None = None,
    url: str | None = None,
    vocabulary: frozenset[str] = frozenset(),
    find_lists: bool = True,
) -> InlinePage:
    """Find the headline and the article block of one page; remove boilerplate spans.

    Args:
        text: the page text (lines separated by ``\\n``).
        title: the title field, if the corpus has one.
        learned: this outlet's learned phrases (word 4-gram key -> distinct pages).
        outlet_pages: the outlet's distinct pages (for the audit).
        stop_line: the first line (from 1) of the reader comments; it and later lines
            are left for the comment parser.
        url: the page address (kept for the audit of listing pages).
        vocabulary: the corpus vocabulary (folded words on many distinct pages), to
            find words glued together (:func:`glued_parts`).
        find_lists: whether to recognise pages without an article (lists of teasers,
            tickers, author and tag pages; ``clean.keep_non_articles`` turns it off).

    Returns:
        The :class:`InlinePage`.
    """
    learned = learned or {}
    lines = text.split("\n")
    last = len(lines) if stop_line is None else min(len(lines), stop_line - 1)
    spans: list[tuple[int, int, int]] = []  # (line index, char start, char end)
    keys: list[str] = []
    folded_lines: list[str] = []
    for index in range(last):
        line = lines[index]
        found = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
        folded = FOLD_ALL.apply(line)
        parts = folded.split()
        if len(parts) != len(found):  # folding changed the spacing (ligatures: "ﷺ")
            # one part per token: a ligature's words run together, a token folded away
            # (a lone diacritic) keeps its place
            parts = ["".join(FOLD_ALL.apply(line[s:e]).split()) or "_" for s, e in found]
        folded_lines.append(" ".join(parts))
        spans += [(index, s, e) for s, e in found]
        keys += [word_key(p) for p in parts]
    page = InlinePage(title=title, lines=list(lines))
    if not spans:
        return page
    raw = [lines[i][s:e] for i, s, e in spans]
    dropped = [False] * len(spans)
    reasons: dict[int, str] = {}

    # Words glued together: Arabic + Latin ("شاركLiveuamap"), two corpus words
    # ("ترامبالموالون"); camelCase ("SyriaSelect", but also "YouTube") only in segments.
    # A token the page uses three times or more is a word of its own (a term).
    often = Counter(keys)
    joined = [
        _MIXED_SCRIPTS.search(raw[t]) is not None
        or (often[key] < 3 and glued_parts(key, vocabulary) is not None)
        for t, key in enumerate(keys)
    ]
    glued = [g or _GLUED.search(raw[t]) is not None for t, g in enumerate(joined)]
    # Teasers cut off by an ellipsis: the whole page (a list), or after its article.
    between = _words_between_ellipses(lines[:last])
    teasers = _cut_teasers(lines[:last], len(raw), between)
    lead = _article_before_teasers(lines[:last], teasers) if teasers is not None else None
    if teasers is None:  # a run of them closing an article's page, fewer for its size
        trailing = _trailing_teasers(between)
        lead = _article_before_teasers(lines[:last], trailing) if trailing else None
        teasers = trailing if lead is not None else None
    listing = (
        _listing(raw, spans, lines[:last], url, joined, teasers if lead is None else None)
        if find_lists
        else None
    )
    if listing is not None:
        page.listing = listing
        page.removed = [
            Removed(n + 1, lines[n].strip(), f"not an article: {listing}")
            for n in range(last)
            if lines[n].strip()
        ]
        page.lines = [""] * last + lines[last:]
        return page
    boxes = _date_boxes(raw, keys, spans, dropped)
    title_span = _headline(spans, keys, raw, title, lines, boxes)
    heading = frozenset({title_span.second}) if title_span else frozenset()
    bar = None
    if title_span is not None and title is None:
        page.title = title_span.text
        # "Headline | Site", repeated in the page as "Headline Site : lead" (the site's
        # dateline): the headline ends at the bar, with three words or more before it;
        # the site's name goes, and the headline's other copies go too. (A dash before
        # the site's words is the bar where the page repeats the headline before it.)
        bar = title_span.bar
        if bar is None:
            bar = next(
                (
                    t
                    for t in range(title_span.start, title_span.end)
                    if raw[t] in _TITLE_BARS
                    and sum(1 for u in range(title_span.start, t) if keys[u]) >= 3
                ),
                None,
            )
    repeats = _repeats(keys, page.title, spans, raw, heading)
    if bar is not None:
        page.title = _join(spans, raw, title_span.start, bar, lines)
        shorter = _repeats(keys, page.title, spans, raw, heading)
        repeats += [r for r in shorter if all(not a <= r[0] < b for a, b in repeats)]
    for start_repeat, end_repeat in repeats:
        reason = "repeated title"
        if title is None and title_span is not None and start_repeat == title_span.start:
            reason = "title"  # moved to the title, not removed
        for t in range(start_repeat, end_repeat):
            dropped[t] = True
            reasons[t] = reason
    if bar is not None:
        for t in range(bar, title_span.end):
            if reasons.get(t) == "title":
                reasons[t] = "the site's name after the headline"
    if title is None and title_span is not None and title_span.site is not None:
        for t in range(*title_span.site):
            if not dropped[t]:
                dropped[t] = True
                reasons[t] = "the site's name before the headline"

    _drop_rules(raw, keys, spans, dropped, reasons)
    _drop_comment_thread(folded_lines, spans, dropped, reasons)
    _drop_closing_block(folded_lines, spans, dropped, reasons)
    _drop_teaser_list(folded_lines, spans, keys, dropped, reasons)
    if teasers is not None and lead is not None:
        _drop_cut_teasers(teasers, lead, spans, raw, dropped, reasons)
    _drop_live_feed(raw, keys, dropped, reasons)
    _drop_captions(folded_lines, spans, dropped, reasons, boxes)
    _drop_web_addresses(folded_lines, spans, dropped, reasons)
    recurring = _learned_coverage(spans, keys, learned)
    learned_pages = _boundary_runs(recurring, spans, raw, keys, dropped)
    segments = _segments(spans, keys, raw, folded_lines, learned_pages, dropped, glued)
    for segment in segments:
        if segment.words and segment.kind == "prose":
            covered = sum(1 for t in range(segment.start, segment.end) if keys[t] and recurring[t])
            segment.recurring = covered / segment.words
    block = _article_block(segments)
    for number, segment in enumerate(segments):
        outside = block is not None and not block[0] <= number <= block[1]
        if segment.kind.startswith("phrase:"):
            reason = f"boilerplate phrase ({segment.kind.removeprefix('phrase:')})"
        elif segment.kind == "learned" or (outside and segment.kind == "prose-learned"):
            reason = (
                f"learned boilerplate: in {segment.pages} of {outlet_pages} distinct pages "
                "of this outlet, " + ("outside the article" if outside else "not a sentence")
            )
        elif segment.kind == "time":
            reason = "date or relative time (ticker)"
        elif segment.kind == "widget":
            reason = "page widget: a view counter, a poll, a results ticker or a wiki's label"
        elif segment.kind == "glued":
            reason = "ticker or menu: words glued together"
        elif segment.kind == "repeat":
            reason = "repeated in the page (pull quote or second copy)"
        elif segment.kind == "separator" and segment.end - segment.start >= 3:
            reason = "separator"
        elif outside:
            reason = f"outside the article: page {'header' if number < block[0] else 'footer'}"
        else:
            continue
        for t in range(segment.start, segment.end):
            if not dropped[t]:
                dropped[t] = True
                reasons[t] = reason
    if not any(dropped):
        return page
    _cut(page, spans, raw, dropped, reasons)
    return page


def _learned_coverage(
    spans: list[tuple[int, int, int]], keys: list[str], learned: Mapping[str, int]
) -> list[int]:
    """For each token, the distinct-page count of the learned 4-gram covering it (0: none).

    4-grams are taken within a line, over the tokens that have letters.
    """
    covered = [0] * len(keys)
    if not learned:
        return covered
    current_line = -1
    window: list[int] = []
    for t, key in enumerate(keys):
        if spans[t][0] != current_line:
            current_line, window = spans[t][0], []
        if not key:
            continue
        window.append(t)
        if len(window) >= PHRASE_WORDS:
            gram = window[-PHRASE_WORDS:]
            pages = learned.get(" ".join(keys[i] for i in gram), 0)
            if pages:
                for i in range(gram[0], gram[-1] + 1):
                    covered[i] = max(covered[i], pages)
    return covered


_GLUED = re.compile(r"[a-z][A-Z][a-z]|[\u0621-\u064a][A-Za-z]|[A-Za-z][\u0621-\u064a]")
_MIXED_SCRIPTS = re.compile(r"[\u0621-\u064a][A-Za-z]|[A-Za-z][\u0621-\u064a]")
_DATE_LED = re.compile(
    r"^\s*(?:\d{4} ?[/-] ?\d{1,2} ?[/-] ?\d{1,2}|\d{1,2} ?[/-] ?\d{1,2} ?[/-] ?\d{4})\b"
)
# A news brief's dateline: its source's name (one to three words), a date, a dash
# ("كردووتش , 30 كانون الأول ( ديسمبر ) 2013 -", "Reuters, 4 March 2017 -"), where a
# line or a sentence starts. One opens an article; the same name opening many is a
# list of briefs.
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?؟\"»] ))[\"«]? ?(\S+(?: \S+){0,2}) ?, ((?:(?!\s[-–]\s)[^\n]){4,40}?\d[^\n]{0,12}?) [-–] ",
    re.MULTILINE,
)
DATELINES_MIN = 5
DATELINE_WORDS = 250  # at least one repeated dateline per this many words
# An item's publication stamp ("تاريخ النشر : 20 - 01 - 2018", "Posted on May 3 , 2017"):
# an article shows its own once or twice; a page of many is a list of dated items.
_PUBLISHED_STAMP = re.compile(
    r"(?:تاريخ (?:النشر|الإضافة|الاضافة)|نشر (?:في|بتاريخ)|published(?: on)?|posted on) ?:? ?"
    r"(?:\d{1,4} ?[-/.] ?\d{1,2} ?[-/.] ?\d{2,4}|\d{1,2} \S+ ,? ?\d{4}|\S+ \d{1,2} ?,? \d{4})"
    # or an item's date before its bar of counters ("27 - 05 - 2015 | 0 | 0 | <teaser>")
    r"|(?<!\S)(?:\d{1,2} ?[-/.] ?\d{1,2} ?[-/.] ?(?:19|20)\d\d|(?:19|20)\d\d ?[-/.] ?\d{1,2} ?[-/.] ?\d{1,2})"
    r" \|",
    re.IGNORECASE,
)
STAMPS_MIN = 8
STAMP_WORDS = 150  # at least one publication stamp per this many words
# A cut-off teaser: an ellipsis, then the next item's dateline ("عواصم - وكالات -").
TEASER_PATTERN = r"(?:\. \.(?: \.)?|\.\.\.|…) +(\S+(?: +\S+){0,3} +[-–] )"
_TEASER_END = re.compile(TEASER_PATTERN)
# Just after an ellipsis: the page split there keeps every word, the ellipsis's dots
# with the part it closes, so counts of words between ellipses add up to word offsets.
_AFTER_ELLIPSIS = re.compile(r"(?<=\. \. \.)|(?<=\.\.\.)|(?<=…)")
_ELLIPSIS_INSIDE = re.compile(r"(?:\. \. \.|\.\.\.|…) +(?=\S)")
ELLIPSIS_GAP_SPREAD = 0.5  # standard deviation / mean of the words between ellipses
ELLIPSIS_PAGE_SHARE = 0.6  # share of the page's words between the first and last one
ELLIPSES_MIN = 8
ELLIPSIS_WORDS = 100
TEASERS_ARTICLE_MIN = 60  # words of an article above a page's cut-off teasers,
PROSE_SHARE_BEFORE_TEASERS = 0.6  # this share of them in whole prose sentences,
SENTENCES_BEFORE_TEASERS = 3  # and three such sentences or more
LONGER_THAN_A_TEASER = 1.3  # times the usual words between ellipses


_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
_ARTICLE_PREFIXES = ("ال", "وال", "بال", "فال", "كال", "لل")
GLUED_MIN_LETTERS = 4
# A page is a ticker when words glued together are this dense (one per so many words)
# and at least TICKER_MIN_GLUED of them: a live map's event list, headline after
# headline with no punctuation between them.
TICKER_WORDS_PER_GLUE = 150
TICKER_MIN_GLUED = 4


def glued_parts(key: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """The two corpus words an Arabic token is glued from (``ترامبالموالون``: ``ترامب``
    + ``الموالون``), when the token is not itself a corpus word; else None.

    Both parts have at least ``GLUED_MIN_LETTERS`` letters, a first part with the
    article has a stem of three letters (``المت`` + ``قدرات`` is one word), and the
    second part does not start like a suffix (``تدريب`` + ``اتهم``).
    """
    if (
        len(key) < 2 * GLUED_MIN_LETTERS
        or not vocabulary
        or key in vocabulary
        or not _ARABIC_WORD.fullmatch(key)
    ):
        return None
    for cut in range(GLUED_MIN_LETTERS, len(key) - GLUED_MIN_LETTERS + 1):
        first, second = key[:cut], key[cut:]
        if first not in vocabulary or second not in vocabulary:
            continue
        prefix = next((p for p in _ARTICLE_PREFIXES if first.startswith(p)), "")
        if len(first) - len(prefix) < 3 or second.startswith(("ات", "يت")):
            continue
        return first, second
    return None


def _listing(
    raw: list[str],
    spans: list[tuple[int, int, int]],
    lines: list[str],
    url: str | None,
    glued: list[bool] | None = None,
    cut_teasers: tuple[int, list[int]] | None = None,
) -> str | None:
    """Why the page is a list of teasers (tag, archive or news-list page) or a ticker
    (items run together: words glued at their joins), or None. An address of a
    listing (:func:`mediaframe.clean.addresses.listing_address`) decides first.
    ``cut_teasers`` are the page's teasers cut off by an ellipsis (:func:`_cut_teasers`)
    when no article stands above them."""
    by_address = listing_address(url)
    if by_address is not None:
        return by_address
    # A list needs many items for its size: a long article quoting "…" a few times, or
    # a report with some dated entries, is not one.
    words = len(raw)
    teasers = sum(len(_TEASER_END.findall(line)) for line in lines)
    if teasers >= 3 and teasers * 150 >= words:
        return f"a list of {teasers} cut-off teasers"
    if cut_teasers is not None:
        return f"a list of {cut_teasers[0]} teasers cut off by an ellipsis"
    texts = [line for line in lines if line.strip()]
    dated = sum(1 for line in texts if _DATE_LED.match(line))
    if dated >= 10 and dated >= 0.6 * len(texts):
        return f"a list of {dated} dated items"
    stamps = sum(len(_PUBLISHED_STAMP.findall(line)) for line in lines)
    if stamps >= STAMPS_MIN and stamps * STAMP_WORDS >= words:
        return f"a list of {stamps} items, each with its publication date"
    openers = Counter(m.group(1) for line in lines for m in _DATELINE.finditer(line))
    name, briefs = openers.most_common(1)[0] if openers else ("", 0)
    if briefs >= DATELINES_MIN and briefs * DATELINE_WORDS >= words:
        return f"a list of {briefs} news briefs, each opening with the dateline «{name} , …»"
    joins = sum(glued or ())
    if joins >= TICKER_MIN_GLUED and joins * TICKER_WORDS_PER_GLUE >= words:
        return f"a ticker: {joins} words glued where one item runs into the next"
    return _item_list(lines)


def _cut_teasers(lines: list[str], words: int, parts: list[int]) -> tuple[int, list[int]] | None:
    """The ellipses that cut the page's teasers and the words before, between and after
    them, when the page runs teaser after teaser: many for the page's size, regular
    (teasers are cut at about one length; a writer who likes ". . ." leaves gaps of every
    length between them) and spread over the page (an article followed by a few related
    teasers is not a list)."""
    cut = sum(len(_ELLIPSIS_INSIDE.findall(line)) for line in lines)
    if cut < ELLIPSES_MIN or cut * ELLIPSIS_WORDS < words:
        return None
    gaps = parts[1:-1]
    if (
        gaps
        and sum(gaps) >= 10 * len(gaps)
        and _regular(gaps)
        and sum(gaps) >= ELLIPSIS_PAGE_SHARE * words
    ):
        return cut, parts
    return None


TRAILING_TEASERS_MIN = 4  # cut-off teasers in a run closing an article's page
TRAILING_TEASER_WORDS = (10, 60)  # the usual words of such a teaser, at least and at most


def _trailing_teasers(parts: list[int]) -> tuple[int, list[int]] | None:
    """The run of cut-off teasers closing the page (``parts``: its words between
    ellipses, :func:`_words_between_ellipses`), in :func:`_cut_teasers`' form with all
    the words before the run's first teaser counted as one part; None without one.

    The run grows back from the page's last ellipsis while the words between two
    ellipses stay within half to twice their usual number (the part holding the
    article's end and the first teaser is longer and stops it). It counts with
    ``TRAILING_TEASERS_MIN`` teasers or more between ellipses, their usual length in
    ``TRAILING_TEASER_WORDS`` and at most twice that after the last ellipsis. A
    writer's pauses ("…" every hundred words, or at every length) make no such run."""
    run: list[int] = []
    for part in reversed(parts[1:-1]):
        usual = sorted(run)[len(run) // 2] if run else part
        if not usual / 2 <= part <= 2 * usual:
            break
        run.append(part)
    if len(run) < TRAILING_TEASERS_MIN:
        return None
    teasers = [sum(parts[: -1 - len(run)]), *parts[-1 - len(run) :]]
    usual = _usual_teaser(teasers)
    if not TRAILING_TEASER_WORDS[0] <= usual <= TRAILING_TEASER_WORDS[1] or parts[-1] > 2 * usual:
        return None
    return len(run) + 1, teasers


def _words_between_ellipses(lines: list[str]) -> list[int]:
    """Words of the page before its first ellipsis, between two, and after the last."""
    return [len(part.split()) for part in _AFTER_ELLIPSIS.split("\n".join(lines))]


def _usual_teaser(parts: list[int]) -> int:
    """The median words between two ellipses (``parts`` as :func:`_cut_teasers` gives)."""
    gaps = sorted(parts[1:-1])
    return gaps[len(gaps) // 2]


def _article_before_teasers(lines: list[str], teasers: tuple[int, list[int]]) -> int | None:
    """The words of the article before a page's cut-off teasers, or None when the page
    is the list alone. The text up to the first ellipsis after which teasers run at
    their usual length is the first teaser (about as long as the others) and, on an
    article's page, the article above it (which may hold an ellipsis of its own): prose
    from the page's first line, TEASERS_ARTICLE_MIN words or more, most of them in
    whole sentences (a site's menu above a list, or a home page's long first teaser,
    is not an article)."""
    parts = teasers[1]
    usual = _usual_teaser(parts)
    lead, part = parts[0] - usual, 1
    while part < len(parts) - 1 and parts[part] > LONGER_THAN_A_TEASER * usual:
        lead += parts[part]
        part += 1
    if lead < TEASERS_ARTICLE_MIN:
        return None
    first = " ".join(" ".join(lines).split()[:lead])
    sentences = [
        m.group(0)
        for m in _SENTENCE.finditer(first)
        if _SENTENCE_END.search(m.group(0)) and is_prose_text(m.group(0))
    ]
    prose = sum(len(s.split()) for s in sentences)
    if len(sentences) < SENTENCES_BEFORE_TEASERS or prose < PROSE_SHARE_BEFORE_TEASERS * lead:
        return None
    return lead


# An author, tag or archive page by its heading (the page's first line), where its
# address does not say so (:mod:`~mediaframe.clean.addresses` decides on addresses):
# only a hint, since such a heading may also stand above one whole article.
_LIST_HEADING = re.compile(
    r"\barchives?\b|\bauthor at\b|\bpage \d+ of \d+|مقالات الكاتب|عرض العناصر حسب"
    r"|ارشيف (?:الوسم|الوسوم|التصنيف|شهر|القسم|الكاتب)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.?!؟\n]+[.?!؟]+|[^.?!؟\n]+$", re.MULTILINE)
ITEM_LIST_MIN_SENTENCES = 8
# Share of prose sentences sharing no content word with the two before them nor with
# the first two (the article's lead): a minority in articles (a new paragraph, a
# quotation), most of them in a list of leads of different stories.
ITEM_LIST_UNRELATED = 0.6


def _item_list(lines: list[str]) -> str | None:
    """Why the page is an author, tag or archive page listing the leads of different
    stories, or None. Needs both a list page's heading and the form: at least
    ``ITEM_LIST_MIN_SENTENCES`` prose sentences, ``ITEM_LIST_UNRELATED`` of which (after
    the first two) share no content word (4+ letters, not a function word, without its
    article) with the two sentences before them or the first two. An article keeps returning to its subject; a list of leads
    changes subject at every item. A tag page showing one whole article, or a blog
    archive of whole posts on one subject, is kept."""
    heading = _LIST_HEADING.search(FOLD_ALL.apply(lines[0])[:300]) if lines else None
    if heading is None:
        return None
    folded = FOLD_ALL.apply("\n".join(lines))
    stop = _stopwords()
    sentences = []
    for match in _SENTENCE.finditer(folded):
        words = [k for k in (word_key(w) for w in match.group(0).split()) if k]
        if _is_prose(words, stop, ""):
            sentences.append(_content_words(words, stop))
    if len(sentences) < ITEM_LIST_MIN_SENTENCES:
        return None
    lead = sentences[0] | sentences[1]
    unrelated = sum(
        1
        for i in range(2, len(sentences))
        if sentences[i].isdisjoint(sentences[i - 1] | sentences[i - 2] | lead)
    )
    if unrelated < ITEM_LIST_UNRELATED * (len(sentences) - 2):
        return None
    return (
        f"an author, tag or archive page by its heading ({heading.group(0)}): {unrelated} of {len(sentences) - 2} "
        "sentences after the first two change subject (leads of different stories)"
    )


def _content_words(words: list[str], stop: frozenset[str]) -> set[str]:
    """Content words of a sentence (4+ letters, not function words), without the
    article and conjunction they are written with."""
    out = set()
    for word in words:
        if len(word) < 4 or _is_stopword(word, stop):
            continue
        prefix = next((p for p in ("وال", "بال", "فال", "لل", "ال", "و") if word.startswith(p)), "")
        out.add(word[len(prefix) :] if len(word) - len(prefix) >= 3 else word)
    return out


def _line_tokens(
    folded_lines: list[str], spans: list[tuple[int, int, int]]
) -> Iterator[tuple[str, int, int]]:
    """Each line's folded text, its first token's index and its number of tokens
    (``spans`` are the page's tokens in order, each starting with its line index)."""
    first_token = 0
    for index, folded in enumerate(folded_lines):
        count = 0
        while first_token + count < len(spans) and spans[first_token + count][0] == index:
            count += 1
        yield folded, first_token, count
        first_token += count


# A reader-comments count inside a line ("12 تعليق مللت الرد …"): the thread follows.
_COMMENT_COUNT = re.compile(
    r"(?<![:\d] )(?<![:\d])\b(\d+) (?:تعليق|تعليقات|comments?|responses?)\b(?! ?:? ?\d)(?= \S)"
)
# ... unless the number is the year of a date before it, and the word a tab's label
# ("الأحد , 05 نوفمبر , 2017 تعليقات مقالات ذات صلة").
_DATE_BEFORE_YEAR = re.compile(rf"(?:(?:{_MONTHS})\S*|\d{{1,2}}) ?[,،]? ?$", re.IGNORECASE)


# Widgets that close an article page: its tags, a rating, a view count, a feedback or
# "like our page" box. From the first one in the page's last part on, the rest is the
# page's footer (related teasers, polls, more widgets), not the article.
CLOSING_MARKERS = (
    "الكلمات الدلالية",
    "الكلمات المفتاحية",
    "كلمات مفتاحية :",
    "قيم هذا المقال",
    "قيم هذا الموضوع",
    "قيم هذا الخبر",
    "مجموع المشاهدات",
    "هل وجدت القصة",
    "هل وجدت هذا المقال",
    "تفضل بالإعجاب بصفحتنا",
    "إرسال الملاحظات",
    # a share box repeating the headline («هذا المقال على صفحات : <headline>»)
    "هذا المقال على صفحات :",
    "Tags :",
    "Rate this article",
    "Did you find this story",
    "Was this article helpful",
    # a form to write to the site or the writer, and the site's terms under it
    "نص الرسالة",
    "عنوان الرسالة",
    "أدخل الرقم الظاهر",
    "أدخل الرمز",
    "عنوانك الإلكتروني",
    "بريدك الإلكتروني",
    "نص المشاركة",
    "شروط استخدام",
    "شروط الاستخدام",
    "Your email address",
    "Terms of use",
)
CLOSING_SHARE = 0.6  # a marker counts from this share of the page's words on
_CLOSING = re.compile(
    r"(?<!\S)(?:" + "|".join(re.escape(FOLD_ALL.apply(m)) for m in CLOSING_MARKERS) + r")(?!\S)",
    re.IGNORECASE,
)


# The writer's box ("عن الكاتب مصري الجنسية …") closes a page too, where it opens a
# unit: a line, a sentence, or after a menu phrase ("اقرأ أيضا عن الكاتب …"); in a
# sentence ("الإفراج عن الكاتب والصحفي …") it is text.
_AUTHOR_BOX = re.compile(
    r"(?<!\S)(?:" + "|".join(("عن الكاتب", "نبذه عن الكاتب", "about the author")) + r")(?!\S)",
    re.IGNORECASE,
)


def _opens_box(before: str) -> bool:
    """The folded text before a widget on its line ends a unit: nothing, a sentence end
    or a separator (not a comma), or a menu phrase."""
    words = before.split()
    if not words or _ends_unit(words[-1]):
        return True
    tail = " ".join(words[-6:])
    return any(m.end() == len(tail) for m in _phrase_regex().finditer(tail))


def _drop_closing_block(
    folded_lines: list[str],
    spans: list[tuple[int, int, int]],
    dropped: list[bool],
    reasons: dict[int, str],
) -> None:
    """Everything from a closing widget (:data:`CLOSING_MARKERS`, :data:`_AUTHOR_BOX`)
    in the page's last part on is the page's footer."""
    widgets = sorted(
        [
            *_matches(folded_lines, spans, _CLOSING),
            *(
                (start, match)
                for start, match in _matches(folded_lines, spans, _AUTHOR_BOX, ("الكاتب", "author"))
                if _opens_box(folded_lines[spans[start][0]][: match.start()])
            ),
        ],
        key=lambda found: found[0],
    )
    for start, match in widgets:
        if start >= CLOSING_SHARE * len(spans):
            reason = f"the page's closing block (from «{match.group(0)}»)"
            _drop_rest(start, reason, dropped, reasons)
            return


# A list heading ("مقالات أخرى", "اقرأ أيضا", "More from") followed, to the page's
# end, by teasers cut off by an ellipsis: the writer's or the site's other pieces, at
# any place in the page (a columnist's page lists them right under the column).
_TEASER_HEADING = re.compile(
    r"(?<!\S)(?:"
    + "|".join(
        re.escape(FOLD_ALL.apply(m))
        for m in (
            "مقالات أخرى",
            "مقالات ذات صلة",
            "أخبار ذات صلة",
            "مواضيع ذات صلة",
            "اقرأ أيضا",
            "اقرأ المزيد",
            "المزيد من المقالات",
            "في نفس القسم",
            "Related articles",
            "Related posts",
            "More from",
        )
    )
    + r")(?!\S)",
    re.IGNORECASE,
)
_CUT_OFF = re.compile(r"(?:\. \.(?: \.)?|\.\.\.|…)(?= +\S)")
TEASERS_AFTER_MIN = 3  # cut-off teasers after the heading
TEASER_WORDS = 80  # at least one cut-off per this many words after the heading
TEASERS_ARTICLE_WORDS = 60  # words of the article before the heading


def _regular(gaps: list[int]) -> bool:
    """The words between ellipses are about one length (teasers cut by the site), not
    every length (a writer's pauses): spread over mean at most ELLIPSIS_GAP_SPREAD."""
    if not gaps:
        return True
    mean = sum(gaps) / len(gaps)
    spread = (sum((g - mean) ** 2 for g in gaps) / len(gaps)) ** 0.5
    return mean > 0 and spread <= ELLIPSIS_GAP_SPREAD * mean


def _drop_teaser_list(
    folded_lines: list[str],
    spans: list[tuple[int, int, int]],
    keys: list[str],
    dropped: list[bool],
    reasons: dict[int, str],
) -> None:
    """Everything from a list heading on, when cut-off teasers follow it densely to the
    page's end (:data:`_TEASER_HEADING`), cut at about one length: a writer who likes
    ". ." after a heading's "اقرأ أيضا :" leaves gaps of every length."""
    for start, match in _matches(folded_lines, spans, _TEASER_HEADING):
        if sum(1 for k in keys[:start] if k) < TEASERS_ARTICLE_WORDS:
            continue
        line = spans[start][0]
        rest = "\n".join([folded_lines[line][match.end() :], *folded_lines[line + 1 :]])
        parts = _CUT_OFF.split(rest)
        cuts = len(parts) - 1
        if (
            cuts >= TEASERS_AFTER_MIN
            and cuts * TEASER_WORDS >= len(rest.split())
            and _regular([len(part.split()) for part in parts[1:-1]])
        ):
            reason = f"a list of teasers (from «{match.group(0)}», {cuts} cut off)"
            _drop_rest(start, reason, dropped, reasons)
            return


def _drop_cut_teasers(
    teasers: tuple[int, list[int]],
    lead: int,
    spans: list[tuple[int, int, int]],
    raw: list[str],
    dropped: list[bool],
    reasons: dict[int, str],
) -> None:
    """Everything from the first teaser on, on an article's page that runs cut-off
    teasers (:func:`_cut_teasers`) after the article's ``lead`` words with no heading
    (:func:`_article_before_teasers`). The first teaser starts where a sentence or a
    line does, the one nearest the article's estimated end."""
    usual = _usual_teaser(teasers[1])
    starts = [
        t
        for t in range(lead // 2, min(lead + usual, len(raw)))
        if spans[t][0] != spans[t - 1][0] or _ends_unit(raw[t - 1])
    ]
    start = min(starts, key=lambda t: abs(t - lead), default=lead)
    _drop_rest(
        start,
        f"a list of {teasers[0]} teasers cut off by an ellipsis, after the article",
        dropped,
        reasons,
    )


# A live feed closing a page: entries each opening with a clock time ("21 : 45 أعلن
# …", "201502 : 34 إطلاق نار" with the day's date glued on), one after another. It is
# the site's running coverage of other events, not this article.
_CLOCK = re.compile(r"(?:(?:19|20)\d\d)?(\d{1,2})")
_CLOCK_COMPACT = re.compile(r"\d{1,2}:\d{2}")
LIVE_FEED_MIN = 4  # clock-led entries
LIVE_FEED_GAP = 250  # most words between two entries (and after the last one)
LIVE_FEED_AFTER = 100  # words of the article before the feed (else the page is the feed)


# Words around a time in a sentence ("من الساعة 8:30 وحتى 9:45"): no entry opens there.
_CLOCK_PROSE = frozenset(
    [
        "الساعه",
        "ساعه",
        "من",
        "منذ",
        "حتي",
        "وحتي",
        "الي",
        "بين",
        "و",
        "at",
        "from",
        "to",
        "until",
        "-",
        "–",
    ]
)


def _clock_at(raw: list[str], keys: list[str], t: int) -> int:
    """The number of tokens of a clock time opening an entry at ``t`` (0 if none): an
    hour and minutes, no seconds, not the minutes of another time, then a word; not
    a time in a sentence (:data:`_CLOCK_PROSE` before or after it)."""
    if not raw[t][:1].isdigit():
        return 0
    if t > 0 and (raw[t - 1] == ":" or (keys[t - 1] or raw[t - 1].lower()) in _CLOCK_PROSE):
        return 0
    if _CLOCK_COMPACT.fullmatch(raw[t]):
        size = 1
    elif (
        t + 2 < len(raw)
        and raw[t + 1] == ":"
        and (m := _CLOCK.fullmatch(raw[t]))
        and int(m.group(1)) < 24
        and len(raw[t + 2]) == 2
        and raw[t + 2].isdigit()
    ):
        size = 3
    else:
        return 0
    after = t + size
    if (
        after >= len(raw)
        or not any(c.isalpha() for c in raw[after])
        or (keys[after] or raw[after].lower()) in _CLOCK_PROSE
    ):
        return 0
    return size


def _drop_live_feed(
    raw: list[str], keys: list[str], dropped: list[bool], reasons: dict[int, str]
) -> None:
    """Drop a live feed that closes the page: ``LIVE_FEED_MIN`` or more clock-led
    entries at most ``LIVE_FEED_GAP`` words apart, running to the page's end, after at
    least ``LIVE_FEED_AFTER`` words. A date or a "related" heading just before the
    first entry goes with it. A page that is a live feed from its top keeps it."""
    clocks = [t for t in range(len(raw)) if _clock_at(raw, keys, t)]
    if len(clocks) < LIVE_FEED_MIN or len(raw) - clocks[-1] > LIVE_FEED_GAP:
        return
    first = len(clocks) - 1
    while first > 0 and clocks[first] - clocks[first - 1] <= LIVE_FEED_GAP:
        first -= 1
    if len(clocks) - first < LIVE_FEED_MIN:
        return
    start = clocks[first]
    while start > 0 and _date_token(raw[start - 1], keys[start - 1]):
        start -= 1
    window = max(0, start - 5)
    before = " ".join(FOLD_ALL.apply(word) for word in raw[window:start])
    heading = next(reversed(list(_phrase_regex().finditer(before))), None)
    if heading is not None and not any(c.isalnum() for c in before[heading.end() :]):
        start = window + len(before[: heading.start()].split())
    if start < LIVE_FEED_AFTER:
        return
    entries = len(clocks) - first
    _drop_rest(
        start, f"a live feed closing the page ({entries} entries by the clock)", dropped, reasons
    )


def _matches(
    folded_lines: list[str],
    spans: list[tuple[int, int, int]],
    pattern: re.Pattern[str],
    needles: tuple[str, ...] = (),
) -> Iterator[tuple[int, re.Match[str]]]:
    """Each match of ``pattern`` in the page's folded lines, in reading order, with the
    index of the token it starts in; with ``needles``, only lines holding one of them
    are searched."""
    for folded, first_token, _ in _line_tokens(folded_lines, spans):
        if needles and not any(needle in folded for needle in needles):
            continue
        found = list(pattern.finditer(folded))
        if found:
            offsets = [m.start() for m in _TOKEN.finditer(folded)]
            for match in found:
                yield first_token + _token_at(offsets, match.start()), match


def _drop_rest(start: int, reason: str, dropped: list[bool], reasons: dict[int, str]) -> None:
    """Drop every token from ``start`` to the page's end not dropped yet, for ``reason``."""
    for t in range(start, len(dropped)):
        if not dropped[t]:
            dropped[t] = True
            reasons[t] = reason


def _drop_comment_thread(
    folded_lines: list[str],
    spans: list[tuple[int, int, int]],
    dropped: list[bool],
    reasons: dict[int, str],
) -> None:
    """Everything from an in-line comment count on is the reader-comment thread."""
    needles = ("تعليق", "omment", "espons")
    for start, match in _matches(folded_lines, spans, _COMMENT_COUNT, needles):
        year = len(match.group(1)) == 4 and match.group(1)[:2] in ("19", "20")
        if year and _DATE_BEFORE_YEAR.search(match.string, 0, match.start()):
            continue
        reason = f"reader comments ({match.group(0)}): a thread without a comments heading"
        _drop_rest(start, reason, dropped, reasons)
        return


# A photo caption opening a line (or following the headline): a few words without a
# sentence end, then the photo credit, then the text ("بوتين وبشار خلال لقاء سابق
# بينهما رويترز - أرشيف وصل الرئيس…", "… في سوريا ( أ ف ب ) وأكد الأسد…"). A dateline
# ("باريس ( أ ف ب ) - أعلن…") has one or two words before the credit and a dash after.
# A photo label alone where the text starts ("صورة أرشيفية", "أ ف ب", "رويترز - أرشيف"
# under a caption of its own line; "رويترز - الأرشيف الوطني …" is a dateline) is one
# too. (A Getty credit without a dash is left: "قال مدير متحف جيتي …" is prose.)
_GETTY = r"[جغ]يتي(?: (?:ايماجز|امجز))?"  # Getty Images written in Arabic
_ARCHIVE_CREDIT = r"رويترز|afp|getty images"  # before "- أرشيف" (an archive photo)
_CREDIT = rf"ا ف ب|اف ب|رويترز|الاناضول|afp|ap|reuters|epa|getty(?: images)?|{_GETTY}"
# A photo's credit in brackets ("( الصورة : وكالة الأناضول )", "[ حقوق الصورة لعبدالوهاب
# بحيبح ]", "( المصدر : تويتر )"): no dateline has one, so any caption may come before it.
_PHOTO_CREDIT = (
    r"\( ?(?:مصدر )?(?:ال)?صوره ?: ?[^()]{1,40}\)"
    r"|\[ ?حقوق (?:ال)?صوره [^\[\]]{1,40}\]"
    r"|\( ?(?:ال)?مصدر ?: ?(?:تويتر|فيسبوك|يوتيوب|انستغرام|twitter|facebook|youtube|instagram) ?\)"
)
_CAPTION = re.compile(
    r"(?:(?:[^\s.?!؟]+ ){3,24}?"
    rf"(?:\( ?(?:{_CREDIT}) ?\)"
    rf"|(?:(?:{_ARCHIVE_CREDIT}) )?- (?:صوره )?(?:ال)?ارشيف(?:يه)?"
    rf"|- (?:{_GETTY})"
    r"|\( ?(?:صوره )?(?:ال)?ارشيف(?:يه)? ?\))"
    rf"|(?:[^\s.?!؟]+ ){{0,24}}?(?:{_PHOTO_CREDIT})"
    rf"|صوره (?:ارشيفيه|من الارشيف)|ا ف ب|(?:{_ARCHIVE_CREDIT}) - ارشيف)"
    r"(?= [^\s\-:–])",
    re.IGNORECASE,
)


_URL_WORD = r"[a-z0-9_%-]+"
# A web address with a path, as scraped with spaces around its marks
# ("www . almadaen . com . sa / ? p = 281154", "https : / / twitter . com / name"): a
# link's text, not prose. (A bare domain, "موقع www . example . com", is named in prose.)
_WEB_ADDRESS = re.compile(
    rf"(?:https? : / / )?(?:www \. )?{_URL_WORD}(?: \. {_URL_WORD})*? \. [a-z]{{2,6}}(?: \. [a-z]{{2}})?"
    rf" /(?: [/?=&.#])*(?: {_URL_WORD}(?:(?: [/?=&.#])+ {_URL_WORD})*)?",
    re.IGNORECASE,
)


# An embedded post's credit: a dash, the account's name and its handle, and the post's
# date ("- Saad Hariri ( @ saadhariri ) November 4 , 2017"): the post's frame.
_POST_CREDIT = re.compile(
    rf"(?<![^\s])[-–—] (?:[^\s()@.?!؟]+ ){{1,6}}\( @ \w+(?:-\w+)* \)"
    rf"(?: (?:{_MONTHS})\S* \d{{1,2}} ,? \d{{4}})?",
    re.IGNORECASE,
)


def _drop_web_addresses(
    folded_lines: list[str],
    spans: list[tuple[int, int, int]],
    dropped: list[bool],
    reasons: dict[int, str],
) -> None:
    """Drop web addresses with a path (see :data:`_WEB_ADDRESS`) and embedded posts'
    credits (:data:`_POST_CREDIT`) wherever they are; the text around them stays one
    block."""
    for pattern, anchors, reason in (
        (_WEB_ADDRESS, (" / ",), "a web address"),
        (_POST_CREDIT, ("( @ ",), "an embedded post's credit (its account and date)"),
    ):
        for start, match in _matches(folded_lines, spans, pattern, anchors):
            for t in range(start, start + len(match.group(0).split())):
                if not dropped[t]:
                    dropped[t] = True
                    reasons[t] = reason


def _drop_captions(
    folded_lines: list[str],
    spans: list[tuple[int, int, int]],
    dropped: list[bool],
    reasons: dict[int, str],
    boxes: set[int],
) -> None:
    """Drop photo captions where a line's text starts (see :data:`_CAPTION`)."""
    for folded, first_token, count in _line_tokens(folded_lines, spans):
        lowered = folded.lower()
        if count and any(
            mark in lowered
            for mark in ("ب )", "رويترز", "ارشيف", "afp", "getty", "يتي", "ا ف ب", "صوره", "مصدر")
        ):
            offsets = [m.start() for m in _TOKEN.finditer(folded)]
            line = range(first_token, first_token + count)
            # Where the line's text starts: its first token, or after removed text
            # (the headline) or a date box.
            starts = [
                t
                for t in line
                if not dropped[t]
                and t not in boxes
                and (t == first_token or dropped[t - 1] or t - 1 in boxes)
            ]
            for start in starts:
                match = _CAPTION.match(folded, offsets[start - first_token])
                end = first_token + _token_at(offsets, match.end() - 1) if match else start
                # a headline and its date box before the caption are not the caption
                if match and boxes.isdisjoint(range(start, end + 1)):
                    for t in range(start, end + 1):
                        dropped[t] = True
                        reasons[t] = "photo caption"
                    break


def _drop_rules(
    raw: list[str],
    keys: list[str],
    spans: list[tuple[int, int, int]],
    dropped: list[bool],
    reasons: dict[int, str],
) -> None:
    """Drop runs of four or more tokens without letters or digits ("- - - - -")."""
    t, n = 0, len(raw)
    while t < n:
        u = t
        while (
            u < n
            and not keys[u]
            and not any(c.isdigit() for c in raw[u])
            and spans[u][0] == spans[t][0]
        ):
            u += 1
        if u - t >= 4:
            for i in range(t, u):
                if not dropped[i]:
                    dropped[i] = True
                    reasons[i] = "separator"
        t = max(u, t + 1)


def _boundary_runs(
    covered: list[int],
    spans: list[tuple[int, int, int]],
    raw: list[str],
    keys: list[str],
    dropped: list[bool],
) -> list[int]:
    """Keep only learned runs that are a unit of their own: from a line start, a
    sentence end, a separator or removed text to the next such boundary (digits and
    punctuation may follow), or at least ``LONG_RUN_WORDS`` long. A recurring phrase that is part of a sentence, such as
    "خادم الحرمين الشريفين الملك سلمان" or "تنظيم الدولة الإسلامية في", is article text.
    """
    out = list(covered)
    t, n = 0, len(covered)
    while t < n:
        if not covered[t]:
            t += 1
            continue
        u = t
        while u + 1 < n and covered[u + 1] and spans[u + 1][0] == spans[t][0]:
            u += 1
        line = spans[t][0]
        starts = t == 0 or spans[t - 1][0] != line or _ends_unit(raw[t - 1]) or dropped[t - 1]
        ends = _ends_unit(raw[u])
        v = u + 1
        while not ends:
            if v == n or spans[v][0] != line or dropped[v] or raw[v] in _SEPARATORS:
                ends = True
            elif keys[v]:
                break
            elif _ends_unit(raw[v]):
                ends = True
            v += 1
        words = sum(1 for i in range(t, u + 1) if keys[i])
        if not (starts and ends) and words < LONG_RUN_WORDS:
            for i in range(t, u + 1):
                out[i] = 0
        t = u + 1
    return out


def _ends_unit(token: str) -> bool:
    return token in _SEPARATORS or bool(_SENTENCE_END.search(token))


LONG_HEADLINE = 5  # words: a headline this long is told by its repeats alone


class _Headline(NamedTuple):
    """The page's headline: its tokens ``start`` to ``end - 1`` and text, where the
    page repeats it as its heading (-1: nowhere), the bar or dash in the range that
    ends the headline before the site's name (None: none), and the site's name before
    the headline ("Site - Headline") as a token range (None: none)."""

    start: int
    end: int
    text: str
    second: int
    bar: int | None = None
    site: tuple[int, int] | None = None


def _headline(
    spans: list[tuple[int, int, int]],
    keys: list[str],
    raw: list[str],
    title: str | None,
    lines: list[str],
    boxes: set[int] = frozenset(),
) -> _Headline | None:
    """The page's headline, when the page shows one (:class:`_Headline`)."""
    if title is not None:
        return None
    # Only the page's first line, in its first 120 tokens.
    head = [t for t in range(min(len(spans), 120)) if spans[t][0] == spans[0][0]]
    lettered = [t for t in head if keys[t]]
    words = [keys[t] for t in lettered]
    # the headline is written in the page's script: a Latin run on an Arabic page is
    # the site's interface ("Size < = 1024 Tablate portrait"), and the other way round
    arabic_page = _mostly_arabic(keys)
    best: tuple[int, int] | None = None
    best_last = -1
    second = -1
    # The longest run of >= 3 words that recurs later in the header (HTML title, then heading).
    positions: dict[str, list[int]] = {}
    for p, word in enumerate(words):
        positions.setdefault(word, []).append(p)
    for p in range(len(lettered)):
        for q in positions[words[p]]:
            if q <= p:
                continue
            length = 0
            while (
                q + length < len(words)
                and p + length < q
                and words[p + length] == words[q + length]
            ):
                length += 1
            if length < 3 or (best is not None and length <= best[1] - best[0]):
                continue
            word = lettered[p + length - 1]
            # the copy's end: its last word and the number or marks both copies close
            # it with ("… الأكثر تأثيرا في 2017 … الأكثر تأثيرا في 2017")
            last = _copy_end(word, lettered[q + length - 1], lettered[q], raw, keys, spans)
            if (
                _in_script(words[p : p + length], arabic_page)
                and (
                    _headline_like(lettered[p], word, raw, keys, spans, boxes)
                    or (last != word and _headline_like(lettered[p], last, raw, keys, spans, boxes))
                )
                and (
                    _closes_title(word, lettered[q], raw, keys, spans)
                    # a long run opening the page is the headline even where a menu is
                    # glued after it ("Headline رياضات عربية … المزيد Headline lead")
                    or (p == 0 and length >= LONG_HEADLINE)
                )
                and _not_a_menu(words, positions[words[p]], p, length)
            ):
                best = (p, p + length)
                best_last = last
                second = lettered[q]
        if best is not None and best[1] - best[0] >= 3 and p > best[1]:
            break
    if best is not None and best[1] - best[0] <= TITLE_MAX_WORDS:
        # a run that is the headline twice over ("A A" repeated as "A A") is one copy
        size = _period(words[best[0] : best[1]])
        start = lettered[best[0]]
        end = best_last + 1 if size == best[1] - best[0] else lettered[best[0] + size - 1] + 1
        return _Headline(start, end, _join(spans, raw, start, end, lines), second)
    first_line = [t for t in range(len(spans)) if spans[t][0] == spans[0][0]]
    # "Headline - site's name and menu", the headline repeated as the page's heading
    # below: the headline ends at the dash; the site's words after it go with the title
    # line (a longer rest is the lead and stays). "Site - Headline": the site's words
    # before the dash go.
    dashed = _dashed_headline(first_line, spans, keys, raw)
    if dashed is not None:
        dash, second, site_first = dashed
        if site_first:
            end = first_line[-1] + 1
            text = _join(spans, raw, dash + 1, end, lines)
            return _Headline(dash + 1, end, text, second, site=(first_line[0], dash + 1))
        rest = sum(1 for t in first_line if t > dash and keys[t])
        end = first_line[-1] + 1 if rest <= SITE_WORDS else dash
        bar = dash if rest <= SITE_WORDS else None
        return _Headline(
            first_line[0], end, _join(spans, raw, first_line[0], end, lines), second, bar
        )
    # A first line the next line repeats word for word is the headline (the HTML title
    # and the heading), even ending in "!" or "?" ("… مقتنع باستقالة الحريري !").
    copy = _next_line_copy(first_line, spans, keys, boxes)
    if copy is not None:
        end = first_line[-1] + 1
        return _Headline(first_line[0], end, _join(spans, raw, first_line[0], end, lines), copy)
    # A first line that looks like a headline: short, not a sentence, more lines follow.
    words = sum(1 for t in first_line if keys[t])
    more_lines = any(spans[t][0] != spans[0][0] for t in range(len(spans)))
    if (
        more_lines
        and 1 <= words <= TITLE_MAX_WORDS
        and not _SENTENCE_END.search(raw[first_line[-1]])
    ):
        # "Headline | Site": keep the part before a separator when there is one.
        cut = next((t for t in first_line if raw[t] in _SEPARATORS), None)
        end = cut if cut is not None and cut > first_line[0] + 1 else first_line[-1] + 1
        if _plain_title(first_line[0], end, raw, keys, spans):
            return _Headline(first_line[0], end, _join(spans, raw, first_line[0], end, lines), -1)
        return None
    # "Headline الثلاثاء 12 ديسمبر 2017 - 04 : 43 lead…": a date box follows the headline.
    cut = next((t for t in first_line[: TITLE_MAX_WORDS + 1] if t in boxes), None)
    if (
        cut is not None
        and cut - first_line[0] >= 3
        and more_lines
        and _plain_title(first_line[0], cut, raw, keys, spans)
    ):
        return _Headline(first_line[0], cut, _join(spans, raw, first_line[0], cut, lines), -1)
    # "Headline | Site lead…": the page's HTML title opens a longer first line.
    cut = next((t for t in first_line[:TITLE_MAX_WORDS] if raw[t] in _SEPARATORS), None)
    if cut is not None and more_lines and _plain_title(first_line[0], cut, raw, keys, spans):
        return _Headline(first_line[0], cut, _join(spans, raw, first_line[0], cut, lines), -1)
    return None


_DASHES = frozenset({"-", "–", "—"})
SITE_WORDS = 25  # words after a headline's dash that can be the site's name and menu
DASHED_HEADLINE_WORDS = 4  # at least, before the dash: fewer is a dateline ("دمشق -")
HEADING_TOKENS = 400  # where the heading's copy is looked for: the next two lines' start


def _dashed_headline(
    first_line: list[int], spans: list[tuple[int, int, int]], keys: list[str], raw: list[str]
) -> tuple[int, int, bool] | None:
    """The dash between a headline and the site's name on the page's first line, where
    the next two lines repeat the headline's words in order (the page's heading), and
    whether the site's name comes first; or None. "Headline - Site menu…" is tried
    first, the longest headline winning; then "Site - Headline" (the headline runs to
    the line's end)."""
    if not any(raw[t] in _DASHES for t in first_line):
        return None
    window = range(first_line[-1] + 1, min(len(spans), first_line[-1] + 1 + HEADING_TOKENS))
    next_lines = sorted({spans[t][0] for t in window})[:2]
    later = [t for t in window if spans[t][0] in next_lines and keys[t]]
    later_keys = [keys[t] for t in later]
    for dash in reversed(first_line):
        if raw[dash] not in _DASHES:
            continue
        words = [keys[t] for t in first_line if t < dash and keys[t]]
        if not DASHED_HEADLINE_WORDS <= len(words) <= TITLE_MAX_WORDS:
            continue
        at = _find_run(later_keys, words)
        if at is not None:
            return dash, later[at], False
    for dash in first_line:
        if raw[dash] not in _DASHES:
            continue
        site = sum(1 for t in first_line if t < dash and keys[t])
        words = [keys[t] for t in first_line if t > dash and keys[t]]
        if (
            not 1 <= site <= SITE_WORDS
            or not DASHED_HEADLINE_WORDS <= len(words) <= TITLE_MAX_WORDS
        ):
            continue
        at = _find_run(later_keys, words)
        if at is not None:
            return dash, later[at], True
    return None


DATE_TOKENS = 8  # at most, of a date opening the heading's line


def _next_line_copy(
    first_line: list[int],
    spans: list[tuple[int, int, int]],
    keys: list[str],
    boxes: set[int] = frozenset(),
) -> int | None:
    """Where the next line repeats the first line's words, the same and no others
    (three to :data:`TITLE_MAX_WORDS` of them), after a date it may open with
    ("January 21 , 2018 Headline"); else None."""
    words = [keys[t] for t in first_line if keys[t]]
    start = first_line[-1] + 1
    if not 3 <= len(words) <= TITLE_MAX_WORDS or start >= len(spans):
        return None
    line = spans[start][0]
    opening = start
    while (
        start < len(spans)
        and start - opening < DATE_TOKENS
        and spans[start][0] == line
        and (start in boxes or not keys[start] or _MONTH_WORD.match(keys[start]))
    ):
        start += 1
    following = [
        t for t in range(start, min(len(spans), start + 3 * len(first_line))) if spans[t][0] == line
    ]
    if not following or (following[-1] + 1 < len(spans) and spans[following[-1] + 1][0] == line):
        return None  # the next line runs on: it is not the same words alone
    return start if [keys[t] for t in following if keys[t]] == words else None


def _find_run(keys: list[str], words: list[str]) -> int | None:
    """Where ``words`` occur in ``keys`` in order, one after another (None: nowhere)."""
    for i in range(len(keys) - len(words) + 1):
        if keys[i] == words[0] and keys[i : i + len(words)] == words:
            return i
    return None


COPY_CLOSERS = 3  # at most, tokens without letters that close both copies of a run


def _copy_end(
    last: int,
    other_last: int,
    limit: int,
    raw: list[str],
    keys: list[str],
    spans: list[tuple[int, int, int]],
) -> int:
    """The last token of a run's first copy, ending at word ``last``, taken on over
    the tokens without letters (a year, a quote) that follow it and, the same, the
    other copy's last word ``other_last``; never up to ``limit`` (the other copy)."""
    end = last
    for step in range(1, COPY_CLOSERS + 1):
        mine, theirs = last + step, other_last + step
        if (
            mine >= limit
            or theirs >= len(raw)
            or keys[mine]
            or keys[theirs]
            or raw[mine] != raw[theirs]
            or spans[mine][0] != spans[last][0]
            or spans[theirs][0] != spans[other_last][0]
        ):
            break
        end = mine
    return end


def _mostly_arabic(keys: list[str]) -> bool:
    """Most of the page's words are Arabic."""
    named = [key for key in keys if key]
    return 2 * sum(1 for key in named if _ARABIC_WORD.match(key)) > len(named)


def _in_script(words: list[str], arabic_page: bool) -> bool:
    """Some of ``words`` are in the page's script (Arabic, or other letters)."""
    return any(bool(_ARABIC_WORD.match(word)) == arabic_page for word in words)


def _period(run: list[str]) -> int:
    """The length of the shortest part of three words or more that ``run`` repeats
    whole (``run`` itself when it repeats none)."""
    for size in range(3, len(run) // 2 + 1):
        if len(run) % size == 0 and run == run[:size] * (len(run) // size):
            return size
    return len(run)


def _month_pair(t: int, raw: list[str], spans: list[tuple[int, int, int]]) -> bool:
    """Token ``t`` is the slash of a month given twice ("أيلول / سبتمبر", "آذار / مارس"),
    not a separator."""
    if t == 0 or t + 1 >= len(raw) or not spans[t - 1][0] == spans[t][0] == spans[t + 1][0]:
        return False
    return all(_MONTH_WORD.match(FOLD_ALL.apply(raw[i]).lower()) for i in (t - 1, t + 1))


def _not_a_menu(words: list[str], starts: list[int], start: int, length: int) -> bool:
    """A run of the header's ``words`` (``starts``: where its first word occurs) shown
    three times or more is a menu, not the headline; but a headline of five words or
    more may be shown three times (the HTML title, the social-media title, the heading),
    each copy between other words (a run that two copies extend by the same word is
    part of a longer run, such as the words a headline shares with the lead's sentence)."""
    run = words[start : start + length]
    copies = [i for i in starts if words[i : i + length] == run]
    if len(copies) < 3:
        return True
    before = {words[i - 1] if i else "" for i in copies}
    after = {words[i + length] if i + length < len(words) else "" for i in copies}
    return len(copies) == 3 and length >= LONG_HEADLINE and len(before) == len(after) == 3


def _plain_title(
    start: int, end: int, raw: list[str], keys: list[str], spans: list[tuple[int, int, int]]
) -> bool:
    """Tokens ``start`` to ``end - 1`` read as a headline: mostly words, no number, not
    ending a sentence, no boilerplate phrase ("آخر الأخبار", "روابط ذات صلة")."""
    tokens = range(start, end)
    named = sum(1 for t in tokens if keys[t])
    if named == 0 or named < 0.7 * len(tokens):
        return False
    if any(raw[t][:1].isdigit() for t in tokens) or _SENTENCE_END.search(raw[end - 1]):
        return False
    return not _phrase_regex().search(FOLD_ALL.apply(" ".join(raw[t] for t in tokens)))


def _closes_title(
    last: int, second: int, raw: list[str], keys: list[str], spans: list[tuple[int, int, int]]
) -> bool:
    """The HTML title's copy of a headline ends where the title does: at the line end,
    a separator or dash, a token without letters, the heading's copy, or a date box."""
    following = [
        t for t in range(last + 1, min(last + 4, len(raw))) if spans[t][0] == spans[last][0]
    ]
    if not following or following[0] == second or not keys[following[0]]:
        return True
    return any(raw[t][:1].isdigit() for t in following)


def _opens_unit(t: int, raw: list[str], keys: list[str], spans: list[tuple[int, int, int]]) -> bool:
    """Token ``t`` starts a line or follows a separator, a sentence end or a token
    without letters (a date box): not the middle of a sentence."""
    return t == 0 or spans[t - 1][0] != spans[t][0] or not keys[t - 1] or _ends_unit(raw[t - 1])


def _headline_like(
    first: int,
    last: int,
    raw: list[str],
    keys: list[str],
    spans: list[tuple[int, int, int]],
    boxes: set[int] = frozenset(),
) -> bool:
    """A headline candidate from ``first`` to ``last`` is not a date (numbers around
    it, two or more numbers in it); the page's date box after it is no such number
    ("Headline 24 كانون الأول 2017 - 14 : 33 Headline lead")."""
    numbers = sum(1 for t in range(first, last + 1) if raw[t][:1].isdigit())
    before = raw[first - 1] if first > 0 and spans[first - 1][0] == spans[first][0] else ""
    after = ""
    if last + 1 < len(raw) and spans[last + 1][0] == spans[last][0] and last + 1 not in boxes:
        after = raw[last + 1]
    return numbers < 2 and not before[:1].isdigit() and not after[:1].isdigit()


def _repeats(
    keys: list[str],
    title: str | None,
    spans: list[tuple[int, int, int]],
    raw: list[str],
    heading: frozenset[int] = frozenset(),
) -> list[tuple[int, int]]:
    """Token ranges in the page's first three lines that repeat the title's words (with
    the marks and numbers that close the title: a quote, a bracket, a year)."""
    if not title:
        return []
    parts = FOLD_ALL.apply(title).split()
    wanted = [k for k in (word_key(p) for p in parts) if k]
    if not wanted:
        return []
    closing = len(parts)
    while closing and not word_key(parts[closing - 1]):
        closing -= 1
    title_parts = title.split()  # folding may join parts (a ligature): then no closers
    closers = title_parts[closing:] if len(title_parts) == len(parts) else []
    first_lines = {spans[0][0], spans[0][0] + 1, spans[0][0] + 2}
    found = []
    t = 0
    n = len(keys)
    while t < n and spans[t][0] in first_lines:
        if keys[t] != wanted[0]:
            t += 1
            continue
        matched, u = 0, t
        while u < n and matched < len(wanted) and spans[u][0] == spans[t][0]:
            if keys[u]:
                if keys[u] != wanted[matched]:
                    break
                matched += 1
            u += 1
        if matched == len(wanted):
            for mark in closers:
                if u < n and spans[u][0] == spans[t][0] and raw[u] == mark:
                    u += 1
                else:
                    break
        whole_line = (t == 0 or spans[t - 1][0] != spans[t][0]) and (
            u == n or spans[u][0] != spans[t][0]
        )
        # A repeat inside a sentence of the lead is article text, not the title again.
        unit = _opens_unit(t, raw, keys, spans) or len(wanted) >= 6 or t in heading
        if matched == len(wanted) and ((len(wanted) >= 3 and unit) or whole_line):
            found.append((t, u))
            t = u
        else:
            t += 1
    return found


def _segments(
    spans: list[tuple[int, int, int]],
    keys: list[str],
    raw: list[str],
    folded_lines: list[str],
    learned_pages: list[int],
    dropped: list[bool],
    glued_tokens: list[bool],
) -> list[_Segment]:
    """Cut the page into segments and give each its kind."""
    stop = _stopwords()
    phrase = _phrase_regex()
    # Token index where a boilerplate phrase starts, from the folded line text.
    phrase_at: dict[int, str] = {}
    phrase_end: set[int] = set()
    time_at: set[int] = set()
    widget_at: set[int] = set()
    for folded, first_token, count in _line_tokens(folded_lines, spans):
        if count:
            # The regular expressions are slow on long lines: each runs only where one of
            # its words (or marks) occurs.
            words = set(keys[first_token : first_token + count])
            offsets = [m.start() for m in _TOKEN.finditer(folded)]
            if not words.isdisjoint(_phrase_anchors()) or "©" in folded:
                for match in phrase.finditer(folded):
                    position = _token_at(offsets, match.start())
                    name = _PHRASE_NAMES[int(match.lastgroup[1:])]
                    phrase_at.setdefault(first_token + position, name)
                    # The phrase's segment ends with the phrase: what follows on the
                    # line is judged on its own (a headline after "اقرأ أيضا", the
                    # article after a menu's "الأكثر قراءة").
                    if name in _MENU_PHRASES:  # a notice is its whole sentence
                        end = first_token + _token_at(offsets, max(match.end() - 1, match.start()))
                        phrase_end.add(end)
            for pattern, anchored, marked in (
                # "نشر قبل 3 شهور": both words, since each alone is common
                (
                    _RELATIVE_TIME,
                    not words.isdisjoint(_TIME_ANCHORS)
                    or words >= _PUBLISHED
                    or "قبل - " in folded,
                    time_at,
                ),
                (
                    _WIDGET,
                    not words.isdisjoint(_WIDGET_ANCHORS) or "%" in folded or " x " in folded,
                    widget_at,
                ),
            ):
                if anchored:
                    for match in pattern.finditer(folded):
                        a = _token_at(offsets, match.start())
                        b = _token_at(offsets, max(match.end() - 1, match.start()))
                        marked.update(range(first_token + a, first_token + b + 1))
            if ". ." in folded or "..." in folded or "…" in folded:
                for match in _TEASER_END.finditer(folded):
                    position = _token_at(offsets, match.start(1))
                    phrase_at.setdefault(first_token + position, "teaser")
            # A date box opens the line or follows removed text.
            for i, start in enumerate(offsets):
                a = first_token + i
                if i == 0 or dropped[a - 1] or raw[a - 1] in _SEPARATORS:
                    date = _DATE.match(folded, start)
                    if date:
                        b = first_token + _token_at(offsets, max(date.end() - 1, 0))
                        time_at.update(range(a, b + 1))
    time_at |= _date_boxes(raw, keys, spans, dropped)

    segments: list[_Segment] = []
    current: list[int] = []

    def close() -> None:
        if current:
            segments.append(_classify(current, spans, keys, raw, learned_pages, stop, phrase_at))
            current.clear()

    def kind_of(t: int) -> str:
        if dropped[t]:
            return "dropped"
        if t in time_at:
            return "time"
        if t in widget_at:
            return "widget"
        return "learned" if learned_pages[t] else "text"

    for t in range(len(spans)):
        if dropped[t]:
            close()
            continue
        if current and (
            spans[t][0] != spans[current[-1]][0]
            or t in phrase_at
            or kind_of(t) != kind_of(current[-1])
        ):
            close()
        current.append(t)
        if (
            (raw[t] in _SEPARATORS and not _month_pair(t, raw, spans))
            or (
                _SENTENCE_END.search(raw[t])
                and not raw[t][0].isdigit()
                and not _closing_quote_follows(t, current, raw, spans)
            )
            or (t in phrase_end and current[0] in phrase_at)
            # a long quotation opening the segment closes it: a pull quote glued to a
            # paragraph (a short quoted subheading stays with its paragraph)
            or (raw[t] in _QUOTES and len(current) > 9 and raw[current[0]] in _QUOTES)
        ):
            close()
    close()
    for segment in segments:
        if segment.start in time_at:
            segment.kind = "time"
        elif segment.start in widget_at:
            segment.kind = "widget"
        tokens = range(segment.start, segment.end)
        glued = sum(1 for t in tokens if glued_tokens[t])
        if glued and glued * 12 >= max(segment.words, 1):
            segment.kind = "glued"
    _mark_repeats(segments, keys)
    return segments


REPEAT_GRAM = 3  # pull quotes are compared by word 3-grams
REPEAT_CONTAINED = 0.7  # share of a segment's 3-grams found elsewhere in the page


def _closing_quote_follows(
    t: int, current: list[int], raw: list[str], spans: list[tuple[int, int, int]]
) -> bool:
    """The segment opened with a quotation mark and its closing mark follows token
    ``t`` on the same line: the sentence ends after the mark."""
    return (
        raw[current[0]] in _QUOTES
        and t + 1 < len(raw)
        and raw[t + 1] in _QUOTES
        and spans[t + 1][0] == spans[t][0]
    )


def _mark_repeats(segments: list[_Segment], keys: list[str]) -> None:
    """A prose segment whose words occur once more in the page, earlier or inside a
    longer segment, is a pull quote or a second (or third) copy of the article. Text
    repeated four times or more is the page's own refrain or template and stays.

    Pull quotes are often edited (a word changed, two sentences joined), so a segment
    whose word 3-grams mostly (``REPEAT_CONTAINED``) occur in the rest of the page is a
    repeat too. Shorter segments are judged first (the quote is the excerpt), and a
    segment found a repeat no longer counts as the rest of the page for the others, so
    one copy always stays.
    """
    texts = [" ".join(k for k in keys[s.start : s.end] if k) for s in segments]
    counts = Counter(t for t, s in zip(texts, segments, strict=True) if s.kind == "prose")
    joined = " ".join(t for t in texts if t)
    spans: set[tuple[int, int]] = set()
    position = 0
    owns = []
    for text in texts:
        owns.append(position)
        if text:
            spans.add((position, position + len(text)))
            position += len(text) + 1
    seen: set[str] = set()
    for number, segment in enumerate(segments):
        text = texts[number]
        if segment.kind != "prose" or segment.words < 8 or counts[text] > 3:
            continue
        if text in seen:  # the second copy of a segment
            segment.kind = "repeat"
            continue
        seen.add(text)
        if counts[text] > 1:
            continue
        own = owns[number]
        found, tries = joined.find(text), 0
        while found >= 0 and tries < 3:
            inside = (found, found + len(text)) not in spans
            if found != own and _word_aligned(joined, found, len(text)) and (found < own or inside):
                segment.kind = "repeat"
                break
            found, tries = joined.find(text, found + 1), tries + 1
    _mark_edited_repeats(segments, texts)


def _grams(text: str) -> list[tuple[str, ...]]:
    words = text.split()
    return [tuple(words[i : i + REPEAT_GRAM]) for i in range(len(words) - REPEAT_GRAM + 1)]


def _mark_edited_repeats(segments: list[_Segment], texts: list[str]) -> None:
    """Mark prose segments whose 3-grams mostly occur elsewhere in the page: first
    whole lines (a pull quote is a line of its own, its original sits in a paragraph),
    then single segments."""
    grams = [_grams(text) for text in texts]
    pool: Counter[tuple[str, ...]] = Counter()
    lines: dict[int, list[int]] = {}
    for number, segment in enumerate(segments):
        if segment.kind in ("prose", "prose-learned", "short"):
            pool.update(set(grams[number]))
            lines.setdefault(segment.line, []).append(number)

    def contained(numbers: list[int]) -> bool:
        own = {gram for n in numbers for gram in grams[n]}
        words = sum(segments[n].words for n in numbers)
        if words < 8 or not own:
            return False
        return sum(1 for gram in own if pool[gram] > 1) >= REPEAT_CONTAINED * len(own)

    def mark(numbers: list[int]) -> None:
        for n in numbers:
            if segments[n].kind == "prose":
                segments[n].kind = "repeat"
                pool.subtract(set(grams[n]))

    # Equal copies: the earlier one goes (a pull quote tends to precede its original).
    by_size = sorted(lines.values(), key=lambda n: (sum(segments[i].words for i in n), n[0]))
    for numbers in by_size:
        if any(segments[n].kind == "prose" for n in numbers) and contained(numbers):
            mark(numbers)
    order = sorted(
        (n for n, s in enumerate(segments) if s.kind == "prose" and s.words >= 8),
        key=lambda n: (segments[n].words, n),
    )
    for number in order:
        if contained([number]):
            mark([number])


def _word_aligned(joined: str, start: int, length: int) -> bool:
    end = start + length
    return (start == 0 or joined[start - 1] == " ") and (end == len(joined) or joined[end] == " ")


def _token_at(offsets: list[int], char: int) -> int:
    """The index of the token that contains character ``char`` (offsets sorted)."""
    lo, hi = 0, len(offsets) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if offsets[mid] <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _classify(
    tokens: list[int],
    spans: list[tuple[int, int, int]],
    keys: list[str],
    raw: list[str],
    learned_pages: list[int],
    stop: frozenset[str],
    phrase_at: dict[int, str],
) -> _Segment:
    words = [keys[t] for t in tokens if keys[t]]
    segment = _Segment(spans[tokens[0]][0], tokens[0], tokens[-1] + 1, "short", len(words))
    segment.sentence = bool(_SENTENCE_END.search(raw[tokens[-1]])) and len(tokens) > 1
    if tokens[0] in phrase_at:
        segment.kind = "phrase:" + phrase_at[tokens[0]]
    elif any(learned_pages[t] for t in tokens):
        segment.pages = max(learned_pages[t] for t in tokens)
        segment.kind = "learned" if not _is_prose(words, stop, raw[tokens[-1]]) else "prose-learned"
    elif len(words) == 0 or all(not keys[t] or False for t in tokens):
        segment.kind = "separator"
    elif _is_prose(words, stop, raw[tokens[-1]]):
        segment.kind = "prose"
    return segment


def _is_prose(words: list[str], stop: frozenset[str], last: str) -> bool:
    """A sentence of running text: enough words and enough function words."""
    if len(words) < MIN_PROSE_WORDS:
        return False
    share = sum(1 for w in words if _is_stopword(w, stop)) / len(words)
    return share >= MIN_STOPWORD_SHARE


def is_prose_text(text: str) -> bool:
    """Whether ``text`` reads as a sentence of running text (see :func:`_is_prose`)."""
    words = [k for k in (word_key(p) for p in FOLD_ALL.apply(text).split()) if k]
    return _is_prose(words, _stopwords(), "")


def _weight(segment: _Segment) -> float:
    if segment.kind == "prose":
        # Recurring prose counts against the block: kept inside the article, trimmed at
        # its edges (the outlet's blurb under the headline, its closing formula).
        return segment.words * (1 - 2 * segment.recurring)
    if segment.kind == "prose-learned":
        return -0.5 * segment.words  # kept inside the article, trimmed at its edges
    if segment.kind.startswith("phrase:"):
        return -(segment.words + PHRASE_PENALTY)
    if segment.kind == "repeat":  # a pull quote sits inside the article: removed, no barrier
        return -1
    if segment.kind in ("learned", "time", "widget", "glued"):
        return -max(segment.words, 1)
    if segment.kind == "separator":
        return -0.5
    if segment.sentence:  # a short sentence ("وتابع : لن نستسلم .") is text, not a menu
        return 0.5 * segment.words
    return -0.5 * segment.words


def _article_block(segments: list[_Segment]) -> tuple[int, int] | None:
    """The run of segments with the largest total weight (Kadane); None if no prose."""
    best, best_range = 0.0, None
    running, start = 0.0, 0
    for i, segment in enumerate(segments):
        weight = _weight(segment)
        if running <= 0:
            running, start = weight, i
        else:
            running += weight
        if running > best:
            best, best_range = running, (start, i)
    return best_range


def _join(
    spans: list[tuple[int, int, int]], raw: list[str], start: int, end: int, lines: list[str]
) -> str:
    """The original text from token ``start`` to token ``end - 1`` (one line)."""
    line = spans[start][0]
    return lines[line][spans[start][1] : spans[end - 1][2]]


def _cut(
    page: InlinePage,
    spans: list[tuple[int, int, int]],
    raw: list[str],
    dropped: list[bool],
    reasons: dict[int, str],
) -> None:
    """Remove the dropped tokens from the page lines, one audit entry per removed run."""
    by_line: dict[int, list[int]] = {}
    for t, (line, _, _) in enumerate(spans):
        by_line.setdefault(line, []).append(t)
    for line, tokens in by_line.items():
        if not any(dropped[t] for t in tokens):
            continue
        text = page.lines[line]
        kept: list[str] = []
        # Runs of consecutive tokens that are all kept, or all dropped for one reason.
        runs: list[list[int]] = []
        for t in tokens:
            label = reasons[t] if dropped[t] else None
            if runs and (reasons[runs[-1][0]] if dropped[runs[-1][0]] else None) == label:
                runs[-1].append(t)
            else:
                runs.append([t])
        for run in runs:
            piece = text[spans[run[0]][1] : spans[run[-1]][2]]
            if not dropped[run[0]]:
                kept.append(piece)
            elif reasons[run[0]] != "title":  # the title moves, it is not removed
                page.removed.append(Removed(line + 1, piece, reasons[run[0]]))
        page.lines[line] = " ".join(kept)
