"""Pages known by their address not to be articles: home pages, tag/category/author listings, date
archives, later pages of a list, feeds, dictionary entries, the site's own pages (terms,
privacy, about, contact, FAQ), a section's front page; article addresses stay articles."""

import polars as pl
import pytest

from mediaframe.clean.addresses import listing_address
from mediaframe.clean.pages import CleaningRules, clean_documents

SITE_PAGE = "the site's own page (terms, privacy, about, contact or FAQ)"
SECTION = "a section's front page"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.zamanalwsl.net/", "the site's home page"),
        ("http://www.irna.ir/ar/", "the site's home page"),
        ("http://example.com/index.php", "the site's home page"),
        ("https://www.example.com/tag/%D8%BA%D8%B2%D8%A9", "a tag listing"),
        ("http://mubasher.aljazeera.net/tags/%D8%A7%D9%84%D8%A5%D8%AE", "a tag listing"),
        ("http://www.panet.co.il/category/city/5", "a category listing"),
        ("http://www.aliraqia.edu.iq/engineering/cat/2/P352", "a category listing"),
        ("http://www.souriat.com/category/news/local-news/page/5", "a category listing"),
        ("http://freeswcc.com/ar/archives/author/admin2", "an author's listing"),
        (
            "http://blog.iraq.im/search/label/%D8%B9%D8%B3%D9%83%D8%B1%D9%8A%D8%A9",
            "a label listing",
        ),
        ("https://hskalla.wordpress.com/2017/04/10/", "a date archive"),
        ("http://athawra-news-tunisie.blogspot.com/2015/06/", "a date archive"),
        ("http://aliraqnet.net/2017/06/page/4/", "a date archive"),
        ("https://www.iraqpressagency.com/?m=201711", "a date archive"),
        ("http://marsadpress.net/?tag=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7", "a tag listing"),
        ("http://marsadpress.net/?cat=60&paged=2", "a category listing"),
        ("http://example.com/news/page/3", "a later page of a list"),
        ("https://ar.globalvoices.org/category/world/iran/feed/", "a feed"),
        ("http://topart2000.blogspot.com/2011_06_19_archive.html", "a date archive"),
        ("http://blog.example.com/2017_09_archive.html", "a date archive"),
        (
            "http://www.tolerancy.org/index.php/ar/news-ar/national-ar?start=6",
            "a later page of a list",
        ),
        ("http://www.naqed.info/naqed/index.php?start=45", "a later page of a list"),
        ("http://www.irna.ir/ar/index.php", "the site's home page"),
        ("https://www.almaany.com/ar/dict/ar-ar/%D8%AD%D8%B1%D8%B1%D8%AA/", "a dictionary entry"),
        ("https://www.merriam-webster.com/dictionary/truce", "a dictionary entry"),
        ("http://www.islamtoday.net/albasheer/artlist-13-1.htm", "a list of articles"),
        ("http://m.eljareedah.com/sections-10.html", "a list of articles"),
        ("http://x.com/news/category_5.php", "a list of articles"),
        (
            "https://www.marefa.org/%D8%A7%D9%84%D8%A3%D8%AD%D8%AF%D8%A7%D8%AB_%D8%A7%D9%84%D8%AC"
            "%D8%A7%D8%B1%D9%8A%D8%A9/%D8%A3%D8%B1%D8%B4%D9%8A%D9%81/%D8%AF%D9%8A%D8%B3%D9%85"
            "%D8%A8%D8%B1_2005",
            "a date archive",
        ),
        ("https://www.whatsapp.com/legal/?l=ar", SITE_PAGE),
        ("https://eg.toluna.com/privacy", SITE_PAGE),
        ("http://www5.albankaldawli.org/meetings/spring/2017/about.htm", SITE_PAGE),
        ("http://www.ustraveldocs.com/jo_ar/jo-gen-faq.asp", SITE_PAGE),
        ("https://example.com/about-us/", SITE_PAGE),
        ("https://example.com/%D9%85%D9%86-%D9%86%D8%AD%D9%86", SITE_PAGE),  # من-نحن
        ("https://example.com/legal/privacy-policy", SITE_PAGE),
        ("https://example.com/pages/terms-of-use.html", SITE_PAGE),
        # a later page or a period after a path that names no article
        ("http://www.al-akhbar.com/syria?page=5", "a later page of a list"),
        ("http://www.un.org/arabic/news/topstory.asp?month=4&year=2009", "a date archive"),
        ("http://www.alqarn.dj/pages/Archive.php?MyDate=29-12-2016", "a date archive"),
        # a section's front page
        ("http://www.coumc.com/news/", SECTION),
        ("http://www.almaghribtoday.net/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9", SECTION),  # رياضة
        ("https://sa.investing.com/news/world-news", SECTION),
    ],
)
def test_listing_addresses(url, kind):
    assert listing_address(url) == f"{kind} (by its address)"


