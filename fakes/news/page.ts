import type { Story } from './stories.ts';

/** Escapes text for HTML. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A story as a modern news site serves it: navigation, a cookie banner, share buttons, an
 * advert and a newsletter box inside the story, related stories, comments and a footer, with
 * JSON-LD and Open Graph metadata. Links are relative, as sites write them.
 */
export function articlePage(story: Story, site = 'The Riverside Courier'): string {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.headline,
    datePublished: story.published,
    author: [{ '@type': 'Person', name: story.author }],
    publisher: { '@type': 'Organization', name: site },
  };
  const body = story.body
    .map((p, i) => {
      const para = p.startsWith('## ') ? `<h2>${esc(p.slice(3))}</h2>` : `<p>${esc(p)}</p>`;
      if (i === 2) return `${para}\n<div class="ad-slot ad-inline"><span>Advertisement</span><a href="/ads/1">Buy the new Vortex 9 phone today, only 499 euros</a></div>`;
      if (i === 4)
        return `${para}\n<aside class="newsletter-signup"><h3>Get the morning briefing</h3><p>Sign up for our newsletter and get the day’s news in your inbox.</p></aside>`;
      return para;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(story.headline)} | ${esc(site)}</title>
<link rel="canonical" href="/news/${story.slug}">
<meta property="og:site_name" content="${esc(site)}">
<meta property="og:title" content="${esc(story.headline)}">
<meta property="article:published_time" content="${story.published}">
<meta name="author" content="${esc(story.author)}">
<script type="application/ld+json">${JSON.stringify(ld)}</script>
<script>document.title = 'scripts never run'; window.location = '/never';</script>
</head>
<body>
<div class="cookie-consent" role="dialog"><p>We use cookies to improve your experience. Accept all cookies?</p><button>Accept</button></div>
<header class="site-header"><a href="/" class="logo">${esc(site)}</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li><li><a href="/weather">Weather</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
</header>
<main>
<article>
<h1>${esc(story.headline)}</h1>
<div class="byline">By ${esc(story.author)} · <time datetime="${story.published}">${story.published.slice(0, 10)}</time></div>
<div class="share-tools"><a href="/share/x">Share on X</a> <a href="/share/fb">Share on Facebook</a> <a href="/share/mail">Email</a></div>
<div class="article-body">
${body}
</div>
</article>
<section class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/news/a">Council approves new budget for road repairs after long debate</a></li>
<li><a href="/news/b">Ferry timetable changes for the winter season announced</a></li>
<li><a href="/news/c">Weekend markets return to the old town square in spring</a></li>
</ul></section>
<section id="comments" class="comments"><h2>3 comments</h2>
<div class="comment"><p>Finally! I have been waiting for this for ages, great news for everyone in the neighbourhood.</p></div>
<div class="comment"><p>Too expensive and too late, as usual with this council. Nobody asked the residents.</p></div>
<div class="comment"><p>Does anyone know whether the parking rules change as well?</p></div>
</section>
</main>
<aside class="sidebar"><h2>Most read</h2><ol><li><a href="/news/x">Storm warning for the coast tonight</a></li><li><a href="/news/y">Football club signs young striker</a></li></ol></aside>
<footer class="site-footer"><p>© 2026 ${esc(site)}. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
`;
}

/** A story as an old site serves it: tables, <font>, paragraphs separated by <br><br>, no metadata. */
export function oldStylePage(story: Story): string {
  const text = story.body
    .filter((p) => !p.startsWith('## '))
    .map(esc)
    .join('<br><br>\n');
  return `<html><head><title>${esc(story.headline)}</title></head>
<body bgcolor="white">
<table width="100%"><tr><td><a href="/">Home</a> | <a href="/archive">Archive</a> | <a href="/contact">Contact</a></td></tr></table>
<table><tr><td width="150" valign="top"><a href="/links">Links</a><br><a href="/guestbook">Guestbook</a></td>
<td valign="top"><font face="Arial"><b>${esc(story.headline)}</b><br><br>
${text}
</font></td></tr></table>
<p><font size="1">Last changed by the webmaster. Best viewed with any browser.</font></p>
</body></html>
`;
}
