/**
 * Stop words: the common words that say little about what a text is about. Two lists, for two
 * jobs: the answer engine's (NLTK's English list) and the summarizer's (a news list).
 */

/**
 * NLTK's English stop words (179), which already cover wh-words and auxiliaries: the words the
 * answer engine neither indexes nor searches for.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself yourselves " +
    "he him his himself she she's her hers herself it it's its itself they them their theirs themselves " +
    "what which who whom this that that'll these those am is are was were be been being have has had having " +
    'do does did doing a an the and but if or because as until while of at by for with about against between ' +
    'into through during before after above below to from up down in out on off over under again further then ' +
    'once here there when where why how all any both each few more most other some such no nor not only own same ' +
    "so than too very s t can will just don don't should should've now d ll m o re ve y ain aren aren't couldn " +
    "couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn mightn't mustn " +
    "mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't wouldn wouldn't"
  ).split(' '),
);

/**
 * The summarizer's stop words: function words plus the words every news story is full of
 * (said, told, according, mr, year, day, time, new, first…), which would otherwise make any
 * sentence look central. Words as the summarizer's content-word tokeniser leaves them
 * (lowercase, inner apostrophes kept, so "it’s" is listed as written).
 */
export const SUMMARY_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet of to in on at by for from with into onto over under about after before ' +
    'as than that this these those there here it its it’s he she they we you i me him her them us our your ' +
    'his their my mine is are was were be been being am has have had having do does did done will would ' +
    'shall should can could may might must not no yes also just only very more most much many some any ' +
    'all each every other such own same too then once when while where who whom whose which what why how ' +
    'if because until up down out off again further said says say told tell according mr mrs ms dr one two ' +
    'new last first year years day days time week weeks s t ve ll re d m'
  ).split(' '),
);