@pytest.mark.parametrize(
    "url",
    [
        "http://alkhabar-sy.com/?p=26615",  # WordPress article id
        "http://stepagency-sy.net/archives/173409",  # WordPress article permalink
        "http://www.watanserb.com/2017/12/04/%D8%A7%D8%BA%D8%AA%D9%8A%D8%A7%D9%84/",
        "https://x.com/category/news/12345-some-long-story-title.html",
        "https://x.com/category/politics/assad-meets-the-russian-envoy-in-damascus",
        "http://www.alef-yaa.com/index.php?type=article&operation=read&idArticle=62874",
        "http://www.sci.cu.edu.eg/?q=node/17",
        "http://www.alkhaleej.ae/informations/page/6031afb4-3501",
        "https://www.bbc.com/news/world-middle-east-42046093",
        "http://marsadpress.net/?m=latest",  # not a date: no listing key value
        # an article's own later page, by its slug or its id
        "http://x.com/news/123-some-long-story-title.html?start=2",
        "http://x.com/index.php/ar/news/12345?limitstart=1",
        "http://blog.example.com/2011/06/the-archive.html",
        "https://x.com/dictionary/the-words-that-defined-the-syrian-war-in-2017.html",
        # an article whose slug holds a site page's word
        "https://www.sasapost.com/all-you-need-to-know-about-muslims-in-myanmar/",
        "https://x.com/news/facebook-privacy-rules-change-again.html",
        "http://www.legal-agenda.com/article.php?id=3929",
        "https://x.com/about/12345",
        # an article named by a slug, a number or its query, under a section
        "http://www.kataeb.org/%D8%B9%D9%88%D9%86-%D8%A7%D9%84%D9%89-%D8%AA%D8%B1%D9%83%D9%8A%D8%A7"
        "-%D9%84%D9%84%D9%85%D8%B4%D8%A7%D8%B1%D9%83%D8%A9/2017/12/09/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1",
        "http://jpnews-sy.com/ar/news.php?id=133963",
        "http://www.alayam.com/online/sport/641542/News.html",
        "http://anhri.net/reports/libya/",  # one report under a section
        "http://x.com/news/12345?page=2",
        "http://x.com/news/assad-meets-the-envoy-in-damascus?page=2",
        "http://x.com/news/story.php?id=5&month=4",
        "http://www.alarab-news.com/alaalam/article-1609747.html",
        "http://www.aleqt.com/2015/08/11/article_980901.html",
        "http://x.com/catalog-5.html",
        "https://www.marefa.org/%D8%A3%D8%AD%D8%AF%D8%A7%D8%AB_11_%D8%B3%D8%A8%D8%AA%D9%85%D8%A8%D8%B1_2001",
        None,
        "",
        "not an address",
    ],
)
def test_article_addresses(url):
    assert listing_address(url) is None


LEAD = "قالت مصادر محلية إن اشتباكات عنيفة اندلعت في محيط مدينة إدلب منذ صباح اليوم بين الفصائل ."
MORE = "وأضافت المصادر أن الاشتباكات أسفرت عن سقوط قتلى وجرحى من الطرفين دون أن تحدد عددهم بدقة ."


def _documents(url: str, title: str | None = None) -> pl.DataFrame:
    row = {"source": "pages.jsonl", "record": 1, "doc_id": "d1", "outlet": "example.com"}
    row |= {"published": None, "url": url, "language": None, "title": title}
    row |= {"text": f"اشتباكات في إدلب\n{LEAD}\n{MORE}", "comments_text": None}
    return pl.DataFrame([row])


def test_a_listing_address_sends_the_scraped_page_to_the_rejects():
    tables = clean_documents(_documents("https://example.com/tag/idlib/"), CleaningRules())
    assert tables["articles"].is_empty()
    (reason,) = tables["rejects"]["reason"].to_list()
    assert reason.startswith("no article: the page is a tag listing (by its address). Fix:")
    assert "clean.keep_non_articles: true" in reason
    audit = tables["audit"]["reason"].unique().to_list()
    assert audit == ["not an article: a tag listing (by its address)"]
    kept = clean_documents(
        _documents("https://example.com/tag/idlib/"), CleaningRules(keep_non_articles=True)
    )
    assert kept["rejects"].is_empty() and LEAD in kept["articles"]["text"][0]


def test_the_same_page_at_an_article_address_is_kept():
    tables = clean_documents(
        _documents("https://example.com/2018/01/02/clashes-in-idlib-leave-dead/"), CleaningRules()
    )
    assert tables["rejects"].is_empty()
    assert LEAD in tables["articles"]["text"][0]


def test_a_structured_corpus_keeps_records_whose_url_is_a_front_page():
    # Some data sets give every record its outlet's home page as the url: with a title
    # field the record is an article from a feed, not a crawled page.
    tables = clean_documents(_documents("https://example.com/", title="اشتباكات"), CleaningRules())
    assert tables["rejects"].is_empty() and tables["articles"].height == 1
