"""Speakers: who speaks in a quote or a reported-speech sentence, in one of four categories.

* ``actor``: a configured actor heads the speaker's phrase (``أردوغان`` through its
  member, ``الجيش الأمريكي``), or an office of the state carries the actor's name or
  adjective of origin (``المتحدث باسم الخارجية التركية`` → turkey, ``وزير الخارجية
  الإيراني`` → iran). A named body stays ``named`` (``صحيفة واشنطن بوست``, ``معهد
  البترول الأمريكي``), and so does a name the actor follows as the verb's object
  (``وطالب عباس الولايات المتحدة`` → ``عباس``).
* ``named``: a person or body that no alias matches (``وزير الخارجية السعودي عادل
  الجبير``, ``وزارة الداخلية``), a news agency (``وكالة الأناضول``, ``رويترز``), an
  office in construct with a definite noun (``مسؤول الرقابة``).
* ``anonymous``: a source the reader cannot identify, headed by a configured word
  (``مصدر مطلع``, ``مصادر``, ``مسؤول رفض الكشف عن اسمه``, ``شهود عيان``, ``a source``),
  or an indefinite role with an adjective of origin (``قاضية أمريكية``, ``طبيب سوري``),
  two of a role (``مندوبان``), a relative of someone unnamed (``الوالد``, ``ابن المريضة``).
* ``unresolved``: no speaker the evidence below supports; also a word pointing back
  to someone named before (``وأكد الأول``, ``وقال الأخير``), which is not a name.

Where the speaker's phrase is looked for (the ``speaker_from`` column), and the
evidence each place needs (without it the quote stays unresolved, since a wrong
speaker is worse for a researcher than none):

* ``after the verb``: Arabic news puts the subject after the verb (``وقال وزير
  الخارجية …، إن``); the phrase runs to a comma, colon, quotation mark, complementizer
  (أن، إن), preposition (في، خلال، مما), relative pronoun, interrogative, a word with
  tanween fatha (an accusative), an addressee from the press (``لـ«عكاظ»``,
  ``لوكالة``, ``لإردوغان``) or a new conjunct (``ونظيره``), twelve words at most; an
  office goes on through في into its body (``المنسق الإعلامي في اللجنة المحلية …``), through
  لدى to a body that is not an actor (``سفير المملكة لدى الأمم المتحدة``; not ``لدى
  وصوله``), over a name or title set off by commas when the speech follows it (``وقال
  وزير الخارجية الروسي، سيرغي لافروف، إن``) and a title through a slash (``السيد/
  يوسف``); a time before it is skipped (``قالت أمس الأربعاء وزارة الداخلية``). The speech must
  follow (أن، إن، a colon or quotation, ``قوله``, ``أشار إلى``، ``أعلن عن``, also after
  the subject's quoted name or a phrase of circumstance set off by commas: ``وأكد
  المدير فلان، في كلمة له، على``), or the verb is one of assertion opening the
  sentence (أكد، شدد، أوضح، أعلن) whose subject is an office, body, actor or a family
  name (``وأكد الحمزي في بداية الاجتماع التزام``, ``وأعلنت القوات المسلحة نجاح``):
  ``أضاف اللاعب الهدف الثاني`` reports no speech. A masculine verb before a
  feminine noun (``وشكر سفارة المملكة``) is not that noun's verb. ``ونقل X عن Y`` is
  Y's speech.
* ``before the verb``: English (``the ministry said``), ``كان X قد قال``, a present-tense
  verb after its subject (``فإيران تقول``), a subject after أما or a complementizer
  (``أما السيد حسن … فيقول``، ``يذكر أن المديرية أعلنت``), and a short noun phrase
  opening an Arabic sentence (``مدير المنتخب ابراهيم العيد يؤكد``).
* ``after the cue``: ``بحسب``، ``وفقا لـ``، ``نقلا عن``، ``according to`` and the
  issuer of a statement (``في بيان للوزارة``، ``بيان صادر عن``); the source must be an
  office, body, actor, agency or anonymous source, or a lone name set off by
  punctuation (``بحسب غليزر،``): ``حسب تصنيف المنتخبات`` names nobody.
* ``subject of the sentence``: a participle (``مؤكدا``، ``مشيرا``), a statement noun
  (``في بيان``), a verb quoted inside someone's words, or a second verb (``ودافع أوباما
  عن الاتفاق وقال``) speaks with the subject of the sentence's opening verb, when an
  office, body, actor or anonymous source heads it and a preposition follows it
  (``وأعرب الوزير عن قلقه، مؤكدا``); ``وقدم التهنئة للفارس، مؤكدا`` has no subject.
* ``carried over``: a pronoun speaker (``وأضاف أن``، ``وقال:``، ``وأكد سموه``،
  ``لكنه قال``، ``he added``) opening its sentence, or a quoted paragraph, is the
  speaker of the previous sentence (``carry_sentences``, 1 by default) of the same
  text, when the two verbs
  agree in gender and number (``وأشارت المصادر`` … ``وأشار`` is someone else); a
  document as the subject (``وأشار البيان``، ``وتابعت الدراسة``) is the previous
  speaker's, who issued it.

Example:
    >>> from mediaframe.text import words
    >>> resolver = SpeakerResolver(["مصدر", "source"], ActorMatcher([]))
    >>> sentence = "وقال مصدر مطلع إن المحادثات متعثرة"
    >>> resolver.resolve(sentence, words(sentence), 0, "قال", spans=[], previous=None)
    Speaker(category='anonymous', actor=None, text='مصدر مطلع', found='after the verb')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from mediaframe.actors.matching import ActorMatcher
from mediaframe.normalize import normalize_arabic
from mediaframe.text import Word

SPEAKER_CATEGORIES = ("actor", "named", "anonymous", "unresolved")
_PHRASE_WORDS = 12  # a speaker's phrase: title, name, affiliation
_BEFORE_WORDS = 6  # a noun phrase opening a sentence before its verb


def _norm(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normalize_arabic(w).lower() for w in words)


def _listed(*lines: str) -> frozenset[str]:
    """The space-separated words of ``lines``, normalised."""
    return _norm(word for line in lines for word in line.split())


# Words after which no subject follows the verb: the verb's speaker is a pronoun.
_COMPLEMENTIZERS = _listed(
    "أن إن أنه إنه أنها إنها أنهم إنهم أننا إننا بأن بأنه بأنها بأنهم لأن فإن",
    "that",
)
_PREPOSITIONS = _listed(
    "في خلال لدى عن من مع على مما عما بما إلى أمام عقب بعد قبل أثناء حول عبر ضمن بين منذ حتى عند "
    "حيال تجاه نحو إثر لـ ل ب فيه فيها فيهما عنه عنها عنهما عنهم له لها لهما لهم منه منها منهم "
    "إليه إليها إليهما إليهم عليه عليها عليهما عليهم به بها بهما بهم لنا لي لكم لكما لهن "
    "علينا عليكم إلينا معه معها معهم معنا بنا",
    "in at on to for from with during after before about of by",
)
_ADVERBS = _listed(
    "أمس اليوم يوم كل آخر أول أيضا الليلة صباح مساء السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة "
    "إذ سابقا مؤخرا الآن كذلك بدوره بدورها قائلا قائلة قائلين مستدركا لاحقا مجددا رسميا كما ولكن "
    "لكن إذا ما لا لم لن قد هذا هذه ذلك تلك هناك هنا بذلك لذلك قوله قولها قولهم بعدها بعده "
    "بشكل بصورة بالقول بقوله بدوره بدورها لكي كي لقد حيث الأسبوع الشهر الماضي المقبل ماذا لماذا كيف متى أين هل",
    "also then later earlier on yesterday today",
)
# Personal and honorific pronouns: the speaker is someone named before.
_PRONOUNS = _listed(
    "هو هي هم هما سموه معاليه فضيلته سعادته سماحته دولته جلالته",
    "he she they it we i",
)
# What a reporting verb takes as its object when it has no subject of its own
# (أكد أهمية …، أكد ضرورة …، أوضح ذلك).
_OBJECTS = _listed(
    "أهمية ضرورة حرص عزم استعداد رفض دعم التزام عدم وجود استمرار تمسك أحقية جاهزية "
    "صحة وفاة مقتل تراجع ارتفاع انخفاض الكثير كثيرا أمورا الأهمية النقاب اللثام الستار طلب فضل "
    "انتباه الانتباه النظر الأنظار الستار النقاب اللثام",
    # what a verb of assertion announces (أعلنت الوزارة إغلاق …، أكد المتحدث إحباط …)
    "إحباط سقوط حالة إعادة إغلاق استقرار اهتمام اهتمامه اهتمامها مباشرة اعتزاز اقتحام "
    "اعتقال القبض التوقيع توقيع بدء انطلاق إطلاق تسجيل وصول استئناف تمديد تأجيل إلغاء "
    "حدوث وقوع",
)
_RELATIVES = _listed("الذي التي الذين اللذان اللتان اللواتي who which")
# كان X قد قال / كان X يقول: the subject stands between كان and the verb.
_KANA = _listed("كان كانت كانوا وكان وكانت")
_QAD = _listed("قد وقد")
# A statement's issuer: بيان صادر عن X, بيان أصدره X, بيان لـ X.
_ISSUED = _listed("صادر صادرة صدر أصدره أصدرته أصدرها أصدرتها")
_ISSUED_DEFINITE = _listed("الصادر الصادرة")
_NAQALA = _listed("نقل نقلت ونقل ونقلت ينقل تنقل ناقلا ناقلة")
_AN = _listed("عن")
# Verbs of بحسب ما …: the source is their subject (بحسب ما أفادت الوكالة) or, after
# جاء / ورد, what follows في.
_SAID = _listed(
    "قال قالت ذكر ذكرت أفاد أفادت أعلن أعلنت أكد أكدت أوضح أوضحت نشرت نقلت أورد أوردت "
    "كشف كشفت أشار أشارت صرح صرحت جاء ورد"
)
_CAME = _listed("جاء ورد")
_ACCUSATIVES = _listed(
    "شيئا كثيرا قليلا جدا دائما أحيانا أخيرا أولا ثانيا ثالثا وأخيرا أيضا وفقا ممثلة ممثلا"
)
# Heads of a source after بحسب / according to, besides bodies and anonymous sources.
_SOURCE_NOUNS = _listed(
    "بيان تقرير تقارير دراسة إحصاءات احصائيات بيانات وزير وزارة رئيس مدير المتحدث متحدث "
    "الناطق ناطق مسؤول خبير محلل شهود سفير قائد مصدر مصادر أرقام معلومات"
)
# Heads of a phrase that names an identifiable speaker: offices, titles and bodies.
# Paths with weaker evidence (the subject of a participle's sentence, the source
# after بحسب) resolve only a phrase headed by one of them, an actor, an agency or an
# anonymous source.
_TITLES = _listed(
    "وزير وزيرة رئيس رئيسة مدير مديرة متحدث متحدثة ناطق ناطقة سفير سفيرة قائد أمين عضو "
    "أمير ملك شيخ دكتور د مهندس لواء عقيد عميد فريق مقدم رائد نقيب مدرب لاعب نائب محافظ "
    "وكيل مساعد مستشار مفتي إمام شاعر فنان فنانة كاتب كاتبة محامي باحث خبير محلل أستاذ "
    "سيد سيدة كابتن مشرف منسق مندوب ممثل مراسل سيناتور جنرال قنصل مبعوث المتحدث الناطق "
    "حارس مهاجم رئيسه الأمير الملك الشيخ الدكتور المهندس",
)
_ORGANISATIONS = _listed(
    "وزارة هيئة مجلس لجنة محكمة نيابة ديوان مكتب مديرية إدارة أمانة بلدية مرصد أمم هلال "
    "صليب تحالف ائتلاف شرطة دفاع أمن جيش حكومة رئاسة برلمان كونغرس كونجرس قوات سفارة "
    "قنصلية خارجية داخلية بعثة سلطات سلطة اتحاد منظمة جمعية حزب حركة جماعة تنظيم شركة "
    "مؤسسة جامعة معهد مركز وكالة صحيفة جريدة مجلة موقع قناة تلفزيون إذاعة نادي منتخب "
    "فريق بنك مصرف صندوق رابطة مستشفى كلية مجموعة",
)
# Bodies that stay a named speaker even with an adjective of origin or an actor's
# name inside their phrase (صحيفة واشنطن بوست، معهد البترول الأمريكي).
_NAMED_BODIES = _listed(
    "صحيفة جريدة صحف مجلة وكالة موقع قناة تلفزيون إذاعة معهد مركز شركة جامعة كلية مدرسة "
    "مستشفى بنك مصرف مؤسسة منظمة جمعية اتحاد رابطة نادي منتخب فريق دار مجموعة بورصة "
    "سوق خبير باحث محلل أستاذ كاتب كاتبة مراسل لاعب مدرب فنان شاعر",
)
# Heads whose adjective of origin makes the speaker the state (وزير الخارجية
# الأمريكي، المتحدث باسم الخارجية التركية، الجيش الروسي).
_STATE_AGENTS = _listed(
    "وزير وزيرة وزارة وزراء خارجية داخلية دفاع متحدث متحدثة ناطق ناطقة جيش قوات قوة "
    "حكومة رئيس رئيسة رئاسة سفير سفيرة سفارة قنصل قنصلية مبعوث وفد إدارة سلطات سلطة "
    "مستشار قائد قيادة برلمان كونغرس كونجرس سيناتور نائب مساعد وكيل مخابرات استخبارات "
    "شرطة أمن بحرية أركان نظام جنرال مسؤول دبلوماسي خزانة هيئة جانب طرف",
    "minister ministry spokesman spokeswoman army military forces government president "
    "ambassador embassy envoy administration officials official intelligence navy",
)
# Documents as speakers (وأشار البيان، وتابعت الدراسة، وتقول كلمات القصيدة): the
# speaker is whoever issued them, the previous sentence's speaker, or unresolved.
_DOCUMENTS = _listed(
    "بيان البيان تقرير التقرير دراسة الدراسة رسالة الرسالة كلمات إعلان الإعلان مذكرة "
    "المذكرة وثيقة الوثيقة نص النص خطاب الخطاب قرار القرار تغريدة التغريدة منشور "
    "المنشور الدراسات التقارير البحث الأبحاث الإحصاءات الإحصائيات البيانات القصيدة "
    "التوقعات إحصائية إحصاءات إحصائيات الأرقام المؤشرات",
)
# Surveys and polls (وأشار المسح، وكشف استطلاع للرأي): whoever ran them is seldom the
# previous sentence's speaker, so without their issuer they stay unresolved.
_SURVEYS = _listed("المسح مسح الاستطلاع استطلاع الاستبيان استبيان")
# Sentence openers before a pronoun speaker's verb (كما أكد، ثم أضاف، وبدوره قال).
_OPENERS = _listed(
    "كما ثم بدوره بدورها كذلك أيضا فيما بينما من جهته جهتها جانبه جانبها ناحيته ناحيتها"
)
# Verbs of announcement whose content may follow عن (أعلن عن، كشف عن).
_ANNOUNCE = _listed("أعلن أعلنت كشف كشفت أفصح أفصحت أعلنوا كشفوا يعلن تعلن")
_SPEECH_NOUNS = _listed("قوله قولها قولهم قولهما")
# Verbs whose reported content may follow إلى or على (أشار إلى مقتل، أكد على أهمية).
_POINTING = _listed(
    "أشار أشارت أشاروا يشير تشير مشيرا مشيرة لفت لفتت لافتا نوه نوهت منوها أكد أكدت أكدوا "
    "يؤكد تؤكد مؤكدا مؤكدة شدد شددت مشددا"
)
_TOWARDS = _listed("إلى على")
# A complementizer after these words starts no reported speech (بعد أن، قبل أن).
_SUBORDINATORS = _listed("بعد قبل منذ دون إلا من حتى بدل يجب يمكن لابد عقب")
_CAUSAL = _listed("لأن")
_ANOTHER = _listed("آخر أخرى آخرون آخرين أخريات")
# Particles before a subjunctive verb (أن يوضح، لكي يقول): the verb's subject came before.
_SUBJUNCTIVE = _listed("أن لكي كي لن ل حتى")
# Offices that head an anonymous source when indefinite (مسؤول أمريكي) and a named
# office in construct with a definite noun (مسؤول الرقابة، المسؤول الإعلامي).
_OFFICES = _listed("مسؤول مسؤولة موظف")
# Verbs whose complement takes a preposition (أعرب عن، حذر من، دعا إلى، رحب ب): the
# words between them and the preposition are their subject, never their object.
_PREPOSITIONAL_VERBS = _listed(
    "أعرب أعربت عبر عبرت حذر حذرت دعا دعت طالب طالبت ندد نددت رحب رحبت أشاد أشادت دافع "
    "دافعت تحدث تحدثت علق علقت نوه نوهت اعترف اعترفت هدد هددت رد ردت أثنى أثنت تطرق "
    "تطرقت حث حثت ناشد ناشدت توعد توعدت شكك شككت احتج احتجت تعهد تعهدت"
)
# Particles carrying the subject's pronoun before its verb (لكنه قال، إلا أنها أضافت).
_PRONOUN_PARTICLES = _listed("لكنه لكنها ولكنه ولكنها أنه أنها فإنه فإنها إنه إنها")
# Offices whose title goes on with على / عن (المشرف على برنامج إحالتي).
_SUPERVISING = _listed("المشرف مشرف المشرفة المسؤول مسؤول المسؤولة القائم")
_OF_OFFICE = _listed("على عن")
_IN = _listed("في")
_AT = _listed("لدى")
# Occasions after لدى (لدى وصوله، لدى استقبال الوفد): a time, not the office's body.
_OCCASIONS = _listed(
    "وصول استقبال لقاء زيارة افتتاح رعاية ترؤس تدشين مشاركة حضور مغادرة عودة توقيع "
    "تسلم تسليم اجتماع خروج دخول سؤال"
)
# Verbs of assertion whose object is what was asserted (أكد الوزير حرص المملكة).
_ASSERTING = _listed("أكد أكدت أكدوا شدد شددت أوضح أوضحت أعلن أعلنت أعلنوا")
# Words of time that may stand between a verb and its subject (قالت أمس الأربعاء …).
_TIMES = _listed(
    "أمس اليوم مساء صباح ظهر الليلة السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة "
    "الماضي الجاري"
)
# Words that point back to someone named earlier (وأكد الأول، وقال الأخير، وقال هؤلاء):
# not a name.
_BACK_REFERENCES = _listed(
    "الأول الأولى الثاني الثانية الأخير الأخيرة الأخيرين الأخيران هؤلاء أولئك هذا هذه ذلك تلك"
)
# Roles of one unnamed person (قاضية أمريكية، طبيب سوري): with an adjective of origin
# and no name, an anonymous source.
_ROLES = _listed(
    "قاض قاضي قاضية طبيب طبيبة ضابط جندي موظف موظفة ناشطة مقاتل معارض معارضة "
    "صحفي صحفية صحافي صحافية مراسل مراسلة معلم معلمة مهندس مهندسة "
    "مواطن مواطنة لاجئ لاجئة مسؤولة خبير خبيرة محلل محللة باحث باحثة مستشار دبلوماسية "
    "مصدر شاهد عامل عاملة طالبة أستاذ أستاذة سائق تاجر مزارع"
)
# Relatives, who speak as unnamed private people (وقال الوالد، شقيق الضحية); ابن before
# a definite word is as often a name (ابن القيم، ابن الأثير).
_KIN = _listed(
    "والد والدة ابن ابنة نجل نجلة شقيق شقيقة زوج زوجة أخت عمة خالة جدة"  # أم، أب، عم: too short
)
_NAMED_KIN = _listed("ابن ابنة")
_DUAL_ROLES = _ROLES | _TITLES | _OFFICES  # whose dual is two unnamed people (مندوبان)
# Words that open a topic, not a name, after a comma (، بشأن الهجوم، بخصوص القصف،).
_ABOUT = _listed("بشأن بخصوص حول حيال إزاء تجاه جراء وسط حسب بحسب وفق وفقا تعليقا ردا خلال")
# Adjectives of origin that make an indefinite role one unnamed person (طبيب سوري); a
# name in their place is a person's own (محامي مرسي، مستشار ولايتي).
_ORIGINS = _listed(
    "أمريكي أميركي بريطاني فرنسي ألماني روسي تركي إيراني سوري عراقي مصري لبناني أردني "
    "سعودي يمني ليبي تونسي جزائري مغربي سوداني فلسطيني إسرائيلي كويتي إماراتي قطري "
    "بحريني عماني صيني ياباني هندي باكستاني أفغاني أوروبي غربي عربي أجنبي محلي إيطالي "
    "إسباني كندي أسترالي كردي إفريقي أفريقي آسيوي خليجي دولي عسكري أمني حكومي"
)
_SPEECH_REACH = 15  # words after a verb's subject where the speech starts
_CIRCUMSTANCE_WORDS = 10  # a phrase of circumstance between a verb's subject and على
_ABBREVIATIONS = _listed("د م أ ج dr mr mrs ms gen col prof sen rep st")
# Who a speaker talks to, after the speaker (وقال روحاني لإردوغان، قال المتحدث لوكالة
# الأنباء): the phrase ends at لـ + a body, the press or an actor's mention.
_PRESS = _listed(
    "صحفيين الصحفيين الصحافيين صحافيين مراسل مراسلين المراسلين وسائل التلفزيون الإذاعة "
    "وكالة صحيفة جريدة قناة موقع إذاعة تلفزيون مجلة محطة شبكة برنامج"
)
# A source who asked not to be named (مسؤول رفض الكشف عن اسمه، declined to be named).
_UNNAMED = re.compile(
    r"(?:الكشف عن|ذكر|نشر|الإفصاح عن|الافصاح عن) (?:اسمه|اسمها|هويته|هويتها|أسمائهم|اسمائهم|هوياتهم)"
    r"|not (?:authori[sz]ed|allowed) to|declined to be (?:named|identified)|anonymity"
)
# Nouns of bodies whose name follows in quotation marks (وكالة «رويترز»).
_BODIES = _listed(
    "وكالة صحيفة جريدة موقع قناة شركة مجلة تلفزيون إذاعة حزب جماعة حركة منظمة مركز "
    "مجموعة هيئة جمعية تنظيم مجلس اتحاد نادي مؤسسة برنامج حساب الصحيفة الوكالة الموقع "
    "القناة الشركة المجلة معهد المعهد"
)
# Bodies named again by their noun alone (وأفادت وكالة أنباء الصين … وأوضحت الوكالة):
# the body the previous sentence's speaker named, when its name opens with that noun.
_BODY_AGAIN = _listed(
    "الوكالة الصحيفة الجريدة الموقع القناة الشركة المجلة الوزارة الهيئة المنظمة المؤسسة "
    "الجمعية المركز المعهد الحركة الجماعة الحزب المجلس الاتحاد النادي"
)
_OPENS_QUOTE = re.compile(r"\s*[«“\"]")
_PUNCTUATION = re.compile(r"[^\s\u0640]")  # anything but spaces and tatweel between words
_ARABIC = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True)
class Speaker:
    """Who speaks: category, actor id (actors only), the words naming the speaker as
    written, and where they were found (``after the verb``, ``carried over`` …).

    ``agreement`` is the gender and number of the verb that introduced the speaker
    (``m``, ``f``, ``p``; None without a verb): a pronoun speaker in the next sentence
    takes this speaker only when its own verb agrees (وأشارت المصادر … وأشار: no).
    """

    category: str
    actor: str | None = None
    text: str | None = None
    found: str | None = None
    agreement: str | None = field(default=None, repr=False, compare=False)

    @property
    def resolved(self) -> bool:
        return self.category != "unresolved"


UNRESOLVED = Speaker("unresolved")
_NO_SOURCE = Speaker("unresolved", found="after the cue")
# The verb has no subject of its own and opens the sentence (وأضاف أن، وقال: «…»):
# the previous sentence's speaker speaks, if the verbs agree.
_PRONOUN = Speaker("unresolved", found="pronoun")
# A document speaks (وأشار البيان، وتابعت الدراسة): whoever issued it, the previous
# sentence's speaker.
_DOCUMENT = Speaker("unresolved", found="document")
_MASCULINE_TA = _listed(
    "أسامة حمزة طلحة معاوية عبيدة قتادة عكرمة خليفة الخليفة علامة العلامة سماحة سعادة فضيلة حضرة"
)
# Past verbs that begin with ت (not a feminine present tense).
_PAST_T = _listed("تابع تعهد تحدث توقع تساءل تطرق تناول تمنى توعد")


def _present(token: Word) -> bool:
    """Whether an Arabic verb is in the present tense (يقول، تؤكد; not تابع)."""
    norm = _stripped(token.norm)
    return norm[:1] in {"ي", "ت"} and norm not in _PAST_T and len(norm) >= 4


def agreement(token: Word) -> str | None:
    """The gender and number of an Arabic reporting verb or participle: ``m``, ``f``
    (قالت، تقول، مؤكدة) or ``p`` (قالوا، يقولون، مؤكدين); None for other scripts."""
    if not _ARABIC.search(token.text):
        return None
    norm = _stripped(token.norm)
    if norm.endswith(("وا", "ون", "ين")):
        return "p"
    if norm[:1] == "م" and len(norm) >= 5:  # a participle
        return "f" if norm.endswith("ه") else "m"
    if norm[:1] == "ت" and len(norm) >= 4 and norm not in _PAST_T:
        return "f"  # تقول، تؤكد (present tense)
    if norm[:1] == "ي":
        return "m"
    return "f" if norm.endswith("ت") and len(norm) >= 4 else "m"


def _stripped(norm: str) -> str:
    """A word without its conjunction و/ف, for looking it up in the word lists."""
    if len(norm) > 2 and norm[0] in "وف" and norm[1:] != "الي":  # والي is a governor
        return norm[1:]
    return norm


def _heads(token: Word) -> frozenset[str]:
    """A word's forms for looking up head nouns: as written, without و/ف, and each
    without the article (والوزارة → وزاره; وزير stays وزير)."""
    norm = token.norm.lower()
    forms = {norm, _stripped(norm)}
    return frozenset(forms | {f[2:] for f in forms if f.startswith("ال") and len(f) > 3})


def _head_in(token: Word, words: frozenset[str]) -> bool:
    return not _heads(token).isdisjoint(words)


def _adjective(mention: dict) -> bool:
    """Whether a mention is an adjective of origin (الأمريكي، التركية، Russian): one
    word, the article and a nisba ending, or an English -an/-ish/-ese word."""
    alias = normalize_arabic(mention.get("alias") or "").strip()
    if " " in alias or not alias:
        return False
    if _ARABIC.search(alias):
        return alias.startswith("ال") and alias.endswith("ي")
    return alias.endswith(("an", "ish", "ese"))


def _disagrees(verb: Word, head: Word) -> bool:
    """Whether a masculine verb stands before a feminine head (وشكر سفارة المملكة،
    وكانت آخر مرة أعلن): the head is not its subject. Arabic verbs before their
    subject agree with it in gender; masculine names in ة (أسامة، حمزة) are exempt."""
    return (
        agreement(verb) == "m"
        and head.text.endswith("ة")
        and _stripped(head.norm) not in _MASCULINE_TA
    )


def _is(token: Word, words: frozenset[str]) -> bool:
    norm = token.norm.lower()
    return norm in words or _stripped(norm) in words


def is_preposition(token: Word) -> bool:
    """Whether a word is a preposition (في، على، عن, of): a reporting word after it is
    a verbal noun (على نقل الأسماك), not a report."""
    return _is(token, _PREPOSITIONS)


def _adverbial(token: Word) -> bool:
    """Whether a word has the shape of a circumstantial participle (معلقا، مضيفا) or is
    a common accusative (شيئا، كثيرا): not a subject."""
    norm = token.norm
    if "\u064b" in token.text:  # tanween fatha: an accusative (أخيرًا، مؤكدًا), never a subject
        return True
    return norm in _ACCUSATIVES or (len(norm) >= 5 and norm[0] == "م" and norm.endswith("ا"))


def _unnamed_group(tokens: list[Word], first: int, end: int) -> bool:
    """Whether a phrase is an unnamed group of people: an indefinite plural and an
    indefinite plural adjective of origin or trade (تجار أوروبيون، متحدثون عسكريون،
    خبراء مصريون), with nothing after them."""
    if end - first != 2:
        return False
    noun, adjective = (_stripped(t.norm) for t in tokens[first:end])
    return (
        not noun.startswith("ال")
        and not adjective.startswith(("ال", "ل", "ب"))  # not وانغ للصحافيين: an addressee
        and adjective.endswith(("يون", "يين"))
        and len(adjective) >= 6
    )


def _unnamed_person(tokens: list[Word], first: int, end: int) -> bool:
    """Whether a phrase is an unnamed person or body: two of a role (مندوبان، مسؤولان),
    an indefinite plural of a trade or origin alone (مصرفيون، دبلوماسيون), or an
    indefinite role or body and an indefinite adjective of origin or trade
    (قاضية أمريكية، طبيب سوري، صحف بريطانية، شركة سعودية), with nothing after them."""
    if end - first == 1:
        word = _stripped(tokens[first].norm)
        if word.endswith("ان") and word[:-2] in _DUAL_ROLES:
            return True  # a dual
        # an indefinite plural of a trade or origin alone (مصرفيون، دبلوماسيون)
        return not word.startswith("ال") and word.endswith("يون") and len(word) >= 7
    if end - first != 2:
        return False
    noun, adjective = (_stripped(t.norm) for t in tokens[first:end])
    # not the article, nor a preposition and the article (للصحافيين، بالوزارة); a bare
    # ب or ل is the adjective's own (بريطانية، لبناني)
    if adjective.startswith(("ال", "لل", "بال")) or len(adjective) < 4:
        return False
    origin = adjective.removesuffix("ه") in _ORIGINS  # سوري، أمريكية (folded ة is ه)
    if noun in _ROLES:
        return origin
    # a body's adjective agrees with it (صحيفة أمريكية); صحيفة "نيكي" is a name
    return (
        noun in _NAMED_BODIES and not noun.startswith("ال") and origin and adjective.endswith("يه")
    )


def _family_name(tokens: list[Word], phrase: tuple[int, int]) -> bool:
    """Whether a phrase is one definite family name of the nisba form (الحمزي،
    الربيعي، الغامدي), as news names a person after first giving the full name."""
    if phrase[1] - phrase[0] != 1:
        return False
    norm = _stripped(tokens[phrase[0]].norm)
    return norm.startswith("ال") and norm.endswith("ي") and len(norm) >= 6


def _comma_before(sentence: str, tokens: list[Word], position: int) -> bool:
    """Whether only a comma (and spaces) stands between word ``position - 1`` and
    ``position``."""
    gap = sentence[tokens[position - 1].end : tokens[position].start]
    return re.fullmatch(r"\s*[،,]\s*", gap) is not None


def _governed(token: Word) -> bool:
    """Whether a word carries a preposition and the article (بالوزارة، للشركة): it
    cannot be the subject of a verb."""
    return token.norm.startswith(("بال", "لل", "وبال", "ولل", "فبال", "فلل"))


class SpeakerResolver:
    """Finds the speaker of one quote sentence (see the module docstring).

    Args:
        anonymous_sources: words heading an anonymous source (``مصدر``, ``مصادر``,
            ``مسؤول``, ``شهود``, ``source``, ``official``); matched as a phrase's first
            word, after و/ف and ال.
        agencies: the agency matcher (``framing.agencies``): a phrase naming an agency
            is a ``named`` speaker, and ``لرويترز`` after a speaker is its addressee.
        participle_cues: participle cues (``مؤكدا``, ``مشيرة``): their speaker is the
            subject of the sentence's opening verb.
        statement_cues: statement nouns (``بيان``): their speaker is the issuer
            (``بيان للوزارة``) or else the sentence's subject.

    How far back a pronoun speaker may look is the caller's (``previous``).
    """

    def __init__(
        self,
        anonymous_sources: Sequence[str],
        agencies: ActorMatcher,
        participle_cues: Sequence[str] = (),
        statement_cues: Sequence[str] = (),
    ) -> None:
        self.anonymous = _norm(anonymous_sources)
        self.agencies = agencies
        self.participles = _norm(participle_cues)
        self.statements = _norm(statement_cues)
        self._mentioned: set[int] = set()  # first words of the sentence's actor mentions
        self._after_opener_at = 0  # the first word after the sentence's opener
        self._l_names: set[int] = set()
        self._adjectives: set[int] = set()  # first words of adjective-of-origin mentions

    # -- the phrase in the speaker's place ---------------------------------------------

    def _boundary(self, sentence: str, tokens: list[Word], position: int) -> bool:
        """Whether punctuation stands between word ``position - 1`` and ``position``
        (not counted before a phrase's first word: see :meth:`phrase_after`)."""
        if position == 0:
            return False
        gap = sentence[tokens[position - 1].end : tokens[position].start]
        if gap.strip() == "." and tokens[position - 1].norm.lower() in _ABBREVIATIONS:
            return False  # د. عبدالرحمن, Dr. Smith
        if gap.strip() == "/" and _head_in(tokens[position - 1], _TITLES):
            return False  # السيد/ يوسف مبيضين، الأستاذ/ فلان
        return bool(_PUNCTUATION.search(gap))

    def _ends_phrase(self, token: Word, first: bool, abbreviation: bool = False) -> bool:
        norm = token.norm.lower()
        if len(_stripped(norm)) < 2 and norm not in {"i"} and not abbreviation:
            return True  # a lone clitic (لـ«عكاظ») or letter
        if any(
            _is(token, words) for words in (_COMPLEMENTIZERS, _PREPOSITIONS, _RELATIVES, _ADVERBS)
        ):
            return True
        # a new conjunct: ونظيره، والرئيس (but not وزير, وكالة: و is part of the word)
        # or a clause about the speaker: وهو أب لخمسة
        return not first and norm[:1] == "و" and (norm[1:3] == "ال" or norm[1:] in _PRONOUNS)

    def phrase_after(
        self, sentence: str, tokens: list[Word], start: int, quoted: bool = False
    ) -> tuple[int, int]:
        """The speaker's phrase starting at word ``start``: ``(start, end)``, empty when
        the verb has no subject there (a pronoun speaker: وقال: «…»). ``quoted``: the
        phrase may open with a quotation mark (بحسب «رويترز»)."""
        position = start
        while position < len(tokens) and not (
            self._boundary(sentence, tokens, position) and not (quoted and position == start)
        ):
            token = tokens[position]
            first = position == start
            abbreviation = (
                token.norm.lower() in _ABBREVIATIONS
                and (
                    (
                        position + 1 < len(tokens)
                        and sentence[token.end : tokens[position + 1].start].strip() == "."
                    )
                    or (  # the second letter of أ.د
                        position > start
                        and tokens[position - 1].norm.lower() in _ABBREVIATIONS
                        and sentence[tokens[position - 1].end : token.start].strip() == "."
                    )
                )
            )
            if (
                (
                    self._ends_phrase(token, first, abbreviation)
                    and not self._inside_title(tokens, start, position)
                )
                or (not first and self._recipient(token, position))
                or _is(token, _OBJECTS)  # وأكد الوزير أهمية …
                or (first and (_is(token, _PRONOUNS) or _governed(token) or _adverbial(token)))
            ):
                break
            if position - start >= _PHRASE_WORDS:
                break
            position += 1
        if position - start > 1 and _is(tokens[position - 1], _IN | _AT):
            position -= 1  # a title cut off by the phrase's length before its body
        return start, self._with_quoted_name(sentence, tokens, start, position)

    def _inside_title(self, tokens: list[Word], start: int, position: int) -> bool:
        """Whether word ``position`` of a phrase from ``start`` continues a title: على or
        عن after a supervising office (المشرف على برنامج إحالتي، المسؤول عن), or و joining
        definite nouns inside an institution's name (العلاقات العامة والإعلام، الهيئة
        العامة للسياحة والتراث), not a new conjunct after the phrase's head (والرئيس)."""
        if position - start < 1:
            return False
        token, before = tokens[position], tokens[position - 1]
        if _is(token, _OF_OFFICE):
            return _is(before, _SUPERVISING)
        if _is(token, _IN | _AT) and position + 1 < len(tokens):
            # an office in a body: المنسق الإعلامي في اللجنة المحلية، مدير الشؤون
            # الدولية في شركة النفط (not في بيان، في مؤتمر صحفي); لدى before the body's
            # name (مدير تطوير القطاع لدى بوبا، سفير المملكة لدى الأمم المتحدة), not
            # before an occasion (لدى وصوله، لدى استقبال الوفد)
            # only while the phrase is an office, not after a name (الرئيس الأذربيجاني
            # إلهام علييف في البرلمان التركي: where he spoke)
            if not (
                _stripped(before.norm).startswith(("ال", "لل", "بال"))  # للمقاولين في
                or _head_in(before, _TITLES | _OFFICES | _ORGANISATIONS)
            ):
                return False
            following = tokens[position + 1]
            if _is(token, _AT):  # an actor after لدى is the host (سفير المملكة لدى إيران)
                body = (
                    position + 1 not in self._mentioned
                    and not _head_in(following, _OCCASIONS)
                    and not following.text.endswith(("ه", "ها", "هم", "هما"))
                )
            else:
                body = _head_in(following, _ORGANISATIONS)
            return body and any(_head_in(t, _TITLES | _OFFICES) for t in tokens[start:position])
        norm, previous = token.norm, _stripped(before.norm)
        return (
            position - start >= 2
            and norm.startswith("وال")
            and len(norm) > 4
            and previous.startswith(("ال", "لل"))
        )

    def _source_like(self, token: Word, position: int) -> bool:
        """Whether the word after بحسب / according to can open a source: a body, an
        office, an anonymous source, an agency, an actor or a name (no article, no
        pronoun suffix: بحسب احتياجها is not a source)."""
        norm = _stripped(token.norm.lower())
        bare = norm[2:] if norm.startswith("ال") else norm
        if norm in self.anonymous or bare in self.anonymous or bare in _SOURCE_NOUNS:
            return True
        if norm in _BODIES or position in self._mentioned or self.agencies.find(token.text):
            return True
        if not _ARABIC.search(token.text):
            return token.text[:1].isupper()
        return not norm.startswith("ال") and not token.text.endswith(
            ("ها", "هم", "هما", "ه", "ك", "كم", "نا")  # حسب احتياجها، حسب ميولك
        )

    def _recipient(self, token: Word, position: int) -> bool:
        """Whether a word inside a phrase opens its addressee: لـ + a body's noun or the
        press (لوكالة، لصحفيين), or لـ + an actor's or agency's name (لإردوغان)."""
        norm = token.norm
        if not norm.startswith("ل") or norm.startswith("لل") or len(norm) < 4:
            return False
        rest = norm[1:]
        if rest in _PRESS or (position in self._mentioned and position not in self._l_names):
            return True
        return any(True for _ in self.agencies.find(token.text[1:]))

    def _with_quoted_name(self, sentence: str, tokens: list[Word], start: int, end: int) -> int:
        """The phrase's end, extended over a short quoted name after a body's noun
        (وكالة «رويترز»، صحيفة "واشنطن بوست"), not over a quotation (قال «…»)."""
        if end <= start or end >= len(tokens) or not _is(tokens[end - 1], _BODIES):
            return end
        gap = sentence[tokens[end - 1].end : tokens[end].start]
        if not re.search(r"[«“\"]", gap):
            return end
        closing = re.search(r"[»”\"]", sentence[tokens[end].start :])
        if closing is None:
            return end
        stop = tokens[end].start + closing.start()
        inside = [i for i in range(end, len(tokens)) if tokens[i].end <= stop]
        if not inside or len(inside) > 3:
            return end
        return inside[-1] + 1

    def phrase_before(self, sentence: str, tokens: list[Word], end: int) -> tuple[int, int]:
        """The phrase right before word ``end`` up to punctuation or a function word."""
        position = end
        while position > 0 and end - position < _BEFORE_WORDS:
            if self._boundary(sentence, tokens, position):
                break
            token = tokens[position - 1]
            if self._ends_phrase(token, first=True) or _is(token, _KANA | _QAD):
                break
            position -= 1
        return position, end

    # -- what the phrase names ---------------------------------------------------------

    def classify(
        self,
        sentence: str,
        tokens: list[Word],
        phrase: tuple[int, int],
        spans: list[tuple[int, int, dict]],
        found: str,
    ) -> Speaker | None:
        """The speaker a phrase names, :data:`_DOCUMENT` for a document without its
        issuer (البيان، كلمات القصيدة), or None for an empty phrase or a pronoun."""
        first, end = phrase
        if first >= end:
            return None
        if end - first == 1 and _is(tokens[first], _BACK_REFERENCES):
            return _NO_SOURCE  # وأكد الأول، وقال الأخير: someone named before, not a name
        if _head_in(tokens[first], _SURVEYS) and not self._issuer_after(tokens, first, end):
            return _NO_SOURCE  # وأشار المسح: a survey names no one
        text = sentence[tokens[first].start : tokens[end - 1].end]
        if self._anonymous(sentence, tokens, first, end):
            return Speaker("anonymous", None, text, found)
        if _is(tokens[first], _PRONOUNS):
            return None
        if _head_in(tokens[first], _DOCUMENTS) and not self._issuer_after(tokens, first, end):
            return _DOCUMENT
        inside = sorted(
            (span_first, mention)
            for span_first, last, mention in spans
            if first <= span_first < end
        )
        if inside:
            at, mention = inside[0]
            before = tokens[first:at]
            if (
                before
                and not _adjective(mention)
                and not any(
                    _head_in(word, _TITLES | _ORGANISATIONS | _STATE_AGENTS) for word in before
                )
            ):
                # a name, then an actor that no office joins to it: the verb's object
                # (وطالب عباس الولايات المتحدة): the speaker ends before the actor
                end = at
                text = sentence[tokens[first].start : tokens[end - 1].end]
                inside = []
        if inside:
            at, mention = inside[0]
            before = tokens[first:at]
            # the actor heads the phrase (أردوغان، الجيش الأمريكي), or an office of the
            # state carries its adjective of origin (وزير الخارجية الأمريكي); a named
            # body stays named (صحيفة واشنطن بوست، معهد البترول الأمريكي)
            if at == first or (
                not any(_head_in(word, _NAMED_BODIES) for word in before)
                and (not _adjective(mention) or any(_head_in(w, _STATE_AGENTS) for w in before))
            ):
                return Speaker("actor", mention["actor"], text, found)
            return Speaker("named", None, text, found)
        agency = next(iter(self.agencies.find(text)), None)
        if agency is not None:
            return Speaker("named", None, text, found)
        if not _ARABIC.search(text) and not any(t.text[:1].isupper() for t in tokens[first:end]):
            return None  # English speakers are named with capitals ("the ministry" is not)
        return Speaker("named", None, text, found)

    def _issuer_after(self, tokens: list[Word], first: int, end: int) -> bool:
        """Whether a document's or survey's phrase names who issued it after its head
        (بيان الوزارة، استطلاع لمركز بيو): an office, a body or an actor."""
        return any(
            _head_in(t, _TITLES | _ORGANISATIONS) or first + 1 + i in self._mentioned
            for i, t in enumerate(tokens[first + 1 : end])
        )

    def _anonymous(self, sentence: str, tokens: list[Word], first: int, end: int) -> bool:
        """Whether a phrase is an anonymous source: headed by a configured word (مصدر
        مطلع، المصادر), "another" one (مشاركة أخرى), one of a few joined by و (متطوع
        ومصدر طبي), or a source who asked not to be named; but an office in construct
        with a definite noun is a named office (مسؤول الرقابة، المسؤول الإعلامي لغرفة
        العمليات)."""
        head = tokens[first].norm.lower()
        bare = _stripped(head)
        headed = (
            head in self.anonymous
            or bare in self.anonymous
            or (bare.startswith("ال") and bare[2:] in self.anonymous)
        )
        if headed and _head_in(tokens[first], _OFFICES) and first + 1 < end:
            following = tokens[first + 1]
            if (
                _stripped(following.norm).startswith("ال")
                and first + 1 not in self._mentioned
                and not self._boundary(sentence, tokens, first + 1)
            ):
                headed = False
        conjoined = [
            t.norm[1:] for t in tokens[first + 1 : end] if t.norm[:1] == "و" and len(t.norm) > 3
        ]
        after = sentence[tokens[end - 1].end : tokens[end - 1].end + 60]
        another = first + 1 < end and _is(tokens[first + 1], _ANOTHER)  # مشاركة أخرى
        # a relative of someone unnamed: الوالد، ابن المريضة، شقيق الضحية (not نجل الرئيس)
        kin = _head_in(tokens[first], _KIN) and (
            end - first == 1
            or (
                end - first == 2
                and not _head_in(tokens[first], _NAMED_KIN)  # ابن القيم، ابن خلدون
                and _stripped(tokens[first + 1].norm).startswith("ال")
                and first + 1 not in self._mentioned
                and not _head_in(tokens[first + 1], _TITLES | _STATE_AGENTS)
            )
        )
        return (
            headed
            or another
            or kin
            or _unnamed_group(tokens, first, end)
            or _unnamed_person(tokens, first, end)
            or any(word in self.anonymous for word in conjoined)
            or bool(_UNNAMED.search(after))
        )

    def _strong(self, speaker: Speaker, tokens: list[Word], phrase: tuple[int, int]) -> bool:
        """Whether a phrase names its speaker beyond doubt, for the weaker paths: an
        actor, an anonymous source, an agency, an office, title or body at its head
        (وزير، المتحدث، الدكتور، وزارة، الشركة), a capitalised English name."""
        if speaker.category in {"actor", "anonymous"}:
            return True
        if speaker.text and next(iter(self.agencies.find(speaker.text)), None) is not None:
            return True
        head = tokens[phrase[0]]
        if _head_in(head, _TITLES | _ORGANISATIONS | _STATE_AGENTS):
            return True
        return not _ARABIC.search(head.text) and head.text[:1].isupper()

    def _speech_follows(self, sentence: str, tokens: list[Word], end: int, cue_at: int) -> bool:
        """Whether what a verb reports follows its subject (ending before word ``end``):
        a complementizer (أن، إن، بأن), a colon or quotation mark, قوله, عن after
        أعلن / كشف, إلى / على after أشار / أكد; or it came before (على ما أفاد، «…» قال). Without it the verb reports no speech (أضاف اللاعب الهدف الثاني)."""
        if cue_at > 0 and tokens[cue_at - 1].norm == "ما":
            return True  # على ما أفاد X، وفق ما ذكرت: the speech came before
        if re.search(r"[»”\"]\W*$", sentence[: tokens[cue_at].start]):
            return True  # «…» قال أحد الحضور
        start = tokens[end - 1].end if end > 0 else 0
        if ":" in sentence[start:] or any(
            len(words_between.split()) >= 3
            for words_between in re.findall(r"[«“\"]([^»”\"]+)[»”\"]?", sentence[start:])
        ):
            return True  # a colon, or a quotation («الشؤون البلدية» is a name)
        for at in self._complement_places(sentence, tokens, end):
            if (tokens[at].norm == "عن" and _is(tokens[cue_at], _ANNOUNCE)) or (
                _is(tokens[at], _TOWARDS) and _is(tokens[cue_at], _POINTING)
            ):
                return True  # أعلن عن، أشار المصدر إلى، أكد على
        for position in range(end, min(len(tokens), end + _SPEECH_REACH)):
            token = tokens[position]
            if _adverbial(token) and position > end:
                return False  # مضيفا أن …: the participle's speech, not the verb's
            if _is(token, _SPEECH_NOUNS):
                return True
            if (
                _is(token, _COMPLEMENTIZERS)
                and not _is(token, _CAUSAL)
                and not (token.norm[:1] == "و" and position > end)  # وأنهم: a second clause
                and not (position and _is(tokens[position - 1], _SUBORDINATORS))
            ):
                return True
        return False

    def _complement_places(self, sentence: str, tokens: list[Word], end: int) -> list[int]:
        """Where a verb's complement (عن، إلى، على) may open after its subject ending
        before word ``end``: right there, after the subject's short quoted name
        (وأعلنت الشركة السعودية للصناعات الأساسية «سابك» عن), or after one phrase of
        circumstance set off by commas (وأكد المدير فلان، في كلمة له في مستهل البرنامج،
        على)."""
        if end == 0 or end >= len(tokens):
            return []
        places = [end]
        name = re.match(r"\s*[«“\"(]([^»”\")]{1,40})[»”\")]", sentence[tokens[end - 1].end :])
        if name is not None and len(name.group(1).split()) <= 3:
            stop = tokens[end - 1].end + name.end()
            after = next((i for i in range(end, len(tokens)) if tokens[i].start >= stop), None)
            if after is not None and not _PUNCTUATION.search(sentence[stop : tokens[after].start]):
                places.append(after)
        if _comma_before(sentence, tokens, end) and _is(tokens[end], _PREPOSITIONS - _TOWARDS):
            last = min(len(tokens), end + _CIRCUMSTANCE_WORDS)
            inset = next(
                (i for i in range(end + 1, last) if self._boundary(sentence, tokens, i)), None
            )
            if inset is not None and _comma_before(sentence, tokens, inset):
                places.append(inset)
        return places

    def _opens(self, tokens: list[Word], cue_at: int) -> bool:
        """Whether a verb opens its sentence: only openers and adverbs before it (كما،
        ثم، من جهته، بدوره، أخيرًا، a short phrase set off by a comma)."""
        if all(_is(t, _OPENERS | _ADVERBS) or _adverbial(t) for t in tokens[:cue_at]):
            return True
        return cue_at > 0 and self._after_opener_at == cue_at

    # -- one sentence ------------------------------------------------------------------

    def resolve(
        self,
        sentence: str,
        tokens: list[Word],
        cue_at: int | None,
        cue: str | None,
        spans: list[tuple[int, int, dict]],
        previous: Speaker | None,
        attribution: bool = False,
    ) -> Speaker:
        """The speaker of the quote governed by the cue at word ``cue_at`` (None: a
        quotation without a cue); ``previous`` is the previous sentence's speaker, for
        pronoun speakers, or None; ``attribution``: the cue is an attribution phrase
        (بحسب، according to), not a verb."""
        self._mentioned = {first for first, _, _ in spans}
        self._l_names = {  # mentions whose own name begins with ل (لويد أوستن)
            first
            for first, _, mention in spans
            if normalize_arabic(mention.get("alias") or "").startswith("ل")
        }
        self._adjectives = {first for first, _, mention in spans if _adjective(mention)}
        self._after_opener_at = self._after_opener(sentence, tokens)
        found = self._speaker_in_sentence(sentence, tokens, cue_at, cue, spans, attribution)
        cue_norm = normalize_arabic(cue or "").lower()
        verb = cue_at is not None and not attribution and cue_norm not in self.statements
        agrees = agreement(tokens[cue_at]) if verb and cue_at is not None else None
        carried = previous is not None and previous.resolved
        if found is _PRONOUN:
            # a pronoun speaker: the previous sentence's speaker, if the verbs agree
            # (a quoted paragraph without a verb continues its speaker)
            if carried and (cue_at is None or previous.agreement == agrees):
                kept = agrees if cue_at is not None else previous.agreement
                return replace(previous, found="carried over", agreement=kept)
            return UNRESOLVED
        if found is _DOCUMENT:
            if carried:  # the statement or study of the previous sentence's speaker
                return replace(previous, found="carried over", agreement=agrees)
            return UNRESOLVED
        if found is None or found is _NO_SOURCE:
            return UNRESOLVED
        if carried and self._body_again(found, previous):
            return replace(previous, found="carried over", agreement=agrees)
        return replace(found, agreement=agrees)

    @staticmethod
    def _body_again(found: Speaker, previous: Speaker) -> bool:
        """Whether the speaker is a body named by its noun alone (الوكالة) that the
        previous sentence's speaker named in full (وكالة أنباء الصين الجديدة)."""
        said = normalize_arabic(found.text or "").split()
        if len(said) != 1 or said[0] not in _BODY_AGAIN:
            return False
        before = normalize_arabic(previous.text or "").split()
        noun = said[0][2:]  # وكالة أنباء …, or the definite name itself (الشركة السعودية …)
        return bool(before) and before[0] in (noun, "و" + noun, said[0], "و" + said[0])

    def _speaker_in_sentence(
        self, sentence: str, tokens: list[Word], cue_at: int | None, cue: str | None,
        spans: list[tuple[int, int, dict]], attribution: bool,
    ) -> Speaker | None:  # fmt: skip
        """The speaker the sentence itself names (see :meth:`resolve`), :data:`_PRONOUN`
        or :data:`_DOCUMENT` for one the previous sentence names, or None."""
        if cue_at is None:  # a quotation without a reporting word: "X: «…»"
            colon = sentence.find(":")
            opener = next((i for i, t in enumerate(tokens) if t.start > colon), None)
            if colon > 0 and opener is not None and opener <= _BEFORE_WORDS:
                return self.classify(
                    sentence,
                    tokens,
                    self.phrase_before(sentence, tokens, opener),
                    spans,
                    "before the verb",
                )
            return _PRONOUN if _OPENS_QUOTE.match(sentence) else None
        cue_norm = normalize_arabic(cue or "").lower()
        cue_words = len(cue_norm.split())
        if attribution:
            return self._attributed(sentence, tokens, cue_at + cue_words, spans)
        if cue_norm in self.statements:
            issuer = self._statement_issuer(sentence, tokens, cue_at, spans)
            if issuer is not None and issuer is not _DOCUMENT:
                return issuer
        if (
            cue_norm in self.participles
            or cue_norm in self.statements
            or _inside_quotation(sentence, tokens[cue_at].start)
        ):
            # a participle, a statement, or a verb quoted in someone's words (ولا
            # يقولون لنا): the subject of the sentence's opening verb
            return self._sentence_subject(sentence, tokens, cue_at, spans)
        if _ARABIC.search(sentence):
            return self._arabic_speaker(sentence, tokens, cue_at, spans)
        return self._english_speaker(sentence, tokens, cue_at, spans)

    def _attributed(
        self, sentence: str, tokens: list[Word], start: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        """The source after بحسب / according to: an office, body, actor, agency or
        anonymous source, or a lone name set off by punctuation (بحسب أوباما،)."""
        # بحسب ما أفادت وكالة …، according to what X said: the verb's subject
        if start + 1 < len(tokens) and tokens[start].norm == "ما":
            said = tokens[start + 1]
            bare = said.norm.removesuffix("ها").removesuffix("ه")
            if not (_is(said, _SAID) or bare in _SAID):  # أكده، أعلنته
                return _NO_SOURCE  # بحسب ما نشر، حسب ما هو متوقع
            start += 2
            if _is(tokens[start - 1], _CAME) and start < len(tokens) and tokens[start].norm == "في":
                start += 1  # بحسب ما جاء في التقرير
        phrase = self.phrase_after(sentence, tokens, start, quoted=True)
        if phrase[0] < phrase[1] and not self._source_like(tokens[phrase[0]], phrase[0]):
            return _NO_SOURCE  # بحسب الحاجة، حسب التصنيف: not a source
        speaker = self.classify(sentence, tokens, phrase, spans, "after the cue")
        if speaker is None:
            return _NO_SOURCE
        if speaker is _DOCUMENT:
            return _DOCUMENT
        lone = phrase[1] - phrase[0] == 1 and (
            phrase[1] == len(tokens) or self._boundary(sentence, tokens, phrase[1])
        )
        if lone or self._strong(speaker, tokens, phrase):
            return speaker
        return _NO_SOURCE  # حسب رؤية الفنان: a noun, not a source

    def _arabic_speaker(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        # كان الوزير قد قال، وكان عراقجي يشير: the subject stands between كان and the verb
        kana = next(
            (
                i
                for i in range(cue_at - 1, max(-1, cue_at - 2 - _PHRASE_WORDS), -1)
                if _is(tokens[i], _KANA)
            ),
            None,
        )
        if kana is not None and not any(
            self._boundary(sentence, tokens, i) for i in range(kana + 1, cue_at + 1)
        ):
            end = cue_at - 1 if _is(tokens[cue_at - 1], _QAD) else cue_at
            bounded = self.phrase_after(sentence, tokens, kana + 1)[1]
            if (
                end <= kana + 1
                or bounded < end  # إذا كان ثلث السعوديات عوانس كما ذكرت: not a subject
                or _disagrees(tokens[cue_at], tokens[kana + 1])
                or self._ends_phrase(tokens[kana + 1], True)
            ):
                return None  # وكانت آخر مرة أعلن فيها: not the verb's subject
            return self.classify(sentence, tokens, (kana + 1, end), spans, "before the verb")
        before = self._subject_before(sentence, tokens, cue_at, spans)
        if before is not None:
            return before
        subject_at = self._past_recipient(sentence, tokens, cue_at + 1)
        # a time between the verb and its subject: قالت أمس الأربعاء وزارة الداخلية
        # (not a quotation's first word: وأضاف "اليوم تم …")
        while (
            subject_at < len(tokens) - 1
            and _is(tokens[subject_at], _TIMES)
            and not self._boundary(sentence, tokens, subject_at)
        ):
            subject_at += 1
        # a quoted name after the verb (ونقلت "رويترز" عن …، وقالت «الوطن» إن …), not a
        # quotation (وقالت «الحكومة لن تتراجع»)
        quoted = subject_at > cue_at + 1 or self._quoted_name(sentence, tokens, cue_at + 1)
        after = self._with_apposed_name(
            sentence, tokens, self.phrase_after(sentence, tokens, subject_at, quoted=quoted)
        )
        speaker = self.classify(sentence, tokens, after, spans, "after the verb")
        if (
            speaker is _DOCUMENT
            and after[1] + 1 < len(tokens)
            and _is(tokens[after[1] - 1], _ISSUED | _ISSUED_DEFINITE)
            and _is(tokens[after[1]], _AN)
        ):
            # وأكد البيان الصادر عن مكتب رئيس الوزراء: the issuer
            issuer = self.phrase_after(sentence, tokens, after[1] + 1)
            return self.classify(sentence, tokens, issuer, spans, "after the cue")
        if speaker is not None and _disagrees(tokens[cue_at], tokens[after[0]]):
            return None  # a masculine verb, a feminine noun: its object (وأكد صحة الخبر)
        if speaker is not None:
            # ونقلت الصحيفة عن مسؤول، ونقل التقرير عن عسكريين: the official speaks
            if (
                _is(tokens[cue_at], _NAQALA)
                and after[1] < len(tokens)
                and _is(tokens[after[1]], _AN)
                and not _PUNCTUATION.search(
                    sentence[tokens[after[1] - 1].end : tokens[after[1]].start].strip("»”\"' ")
                )
            ):
                source = self.phrase_after(sentence, tokens, after[1] + 1, quoted=True)
                return self.classify(sentence, tokens, source, spans, "after the cue") or speaker
            # a present-tense verb inside a sentence (أن يوضح، عمليات تؤكد، تارة يقول):
            # its subject usually stands before it, so only a named office or source
            # after it counts
            if (
                _present(tokens[cue_at])
                and not self._opens(tokens, cue_at)
                and (
                    _is(tokens[cue_at - 1], _SUBJUNCTIVE)
                    or not self._strong(speaker, tokens, after)
                )
            ):
                return None
            if self._speech_follows(sentence, tokens, after[1], cue_at):
                return speaker
            # a verb of assertion opening the sentence reports what its object says
            # (وأكد الوزير حرص المملكة، وأعلنت القوات المسلحة نجاح …) when an office,
            # body or actor, or a family name (وأكد الحمزي في بداية الاجتماع), is its subject
            if (
                _is(tokens[cue_at], _ASSERTING)
                and self._opens(tokens, cue_at)
                and (self._strong(speaker, tokens, after) or _family_name(tokens, after))
            ):
                return speaker
            # a subject, but no speech after it: أضاف اللاعب الهدف الثاني
            return None
        if after[0] == after[1] or _is(tokens[after[0]], _PRONOUNS):
            # no subject after the verb (وأضاف أن، وقال: «…»، وأكد سموه أن)
            end = max(after[1], cue_at + 1)
            if self._opens(tokens, cue_at) and self._speech_follows(sentence, tokens, end, cue_at):
                return _PRONOUN
        # a particle carrying the pronoun opens the sentence: لكنه قال إن، إلا أنه أضاف
        if (
            0 < cue_at <= 2
            and _is(tokens[cue_at - 1], _PRONOUN_PARTICLES)
            and self._speech_follows(sentence, tokens, cue_at + 1, cue_at)
        ):
            return _PRONOUN
        # a short noun phrase opening the sentence: مدير المنتخب فلان يؤكد
        opening = self.phrase_before(sentence, tokens, cue_at)
        conjoined = _stripped(tokens[cue_at].norm) != tokens[cue_at].norm  # وأوضح: a new clause
        if (
            opening[0] == 0
            and opening[1] > 0
            and not conjoined
            and not self._ends_phrase(tokens[0], True)
        ):
            return self.classify(sentence, tokens, opening, spans, "before the verb")
        # a sentence opening with a noun: الشرطة الشيشانية، من جانبها، ذكرت
        if 0 < cue_at <= _PHRASE_WORDS + 3 and _stripped(tokens[0].norm).startswith("ال"):
            opening = self.phrase_after(sentence, tokens, 0)
            speaker = self.classify(sentence, tokens, opening, spans, "before the verb")
            if speaker is not None and speaker is not _DOCUMENT:
                return speaker if self._strong(speaker, tokens, opening) else None
        # a second verb of the sentence's subject: ودافع أوباما عن الاتفاق وقال إنه …
        if cue_at > 2 and tokens[cue_at].norm[:1] == "و":
            return self._sentence_subject(sentence, tokens, cue_at, spans)
        return None

    def _subject_before(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        """A subject standing before the verb: after أما (أما السيد حسن … فيقول), after a
        complementizer (يذكر أن المديرية أعلنت), or before a present-tense verb at the
        start of the sentence (فإيران تقول، المدرب فلان يقول)."""
        if cue_at == 0:
            return None
        # أما X فيقول: X up to its first punctuation
        if tokens[cue_at].norm[:1] == "ف":
            amma = next(
                (
                    i
                    for i in range(max(0, cue_at - _PHRASE_WORDS), cue_at)
                    if tokens[i].norm == "اما"
                ),
                None,
            )
            if amma is not None:
                phrase = self.phrase_after(sentence, tokens, amma + 1)
                speaker = self.classify(sentence, tokens, phrase, spans, "before the verb")
                if speaker is not None and speaker is not _DOCUMENT:
                    return speaker
        if self._boundary(sentence, tokens, cue_at):
            return None
        # أن X أعلنت: X between the complementizer and the verb
        phrase = self.phrase_before(sentence, tokens, cue_at)
        if (
            1 < phrase[0] < cue_at
            and _is(tokens[phrase[0] - 1], _COMPLEMENTIZERS)
            and not _is(tokens[phrase[0] - 2], _SUBORDINATORS)
            and not self._boundary(sentence, tokens, phrase[0])
        ):
            speaker = self.classify(sentence, tokens, phrase, spans, "before the verb")
            if (
                speaker is not None
                and speaker is not _DOCUMENT
                and self._strong(speaker, tokens, phrase)
            ):
                return speaker
        # a present-tense verb after its subject: فإيران تقول، المدرب فلان يقول معلقا
        if (
            tokens[cue_at].norm[:1] in {"ي", "ت"}
            and not self._ends_phrase(tokens[cue_at - 1], True)
            and not _adverbial(tokens[cue_at - 1])
            and not _is(tokens[cue_at - 1], _KANA | _QAD | _PRONOUNS)
        ):
            speaker = self.classify(sentence, tokens, phrase, spans, "before the verb")
            # only a sentence's opening phrase or an actor (رسالة تقول is no one)
            if (
                speaker is not None
                and speaker is not _DOCUMENT
                and (phrase[0] == 0 or speaker.category == "actor")
            ):
                return speaker
        return None

    def _with_apposed_name(
        self, sentence: str, tokens: list[Word], phrase: tuple[int, int]
    ) -> tuple[int, int]:
        """An office's phrase extended over the name set off by commas after it, when
        the speech follows that name (وأوضح مدير عام الشؤون الصحية، الدكتور فلان الفلاني،
        أن …): the name is the speaker's, not a phrase of circumstance."""
        start, end = phrase
        if (
            start >= end
            or end >= len(tokens)
            or not any(_head_in(t, _TITLES | _ORGANISATIONS | _OFFICES) for t in tokens[start:end])
        ):
            return phrase
        if not _comma_before(sentence, tokens, end):
            return phrase
        name = self.phrase_after(sentence, tokens, end, quoted=True)  # after the comma
        close = name[1]
        if not 1 <= close - end <= 5 or close >= len(tokens):
            return phrase
        if not _comma_before(sentence, tokens, close):
            return phrase
        if not _is(tokens[close], _COMPLEMENTIZERS):
            return phrase
        # a name or a title (الدكتور فلان، حسن رامزه، رئيس نادي جدة الأدبي), not a
        # description (الهيئة، المشرفة على الممر البحري، أن) nor a topic (بشأن الهجوم
        # التركي، بخصوص القصف الروسي)
        segment = range(end, close)
        if any(i in self._adjectives for i in segment) or _is(tokens[end], _ABOUT):
            return phrase
        if not (
            any(_head_in(tokens[i], _TITLES) for i in segment)
            or not _stripped(tokens[end].norm).startswith("ال")
        ):
            return phrase
        return start, close

    def _quoted_name(self, sentence: str, tokens: list[Word], position: int) -> bool:
        """Whether word ``position`` opens a short quoted name (at most three words in
        quotation marks) followed by عن, a complementizer or a comma."""
        if position >= len(tokens):
            return False
        gap = sentence[tokens[position - 1].end : tokens[position].start]
        if not re.fullmatch(r"\s*[«“\"]\s*", gap):
            return False
        closing = re.search(r"[»”\"]", sentence[tokens[position].start :])
        if closing is None:
            return False
        stop = tokens[position].start + closing.start()
        inside = [i for i in range(position, len(tokens)) if tokens[i].end <= stop]
        after = inside[-1] + 1 if inside else len(tokens)
        if not inside or len(inside) > 3 or after >= len(tokens):
            return False
        return (
            tokens[after].norm == "عن"
            or _is(tokens[after], _COMPLEMENTIZERS | _TOWARDS)
            or "،" in sentence[stop : tokens[after].start]
        )

    def _past_recipient(self, sentence: str, tokens: list[Word], position: int) -> int:
        """The word after an addressee right after the verb (وأوضح لـ«عكاظ» الناطق …):
        a lone لـ and the quoted name after it (لـ«عكاظ»، لـ(عكاظ))."""
        if position + 1 >= len(tokens) or tokens[position].norm != "ل":
            return position
        name = tokens[position + 1].start  # the closing mark is after the name's first word
        closing = re.search(r"[»”\")]", sentence[name:])
        if closing is None:
            return position
        at = name + closing.end()
        nxt = next((i for i in range(position + 1, len(tokens)) if tokens[i].start >= at), None)
        if nxt is None or _PUNCTUATION.search(sentence[at : tokens[nxt].start]):
            return position
        return nxt

    def _english_speaker(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        before = self.phrase_before(sentence, tokens, cue_at)
        while before[0] < before[1] and tokens[before[0]].norm.lower() in {"the", "a", "an"}:
            before = (before[0] + 1, before[1])
        speaker = self.classify(sentence, tokens, before, spans, "before the verb")
        if speaker is not None and speaker is not _DOCUMENT:
            return speaker
        after = self.phrase_after(sentence, tokens, cue_at + 1)  # "said John Kerry"
        speaker = self.classify(sentence, tokens, after, spans, "after the verb")
        if speaker is not None and speaker is not _DOCUMENT:
            return speaker
        # "He added", "But she said": a pronoun opening the sentence
        opening = [t.norm.lower() for t in tokens[:cue_at]]
        if opening and opening[-1] in _PRONOUNS and set(opening[:-1]) <= {"and", "but", "so"}:
            return _PRONOUN
        return None

    def _statement_issuer(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        """The issuer of ``بيان``: بيان للوزارة، بيان صادر عن الوزارة، بيان أصدره الديوان."""
        position = cue_at + 1
        if position >= len(tokens) or self._boundary(sentence, tokens, position):
            return None
        if _is(tokens[position], _ISSUED):
            position += 1
            if position < len(tokens) and _is(tokens[position], _AN):
                position += 1
            phrase = self.phrase_after(sentence, tokens, position)
            return self.classify(sentence, tokens, phrase, spans, "after the cue")
        norm = tokens[position].norm
        if norm.startswith("ل") and len(norm) > 3:  # بيان للوزارة، بيان لرئيس الوزراء
            phrase = self.phrase_after(sentence, tokens, position)
            speaker = self.classify(sentence, tokens, phrase, spans, "after the cue")
            if speaker is not None and speaker.text:
                text = "ال" + speaker.text[2:] if norm.startswith("لل") else speaker.text[1:]
                return Speaker(speaker.category, speaker.actor, text, speaker.found)
            return speaker
        return None

    def _after_opener(self, sentence: str, tokens: list[Word]) -> int:
        """The first word after a short opening phrase set off by a comma (من جهته،
        من جانب آخر، في سياق متصل،), else 0."""
        if not tokens or not _is(tokens[0], _PREPOSITIONS):
            return 0
        for position in range(1, min(len(tokens), 5)):
            if self._boundary(sentence, tokens, position):
                return position
        return 0

    def _sentence_subject(
        self, sentence: str, tokens: list[Word], cue_at: int, spans: list[tuple[int, int, dict]]
    ) -> Speaker | None:
        """The subject of the verb opening the sentence, for a participle or noun cue
        (ونددت الوزارة في بيان …، وأعرب الوزير عن … مؤكدا), when an office, body, actor
        or anonymous source heads it: a bare noun after the verb may be its object
        (وقدم التهنئة للفارس …، مؤكدا)."""
        verb = self._after_opener(sentence, tokens)  # من جهته، أشاد الوزير … مؤكدا
        if cue_at < verb + 2 or _is(tokens[verb], _PREPOSITIONS | _ADVERBS | _KANA):
            return None
        if not _is(tokens[verb], _PREPOSITIONAL_VERBS):
            return None  # وجدد الوزير تأكيد …، أثار المدرب الشكوك: the object may follow
        following = tokens[verb + 1].norm if verb + 1 < len(tokens) else ""
        if following[:1] in {"ب", "ل"} and verb + 1 not in self._mentioned:
            return None  # ونوه بمساهمات …: the verb's object, its subject a pronoun
        phrase = self.phrase_after(sentence, tokens, verb + 1)
        if phrase[1] > cue_at:
            phrase = (phrase[0], cue_at)
        # the verb's complement opens with a preposition (أعرب الوزير عن، حذر الأمير
        # من); a phrase running to a comma may hold the verb's object (استنكر النائب
        # فلان العمل الإرهابي،)
        if (
            phrase[0] >= phrase[1]
            or phrase[1] >= len(tokens)
            or not _is(tokens[phrase[1]], _PREPOSITIONS)
            or self._boundary(sentence, tokens, phrase[1])
            or _disagrees(tokens[verb], tokens[phrase[0]])
        ):
            return None
        speaker = self.classify(sentence, tokens, phrase, spans, "subject of the sentence")
        if speaker is None or speaker is _DOCUMENT or not self._strong(speaker, tokens, phrase):
            return None
        return speaker


def _inside_quotation(sentence: str, at: int) -> bool:
    """Whether character ``at`` stands inside a quotation («…»، “…”، "…")."""
    before = sentence[:at]
    if before.count("«") > before.count("»") or before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1
