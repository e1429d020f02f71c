/**
 * The fake news site's stories, written for these tests (no real page is copied). Each becomes
 * an article page wrapped in the furniture real sites put around a story, and an item in the
 * fake feeds.
 */
export interface Story {
  slug: string;
  headline: string;
  author: string;
  /** ISO time of publication. */
  published: string;
  summary: string;
  /** Paragraphs; a string starting with `## ` is a subheading. */
  body: string[];
}

export const STORIES: Story[] = [
  {
    slug: 'harbour-bridge-reopens',
    headline: 'Harbour bridge reopens after two years of repairs',
    author: 'Mara Lindqvist',
    published: '2026-11-30T08:15:00+01:00',
    summary: 'The old harbour bridge carries traffic again. Engineers replaced every cable.',
    body: [
      'The harbour bridge reopened to traffic on Monday morning, two years after engineers closed it when inspectors found corroded cables under the deck.',
      'About 40,000 vehicles a day crossed the bridge before it shut, and the detour through the industrial district added twenty minutes to many commutes.',
      '## What was repaired',
      'Every one of the 112 suspension cables was replaced, and the steel deck was resurfaced with a lighter composite that should last forty years.',
      'The work cost 310 million euros, about a fifth more than planned, because the steel had to be ordered twice after the first batch failed its tests.',
      'Cyclists get a separate lane for the first time, divided from cars by a low concrete barrier along the whole span.',
      '"We built it to carry our grandchildren," the city engineer, Paulo Brandt, said at the opening ceremony.',
    ],
  },
  {
    slug: 'library-night-opening',
    headline: 'City library to stay open until midnight during exams',
    author: 'Jonas Okafor',
    published: '2026-11-29T17:40:00Z',
    summary: 'Students asked for longer hours. The council agreed to a six-week trial.',
    body: [
      'The central library will stay open until midnight for six weeks from January, the council decided on Thursday, after students collected 4,000 signatures.',
      'Reading rooms on the second and third floors will be staffed by two librarians and a security guard each evening.',
      'The trial costs 85,000 euros, paid from the culture budget, and will be judged on how many people use the rooms after ten o’clock.',
      'Librarians said the quiet floors were full by noon on most days in the last exam season, and many students worked in cafés instead.',
      'If the trial succeeds, the council will consider late opening for the two district libraries as well.',
    ],
  },
  {
    slug: 'river-cleanup-record',
    headline: 'Volunteers pull record haul of rubbish from the river',
    author: 'Ines Moreau',
    published: '2026-11-28T11:00:00Z',
    summary: 'Over 600 volunteers removed nine tonnes of waste. Most of it was plastic.',
    body: [
      'More than 600 volunteers removed nine tonnes of rubbish from the river banks on Saturday, the largest haul since the annual cleanup began in 2011.',
      'Plastic bottles and food packaging made up most of the waste, but the teams also found three shopping trolleys, a piano stool and a motorbike.',
      'The organisers said heavy autumn rain had washed much more litter into the water than usual this year.',
      'The city has promised to install twenty new bins along the riverside path before the summer.',
      'Next year’s cleanup is planned for the last Saturday of November, and schools have already signed up to take part.',
    ],
  },
  {
    slug: 'tram-line-extension',
    headline: 'Tram line to be extended to the new hospital',
    author: 'Mara Lindqvist',
    published: '2026-11-27T09:30:00Z',
    summary: 'Line 4 will reach the hospital in 2029. Construction starts next spring.',
    body: [
      'Tram line 4 will be extended by 3.2 kilometres to reach the new university hospital, the transport authority announced on Friday.',
      'Construction of the four new stops is due to begin next spring, and the first trams should run in the autumn of 2029.',
      'The extension will cost 190 million euros, two thirds of which come from a national fund for public transport.',
      'Residents along the route will be able to comment on the plans at three public meetings in January.',
      'Hospital staff have long complained that the only bus to the site is crowded and slow at shift changes.',
    ],
  },
];
