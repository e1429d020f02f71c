import type { Article, Match } from '../../src/types.ts';

export function makeArticle(id: string, title: string, date: string | null, paragraphs: string[], extra: Partial<Article> = {}): Article {
  return {
    id,
    title,
    date,
    source: extra.source ?? `${id}.txt`,
    ...extra,
    paragraphs: paragraphs.map((text, i) => ({ index: i + 1, text })),
  };
}

export function makeMatch(article: Article, paragraphIndex: number, sentence?: string, confidence = 0.8): Match {
  const paragraph = article.paragraphs[paragraphIndex - 1];
  return {
    article,
    paragraph,
    passage: paragraph.text,
    sentence: sentence ?? paragraph.text,
    score: confidence * 10,
    confidence,
  };
}

/** Articles with known answers, for the end-to-end tests. */
export function newsArticles(): Article[] {
  return [
    makeArticle(
      'embassy-attack',
      'Afghanistan assures Pakistan of action over Kabul embassy attack',
      '2022-12-03',
      [
        'Afghanistan has assured Pakistan it will track and bring those who attacked the embassy in Kabul to justice.',
        'The assurance came from Acting Foreign Minister Amir Khan Muttaqi. In a phone call with Foreign Minister Bilawal Bhutto Zardari, he condemned the attack on the embassy.',
        'A security guard took the bullets meant for the head of mission and protected him. The guard was critically injured and rushed to a local hospital.',
        'Pakistan also summoned the Afghan charge d’affaires to convey its deep concern over the attack.',
      ],
      { source: 'Dawn', url: 'https://www.dawn.com/news/1724435' },
    ),
    makeArticle(
      'harbour-bridge',
      'City council approves new harbour bridge',
      '2023-05-10',
      [
        'The city council voted on Tuesday to approve construction of a new harbour bridge.',
        'The bridge will cost 420 million dollars and take four years to build, the mayor said.',
        'Critics said the council ignored the ferry operators, who fear losing their passengers.',
      ],
      { source: 'Harbour Gazette' },
    ),
    makeArticle(
      'mentions-and-markdown',
      'Fans @everyone **shout** at <@&1> rally',
      '2021-01-15',
      [
        'At the rally, organisers told @everyone present to contact <@&1> and <@42> for tickets to the *final* match.',
        'The stadium holds 60,000 people and ~~sold~~ out within an hour, according to the ticket office.',
      ],
      { source: 'Sports @here Daily' },
    ),
  ];
}
