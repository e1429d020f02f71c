/**
 * The stem a word is indexed and searched under: common irregular verb forms mapped to their base
 * ("took", "taken" → "take", which Porter2 leaves apart), then Porter2.
 */
import { stem } from './porter2.ts';

/**
 * Irregular English verb forms → base form (Porter2 leaves took/taken/take apart). Common verbs
 * only; applied before stemming.
 */
const IRREGULAR = new Map<string, string>();
for (const group of (
  'arise arose arisen|awake awoke awoken|bear borne born|beat beaten|become became|begin began begun|' +
  'bend bent|bite bitten|bleed bled|blow blew blown|break broke broken|breed bred|bring brought|' +
  'build built|burn burnt|buy bought|catch caught|choose chose chosen|cling clung|come came|creep crept|' +
  'deal dealt|dig dug|draw drew drawn|dream dreamt|drink drank drunk|drive drove driven|eat ate eaten|' +
  'fall fell fallen|feed fed|feel felt|fight fought|find found|flee fled|fly flew flown|forbid forbade forbidden|' +
  'forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten|give gave given|' +
  'go went gone|grow grew grown|hang hung|hear heard|hide hid hidden|hold held|keep kept|' +
  'kneel knelt|know knew known|lay laid|lead led|leap leapt|learn learnt|leave left|lend lent|' +
  'light lit|lose lost|make made|mean meant|meet met|overcome overcame|overtake overtook overtaken|pay paid|' +
  'ride rode ridden|ring rang rung|rise risen|run ran|say said|see saw seen|seek sought|sell sold|' +
  'send sent|shake shook shaken|shine shone|shoot shot|show shown|shrink shrank shrunk|sing sang sung|' +
  'sink sank sunk|sit sat|slay slew slain|sleep slept|slide slid|speak spoke spoken|speed sped|spend spent|' +
  'spin spun|spring sprang sprung|stand stood|steal stole stolen|stick stuck|sting stung|stink stank stunk|' +
  'strike struck stricken|strive strove striven|swear swore sworn|sweep swept|swim swam swum|swing swung|' +
  'take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|' +
  'undergo underwent undergone|understand understood|undertake undertook undertaken|wake woke woken|' +
  'wear wore worn|weave wove woven|weep wept|win won|withdraw withdrew withdrawn|write wrote written'
).split('|')) {
  const [base, ...forms] = group.split(' ');
  for (const f of forms) IRREGULAR.set(f, base);
}

/** The stem used for indexing: irregular verb forms mapped to their base, then Porter2. */
export function stemWord(word: string): string {
  return stem(IRREGULAR.get(word) ?? word);
}

/** A stemmer with a cache per distinct word (stemming dominates indexing time otherwise). */
export class CachedStemmer {
  private readonly cache = new Map<string, string>();
  stem(word: string): string {
    let s = this.cache.get(word);
    if (s === undefined) {
      s = stemWord(word);
      this.cache.set(word, s);
    }
    return s;
  }
}
